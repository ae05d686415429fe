from odoo.tests import tagged

from .common import GdprCommon


@tagged("post_install", "-at_install")
class TestMailing(GdprCommon):
    """A mass mailing to contacts skips those without a valid basis or who
    objected, and says so to the sender (Art. 6, 7(3), 21(2))."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.consented, cls.withdrawn, cls.objected, cls.nothing, cls.client_basis = (
            Partner.create({"name": name, "email": f"{name.lower()}@example.no"})
            for name in ("Consented", "Withdrawn", "Objected", "Nothing", "Client")
        )
        cls.give_consent(cls.consented, cls.marketing)
        cls.give_consent(cls.withdrawn, cls.marketing).action_withdraw()
        # Objected: consent still on file, but an objection overrides it.
        cls.give_consent(cls.objected, cls.marketing)
        Basis = cls.env["law.gdpr.legal.basis"]
        Basis.create(
            {
                "partner_id": cls.objected.id,
                "purpose_id": cls.marketing.id,
                "basis": "legitimate_interest",
                "justification": "Existing client",
            }
        ).action_object()
        Basis.create(
            {
                "partner_id": cls.client_basis.id,
                "purpose_id": cls.marketing.id,
                "basis": "legitimate_interest",
                "justification": "Existing client, similar services",
            }
        )
        cls.recipients = (
            cls.consented | cls.withdrawn | cls.objected | cls.nothing | cls.client_basis
        )
        cls.sender = cls.responsible

    def _composer(self):
        return (
            self.env["mail.compose.message"]
            .with_user(self.sender)
            .with_context(
                default_composition_mode="mass_mail",
                default_model="res.partner",
                default_res_ids=self.recipients.ids,
            )
            .create({"subject": "Nyhetsbrev mars", "body": "<p>Nytt fra firmaet</p>"})
        )

    def test_sender_sees_who_is_skipped(self):
        composer = self._composer()
        self.assertEqual(composer.law_gdpr_purpose_id, self.marketing)
        self.assertEqual(
            composer.law_gdpr_skipped_partner_ids, self.withdrawn | self.objected | self.nothing
        )
        self.assertEqual(composer.law_gdpr_skipped_count, 3)

    def test_mailing_skips_withdrawn_and_objected(self):
        self._composer()._action_send_mail()
        mails = (
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", "res.partner"), ("res_id", "in", self.recipients.ids)])
        )
        by_partner = {mail.res_id: mail for mail in mails}
        self.assertEqual(set(by_partner), set(self.recipients.ids))
        for partner in self.consented | self.client_basis:
            self.assertNotEqual(by_partner[partner.id].state, "cancel", partner.name)
        for partner in self.withdrawn | self.objected | self.nothing:
            mail = by_partner[partner.id]
            self.assertEqual(mail.state, "cancel", partner.name)
            self.assertEqual(mail.failure_type, "law_gdpr_no_basis", partner.name)

    def test_other_purpose_is_not_blocked_by_marketing_consent(self):
        composer = self._composer()
        composer.law_gdpr_purpose_id = self.client_matters
        # Nobody has a basis for client matters here: all are skipped.
        self.assertEqual(composer.law_gdpr_skipped_partner_ids, self.recipients)

    def test_select_all_by_domain(self):
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.sender)
            .with_context(
                default_composition_mode="mass_mail",
                default_model="res.partner",
                default_res_domain=[("id", "in", self.recipients.ids)],
            )
            .create({"subject": "Nyhetsbrev april", "body": "<p>Nytt</p>"})
        )
        self.assertEqual(
            composer.law_gdpr_skipped_partner_ids, self.withdrawn | self.objected | self.nothing
        )
        composer._action_send_mail()
        cancelled = (
            self.env["mail.mail"]
            .sudo()
            .search(
                [
                    ("subject", "=", "Nyhetsbrev april"),
                    ("failure_type", "=", "law_gdpr_no_basis"),
                ]
            )
        )
        skipped = self.withdrawn | self.objected | self.nothing
        self.assertEqual(set(cancelled.mapped("res_id")), set(skipped.ids))
