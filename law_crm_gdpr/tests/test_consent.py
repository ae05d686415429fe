from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import GdprCommon


@tagged("post_install", "-at_install")
class TestConsent(GdprCommon):
    """Consent is demonstrable and withdrawable, and its history stays (Art. 7)."""

    def test_given_withdrawn_history_intact(self):
        consent = self.give_consent(self.person, self.marketing, "2026-01")
        self.assertEqual(consent.state, "given")
        self.assertEqual(consent.recorded_by_id, self.env.user)
        consent.with_user(self.responsible).action_withdraw()
        self.assertEqual(consent.state, "withdrawn")
        self.assertTrue(consent.withdrawn_at)
        self.assertEqual(consent.withdrawn_by_id, self.responsible)
        # What was given is still there, unchanged.
        self.assertEqual(consent.notice_version, "2026-01")
        self.assertEqual(consent.notice_text, "I accept the newsletter (2026-01).")
        self.assertTrue(consent.given_at)
        # Giving again is a new record: the history shows both.
        again = self.give_consent(self.person, self.marketing, "2026-02")
        history = self.person.law_gdpr_consent_ids
        self.assertEqual(history, consent | again)
        self.assertEqual(history.mapped("state"), ["given", "withdrawn"])

    def test_consent_never_overwritten(self):
        consent = self.give_consent(self.person, self.marketing)
        with self.assertRefused("cannot be changed", UserError):
            consent.write({"notice_text": "Something else"})
        consent.action_withdraw()
        with self.assertRefused("already withdrawn", UserError):
            consent.action_withdraw()
        with self.assertRefused("already withdrawn", UserError):
            consent.write({"withdrawn_at": False})
        self.assertEqual(consent.notice_text, "I accept the newsletter (v1).")
        self.assertEqual(consent.state, "withdrawn")

    def test_legal_basis_validity(self):
        Basis = self.env["law.gdpr.legal.basis"]
        by_consent = Basis.create(
            {"partner_id": self.person.id, "purpose_id": self.marketing.id, "basis": "consent"}
        )
        self.assertFalse(by_consent.is_valid, "consent basis without a consent")
        consent = self.give_consent(self.person, self.marketing)
        by_consent.invalidate_recordset(["is_valid"])
        self.assertTrue(by_consent.is_valid)
        consent.action_withdraw()
        by_consent.invalidate_recordset(["is_valid"])
        self.assertFalse(by_consent.is_valid)

        contract = Basis.create(
            {
                "partner_id": self.person.id,
                "purpose_id": self.client_matters.id,
                "basis": "contract",
                "justification": "Engagement letter 2026-03-01",
            }
        )
        self.assertTrue(contract.is_valid)
        self.env.cr.flush()  # precommit: tracking starts from the stored values
        contract.action_object()
        self.assertTrue(contract.objected_at)
        self.assertFalse(contract.is_valid)
        self.env.cr.flush()  # precommit: write the tracking values
        tracked = contract.message_ids.tracking_value_ids.field_id.mapped("name")
        self.assertIn("objected_at", tracked)

    def test_basis_needs_justification(self):
        with self.assertRefused("Say why the legal basis", ValidationError):
            self.env["law.gdpr.legal.basis"].create(
                {
                    "partner_id": self.person.id,
                    "purpose_id": self.client_matters.id,
                    "basis": "legitimate_interest",
                }
            )
