import json
import xmlrpc.client
from datetime import datetime, timedelta

from odoo.exceptions import AccessError, MissingError, UserError
from odoo.tests import new_test_user
from odoo.tools import mute_logger

# What an attacker may get back without anything leaking.
REFUSED = (AccessError, MissingError, UserError)


class AttackMixin:
    """The attacker's tools for the attack suites (law_crm_billing_bridge and
    law_crm_gdpr ``tests/security``), on an ``HttpCase`` with the law_crm test
    firm and its portal clients (``LawPortalSetup``).

    A suite sets ``cls.secrets`` (strings of the protected matter that must
    never come back) and ``cls.protected_files`` (bytes of its documents),
    and calls :meth:`_create_attackers`. Attackers: ``lawyer_out`` (internal,
    outside the matter), ``partner_walled`` (a partner behind its ethical
    wall), ``other_client`` (portal client of another matter), ``integration``
    (an API user in no law group) and anonymous (Odoo's public user for the
    ORM, no session over HTTP).
    """

    @classmethod
    def _create_attackers(cls):
        cls.integration = new_test_user(
            cls.env,
            login="integration",
            groups="base.group_user,base.group_allow_export",
            password="integration" * 2,
            email="integration@firm.example",
        )
        cls.public = cls.env.ref("base.public_user")
        cls.internal_attackers = (cls.lawyer_out, cls.partner_walled, cls.integration)
        cls.orm_attackers = (*cls.internal_attackers, cls.other_client, cls.public)
        cls.api_keys = {}
        for user in (*cls.internal_attackers, cls.other_client):
            # sudo: an API key is generated for the test's own attacker user.
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
            # must not come back is a protected file itself.
            for raw in self.protected_files:
                self.assertNotIn(raw, data, f"{what}: served a protected file")

    def assert_report_refused(self, report, record_id):
        """The QWeb report ``report`` of ``record_id``: no PDF, and its HTML
        rendering carries nothing of the matter."""
        pdf = self.url_open(f"/report/pdf/{report}/{record_id}")
        self.assertNotEqual(pdf.content[:4], b"%PDF")
        html = self.url_open(f"/report/html/{report}/{record_id}")
        self.assert_clean(html.content, f"/report/html/{report}")

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

    def try_rpc(self, user, model, method, *args, **kwargs):
        """XML-RPC as ``user`` (``LawCrmHttpCommon.rpc``): the result, or None
        when refused with a fault."""
        try:
            with mute_logger("odoo.http"):
                return self.rpc(user, model, method, *args, **kwargs)
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

    def http_attackers(self):
        """(label, login or None) for the HTTP doors: each internal attacker,
        the other client, and an anonymous visitor without a session."""
        return [(u.login, u.login) for u in (*self.internal_attackers, self.other_client)] + [
            ("anonymous", None)
        ]

    def each_http(self, call):
        for label, login in self.http_attackers():
            with self.subTest(attacker=label):
                if login:
                    self.authenticate(login, login * 2)
                else:
                    self.authenticate(None, None)  # a public session
                with mute_logger("odoo.http", "odoo.addons.base.models.ir_attachment"):
                    call(login)
