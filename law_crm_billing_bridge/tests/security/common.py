import json
import xmlrpc.client
from datetime import datetime, timedelta

from markupsafe import Markup

from odoo import Command
from odoo.addons.law_crm.tests.portal_common import LawPortalSetup
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.tools import mute_logger

from ..common import LawBillingHttpCommon

# What an attacker may get back without anything leaking.
REFUSED = (AccessError, MissingError, UserError)


class AttackSetup(LawPortalSetup, LawBillingHttpCommon):
    """One protected matter with something behind every door, and the five
    kinds of attacker of issue 9 (plus a billing user behind its wall).

    The protected matter is the test firm's walled matter *Nordvik v. Motpart*:
    Nordvik is its client, ``partner_walled`` (a firm partner) and
    ``billing_walled`` are behind its ethical wall, it is not shared on the
    portal. Attackers:

    - ``lawyer_out``: an internal lawyer staffed on none of the matters;
    - ``partner_walled``: a partner behind the matter's ethical wall;
    - ``other_client``: the portal user of another client (Fjell AS);
    - ``integration``: an internal machine account (phone system, document
      system) with an API key, in no law group;
    - anonymous: Odoo's public user for the ORM, no session over HTTP.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_portal()
        cls.integration = cls._law_user("integration", "base.group_user")
        cls.public = cls.env.ref("base.public_user")
        cls.protected = cls.walled
        matter = cls.protected
        # Behind every door: something of the protected matter.
        cls.secret_doc = cls.env["ir.attachment"].create(
            {
                "name": "settlement-brief.png",
                # A 1x1 PNG, so /web/image serves it if it can.
                "datas": (
                    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGA"
                    "hKmMIQAAAABJRU5ErkJggg=="
                ),
                "res_model": "project.project",
                "res_id": matter.id,
            }
        )
        cls.secret_message = matter.message_post(
            body=Markup("<p>Privileged advice on the settlement</p>"),
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachment_ids=cls.secret_doc.ids,
        )
        cls.secret_task = cls.env["project.task"].create(
            {"name": "Draft the settlement offer", "project_id": matter.id}
        )
        cls.secret_activity = matter.activity_schedule(
            "mail.mail_activity_data_todo",
            summary="Call Motpart about the settlement",
            user_id=cls.responsible.id,
        )
        cls.secret_log = cls.env["law.correspondence"].create(
            {
                "matter_id": matter.id,
                "kind": "phone",
                "subject": "Settlement call with Motpart",
                "partner_ids": [Command.link(cls.counterparty.id)],
            }
        )
        cls.secret_time = cls._time(matter, cls.responsible, 2, name="Settlement strategy")
        cls.secret_invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.client.id,
                "law_matter_id": matter.id,
                "invoice_date": "2026-11-30",
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Settlement negotiations", "quantity": 1, "price_unit": 9000}
                    )
                ],
            }
        )
        cls.secret_invoice.action_post()
        cls.secret_funds = cls.env["law.client.fund.entry"].create(
            {"matter_id": matter.id, "kind": "advance", "amount": 7000, "date": "2026-11-02"}
        )
        cls.secret_funds.action_post()
        matter.message_subscribe(partner_ids=cls.responsible.partner_id.ids)
        # Tokens exist on real matters (notification emails create them).
        cls.matter_token = matter.sudo()._portal_ensure_token()
        cls.task_token = cls.secret_task.sudo()._portal_ensure_token()
        cls.secrets = (
            matter.name,
            matter.matter_number,
            "Privileged advice",
            "settlement-brief",
            "Draft the settlement offer",
            "Call Motpart about the settlement",
            "Settlement call with Motpart",
            "Settlement strategy",
            "Settlement negotiations",
        )
        cls.internal_attackers = (cls.lawyer_out, cls.partner_walled, cls.integration)
        cls.orm_attackers = (*cls.internal_attackers, cls.other_client, cls.public)
        cls.api_keys = {}
        for user in (*cls.internal_attackers, cls.other_client):
            cls.api_keys[user] = (
                cls.env["res.users.apikeys"]
                .with_user(user)
                .sudo()
                ._generate("rpc", "attack", datetime.now() + timedelta(days=1))
            )

    # -- assertions ------------------------------------------------------------

    def assert_clean(self, data, what=""):
        """Nothing of the protected matter in ``data`` (any shape, any bytes)."""
        text = (
            data.decode(errors="replace")
            if isinstance(data, bytes)
            else json.dumps(data, default=str)
        )
        for secret in self.secrets:
            self.assertNotIn(secret, text, f"{what}: leaked {secret!r}")
        if isinstance(data, bytes):
            # /web/image answers a refusal with a placeholder image: what
            # must not come back is the protected file itself.
            self.assertNotEqual(data, self.secret_doc.raw, f"{what}: served the protected file")

    def try_orm(self, user, call, what=""):
        """Run ``call(env)`` as ``user``: refused, or nothing of the matter."""
        env = self.env(user=user.id, su=False)
        try:
            with mute_logger("odoo.models", "odoo.addons.base.models.ir_rule"):
                result = call(env)
        except REFUSED:
            return None
        if hasattr(result, "_name"):  # a recordset
            result = result.read(["display_name"]) if result else []
        self.assert_clean(result, what)
        return result

    def each_attacker(self, call, attackers=None):
        for user in attackers or self.orm_attackers:
            with self.subTest(attacker=user.login):
                call(user)

    def rpc(self, user, model, method, *args, **kwargs):
        """XML-RPC as ``user``: the result, or None when refused with a fault."""
        password = user.login * 2
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, user.login, password, {})
        self.assertTrue(uid)
        try:
            with mute_logger("odoo.http"):
                return self.xmlrpc_object.execute_kw(
                    self.env.cr.dbname, uid, password, model, method, list(args), kwargs
                )
        except xmlrpc.client.Fault:
            return None

    def json2(self, user, model, method, **body):
        """JSON-2 (Odoo 19's external API) with ``user``'s API key."""
        headers = {"Content-Type": "application/json"}
        if user:
            headers["Authorization"] = f"Bearer {self.api_keys[user]}"
        with mute_logger("odoo.http"):
            response = self.url_open(
                f"/json/2/{model}/{method}", data=json.dumps(body), headers=headers
            )
        return response
