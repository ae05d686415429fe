from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import GdprCommon


@tagged("post_install", "-at_install")
class TestMailMergeGdpr(GdprCommon):
    """A mail merge to contacts is direct marketing unless the sender says
    otherwise: only persons with a valid legal basis for it get a copy, by
    email or by letter; a merge to matters' clients is client correspondence."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.consented, cls.no_basis, cls.objected = cls.env["res.partner"].create(
            [
                {"name": name, "email": f"{name.lower().replace(' ', '.')}@example.no"}
                for name in ("Consenting Reader", "Unknown Reader", "Objecting Reader")
            ]
        )
        cls.give_consent(cls.consented, cls.marketing)
        cls.give_consent(cls.objected, cls.marketing)
        cls.env["law.gdpr.legal.basis"].create(
            {
                "partner_id": cls.objected.id,
                "purpose_id": cls.marketing.id,
                "basis": "legitimate_interest",
                "justification": "Former client",
            }
        ).action_object()
        cls.readers = cls.consented | cls.no_basis | cls.objected
        cls.template = cls.env["mail.template"].create(
            {
                "name": "Seminar",
                "model_id": cls.env["ir.model"]._get_id("res.partner"),
                "subject": "Seminar for {{ object.name }}",
                "body_html": "<p>Welcome, <t t-out='object.name'/>.</p>",
            }
        )

    def _merge(self, partners, **vals):
        return (
            self.env["law.mail.merge"]
            .with_user(self.responsible)
            .create(
                {
                    "target": "partner",
                    "partner_ids": [Command.set(partners.ids)],
                    "template_id": self.template.id,
                    **vals,
                }
            )
        )

    def _seminar_messages(self, partners):
        return self.env["mail.message"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "in", partners.ids),
                ("subject", "=like", "Seminar for %"),
            ]
        )

    def test_only_persons_with_a_basis_get_a_copy(self):
        merge = self._merge(self.readers)
        self.assertEqual(merge.law_gdpr_purpose_id, self.marketing)
        self.assertEqual(merge.law_gdpr_skipped_partner_ids, self.no_basis | self.objected)
        self.assertEqual((merge.recipient_count, merge.law_gdpr_skipped_count), (1, 2))
        merge.action_send()
        messages = self._seminar_messages(self.readers)
        self.assertEqual(messages.partner_ids, self.consented)
        self.assertEqual(messages.subject, "Seminar for Consenting Reader")

    def test_letters_skip_them_too(self):
        merge = self._merge(self.readers, output="letter")
        merge.action_send()
        printed = self.env["ir.attachment"].search(
            [("res_model", "=", "res.partner"), ("res_id", "in", self.readers.ids)]
        )
        self.assertEqual(printed.mapped("res_id"), self.consented.ids)

    def test_client_correspondence_has_no_purpose(self):
        merge = self._merge(self.readers, law_gdpr_purpose_id=False)
        self.assertFalse(merge.law_gdpr_skipped_partner_ids)
        merge.action_send()
        self.assertEqual(self._seminar_messages(self.readers).partner_ids, self.readers)
        matters = (
            self.env["law.mail.merge"]
            .with_user(self.responsible)
            .create(
                {
                    "target": "matter",
                    "matter_ids": [Command.set(self.matter.ids)],
                    "template_id": self.env.ref("law_crm.mail_template_law_merge_matter").id,
                }
            )
        )
        self.assertFalse(matters.law_gdpr_purpose_id, "a matter's client is written to as such")

    def test_everyone_skipped_is_refused(self):
        merge = self._merge(self.no_basis | self.objected)
        with self.assertRaisesRegex(UserError, "Every recipient is skipped"):
            merge.action_send()
        self.assertFalse(self._seminar_messages(self.readers))
