from odoo import Command
from odoo.tests import new_test_user


class LawPortalSetup:
    """The test firm's client Nordvik Holding AS on the portal.

    - ``client_en`` / ``client_nb``: portal users, contacts of Nordvik
      (English and bokmål), whose matter ``cls.matter`` is shared with them;
      Nordvik's walled matter is not shared;
    - ``other_client``: the portal user of another client, Fjell AS, with a
      shared matter of its own; must see nothing of Nordvik's.
    """

    @classmethod
    def _create_portal(cls):
        Partner = cls.env["res.partner"]
        cls.env["res.lang"]._activate_lang("nb_NO")
        cls.env["ir.module.module"]._load_module_terms(["law_crm", "portal"], ["nb_NO"])

        def portal_user(login, partner, lang="en_US"):
            return new_test_user(
                cls.env,
                login=login,
                groups="base.group_portal",
                password=login * 2,
                partner_id=partner.id,
                lang=lang,
            )

        cls.nora = Partner.create(
            {"name": "Nora Nordvik", "parent_id": cls.client.id, "email": "nora@nordvik.example"}
        )
        cls.nils = Partner.create(
            {"name": "Nils Nordvik", "parent_id": cls.client.id, "email": "nils@nordvik.example"}
        )
        cls.fjell = Partner.create({"name": "Fjell AS", "is_company": True})
        cls.client_en = portal_user("client_en", cls.nora)
        cls.client_nb = portal_user("client_nb", cls.nils, lang="nb_NO")
        cls.other_client = portal_user("other_client", cls.fjell)

        Attachment = cls.env["ir.attachment"]
        cls.shared_doc = Attachment.create(
            {
                "name": "engagement-letter.txt",
                "raw": b"Engagement letter",
                "res_model": "project.project",
                "res_id": cls.matter.id,
            }
        )
        cls.internal_doc = Attachment.create(
            {
                "name": "internal-memo.txt",
                "raw": b"privileged internal memo",
                "res_model": "project.project",
                "res_id": cls.matter.id,
            }
        )
        cls.matter.write(
            {
                "law_portal_shared": True,
                "law_portal_note": "Hearing on 12 January. We will send you the draft pleading.",
                "law_portal_document_ids": [Command.link(cls.shared_doc.id)],
            }
        )
        # Two meetings on the shared matter: the hearing is shown to the
        # client, the internal preparation meeting is not.
        on_matter = {
            "res_model_id": cls.env["ir.model"]._get_id("project.project"),
            "res_id": cls.matter.id,
            "user_id": cls.responsible.id,
        }
        cls.hearing, cls.prep_meeting = cls.env["calendar.event"].create(
            [
                dict(
                    on_matter,
                    name="Main hearing, Oslo tingrett",
                    location="Oslo tingrett, room 3",
                    start="2099-01-12 08:00:00",
                    stop="2099-01-12 15:00:00",
                    law_portal_shared=True,
                ),
                dict(
                    on_matter,
                    name="Internal preparation: witness strategy",
                    start="2099-01-10 08:00:00",
                    stop="2099-01-10 09:00:00",
                ),
            ]
        )
        # Nordvik's walled matter: Nordvik is its client too, but it is not shared.
        cls.walled.law_portal_note = "Not for the client yet"
        cls.fjell_matter = (
            cls.env["project.project"]
            .with_context(mail_create_nolog=True)
            .create(
                {
                    "is_matter": True,
                    "name": "Fjell – boundary dispute",
                    "user_id": cls.responsible.id,
                    "partner_id": cls.fjell.id,
                    "law_portal_shared": True,
                }
            )
        )
