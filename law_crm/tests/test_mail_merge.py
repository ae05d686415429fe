from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import LawCrmCommon


@tagged("post_install", "-at_install")
class TestMailMerge(LawCrmCommon):
    """One template, many recipients: one correct copy per recipient, logged."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.anna, cls.bjorn = Partner.create(
            [
                {"name": "Anna Berg", "email": "anna@example.no", "lang": "en_US"},
                {
                    "name": "Bjørn Dahl",
                    "email": "bjorn@example.no",
                    "lang": "en_US",
                    "street": "Storgata 1",
                    "zip": "0155",
                    "city": "Oslo",
                },
            ]
        )
        cls.client.write({"email": "post@nordvik.example", "lang": "en_US"})
        cls.template = cls.env["mail.template"].create(
            {
                "name": "Seminar",
                "model_id": cls.env["ir.model"]._get_id("res.partner"),
                "subject": "Invitation for {{ object.name }}",
                "body_html": "<p>Dear <t t-out='object.name'/>, welcome.</p>",
            }
        )
        cls.matter_template = cls.env.ref("law_crm.mail_template_law_merge_matter")

    def _merge(self, **vals):
        Merge = self.env["law.mail.merge"].with_user(self.responsible)
        if "law_gdpr_purpose_id" in Merge._fields:
            # With law_crm_gdpr a merge to contacts is direct marketing unless
            # told otherwise (its own tests); these copies are client letters.
            vals.setdefault("law_gdpr_purpose_id", False)
        return Merge.create(vals)

    def test_email_one_copy_per_partner(self):
        merge = self._merge(
            target="partner",
            partner_ids=[Command.set((self.anna | self.bjorn).ids)],
            template_id=self.template.id,
        )
        merge.action_send()
        for partner in self.anna | self.bjorn:
            messages = partner.message_ids.filtered(lambda m: m.message_type == "comment")
            self.assertEqual(len(messages), 1, partner.name)
            self.assertEqual(messages.subject, f"Invitation for {partner.name}")
            self.assertIn(f"Dear {partner.name}, welcome.", messages.body)
            self.assertEqual(messages.partner_ids, partner)
            mail = self.env["mail.mail"].sudo().search([("mail_message_id", "=", messages.id)])
            self.assertEqual(mail.state, "outgoing")
            self.assertEqual(mail.recipient_ids, partner)

    def test_email_to_matters_logged_in_correspondence(self):
        self.estate = self.env["project.project"].create(
            {
                "is_matter": True,
                "name": "Berg – estate",
                "partner_id": self.anna.id,
                "user_id": self.responsible.id,
            }
        )
        matters = self.matter | self.estate
        merge = self._merge(
            target="matter",
            matter_ids=[Command.set(matters.ids)],
            template_id=self.matter_template.id,
        )
        merge.action_send()
        for matter in matters:
            entries = self.env["law.correspondence"].search([("matter_id", "=", matter.id)])
            self.assertEqual(len(entries), 1, matter.name)
            self.assertEqual(entries.subject, f"Your matter {matter.display_name}")
            self.assertIn(matter.partner_id, entries.partner_ids)
            self.assertEqual(entries.mail_message_id.partner_ids, matter.partner_id)
            self.assertIn(matter.partner_id.name, entries.mail_message_id.body)
            self.assertEqual(entries.direction, "out")
        # The client's own correspondence log shows the copy; its chatter says nothing.
        self.assertFalse(self.anna.message_ids.filtered(lambda m: m.message_type == "comment"))

    def test_letters(self):
        merge = self._merge(
            target="matter",
            matter_ids=[Command.set(self.matter.ids)],
            template_id=self.matter_template.id,
            output="letter",
        )
        mails = self.env["mail.mail"].sudo().search([])
        action = merge.action_send()
        self.assertIn(f"/web/content/{merge.letters_attachment_id.id}", action["url"])
        entry = self.env["law.correspondence"].search([("matter_id", "=", self.matter.id)])
        self.assertEqual((entry.kind, entry.direction), ("letter", "out"))
        self.assertEqual(len(entry.attachment_ids), 1)
        self.assertIn(self.client.name, entry.attachment_ids.raw.decode())
        self.assertEqual(self.env["mail.mail"].sudo().search([]), mails, "a letter is not emailed")

    def test_partner_without_email_refused(self):
        self.anna.email = False
        merge = self._merge(partner_ids=[Command.set(self.anna.ids)], template_id=self.template.id)
        with self.assertRaisesRegex(UserError, "no email address"):
            merge.action_send()

    def test_hidden_matter_and_others_merge(self):
        merge = self._merge(
            target="partner", partner_ids=[Command.set(self.anna.ids)], template_id=self.template.id
        )
        with self.assertRaises(AccessError):
            merge.with_user(self.assistant).read(["partner_ids"])
        with self.assertRaises(AccessError):
            self.env["law.mail.merge"].with_user(self.lawyer_out).create(
                {
                    "target": "matter",
                    "matter_ids": [Command.set(self.confidential.ids)],
                    "template_id": self.matter_template.id,
                }
            ).action_send()
