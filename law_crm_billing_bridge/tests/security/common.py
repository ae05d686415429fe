from markupsafe import Markup

from odoo import Command
from odoo.addons.law_crm.tests.portal_common import LawPortalSetup
from odoo.addons.law_crm.tests.security.common import AttackMixin

from ..common import LawBillingHttpCommon


class AttackSetup(AttackMixin, LawPortalSetup, LawBillingHttpCommon):
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
        cls._create_attackers()
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
        # A meeting scheduled on the matter, ticked for the client's portal
        # (the matter itself is not shared, so no client may see it).
        cls.secret_meeting = cls.env["calendar.event"].create(
            {
                "name": "Settlement meeting at Motpart's lawyers",
                "start": "2027-01-12 09:00:00",
                "stop": "2027-01-12 10:00:00",
                "res_model_id": cls.env["ir.model"]._get_id("project.project"),
                "res_id": matter.id,
                "user_id": cls.responsible.id,
                "partner_ids": [Command.set(cls.responsible.partner_id.ids)],
                "law_portal_shared": True,
            }
        )
        # The intake inquiry the matter was created from (unassigned, so
        # every CRM salesperson, i.e. every lawyer, reads it by Odoo's rules).
        cls.secret_lead = cls.env["crm.lead"].create(
            {
                "name": f"{matter.name} (intake)",
                "partner_id": cls.client.id,
                "user_id": False,
                "law_matter_id": matter.id,
            }
        )
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
            "Settlement meeting",
        )
        cls.protected_files = (cls.secret_doc.raw,)
