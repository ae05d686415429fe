from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import GdprCommon


@tagged("post_install", "-at_install")
class TestRestriction(GdprCommon):
    """A restricted person (Art. 18) is not mailed, edited or added to new
    matters except by compliance; restricting and lifting are logged."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Log = cls.env["law.gdpr.log"]
        cls.person.with_user(cls.compliance).write(
            {"law_gdpr_restriction_reason": "Accuracy contested (Art. 18(1)(a))"}
        )
        cls.person.with_user(cls.compliance).action_law_gdpr_restrict()

    def test_restriction_is_shown_and_logged(self):
        self.assertTrue(self.person.law_gdpr_restricted)
        self.assertTrue(self.person.law_gdpr_restricted_since)
        entry = self.Log.search([("event", "=", "restriction_set")], limit=1)
        self.assertEqual(entry.record_ids, str(self.person.id))
        self.assertEqual(entry.user_id, self.compliance)
        self.person.with_user(self.compliance).action_law_gdpr_lift_restriction()
        self.assertFalse(self.person.law_gdpr_restricted)
        self.assertEqual(self.Log.search([], limit=1).event, "restriction_lifted")
        self.assertIsNone(self.Log._first_break())

    def test_only_compliance_edits_a_restricted_person(self):
        for user in (self.responsible, self.partner_other):
            with self.subTest(user=user.login), self.assertRefused("restricted", UserError):
                self.person.with_user(user).write({"phone": "+47 900 00 000"})
        dpo = new_test_user(
            self.env,
            login="dpo_assistant",
            groups="law_crm.group_law_compliance,law_crm.group_law_assistant",
        )
        self.person.with_user(dpo).write({"phone": "+47 900 00 000"})
        self.assertEqual(self.person.phone, "+47 900 00 000")

    def test_only_compliance_restricts_or_lifts(self):
        other = self.env["res.partner"].create({"name": "Ola Hansen"})
        with self.assertRefused("Only the compliance officer", UserError):
            other.with_user(self.partner_other).write(
                {"law_gdpr_restricted": True, "law_gdpr_restriction_reason": "x"}
            )
        with self.assertRefused("", UserError):
            self.person.with_user(self.responsible).action_law_gdpr_lift_restriction()
        self.assertTrue(self.person.law_gdpr_restricted)

    def test_not_added_to_new_matters_except_by_compliance(self):
        Matter = self.env["project.project"]
        with self.assertRefused("restricted", UserError):
            Matter.with_user(self.partner_other).create(
                {"name": "New", "is_matter": True, "partner_id": self.person.id}
            )
        with self.assertRefused("restricted", UserError):
            self.matter.with_user(self.responsible).write(
                {"party_ids": [Command.create({"partner_id": self.person.id})]}
            )
        # Compliance may (the check lets them through), as may the system.
        self.person.with_user(self.compliance)._law_gdpr_check_not_restricted()
        self.env["law.matter.party"].create(
            {"matter_id": self.matter.id, "partner_id": self.person.id}
        )
        self.assertIn(self.person, self.matter.party_ids.partner_id)

    def test_restricted_person_is_not_mailed(self):
        self.give_consent(self.person, self.marketing)
        blocked = (self.person | self.client)._law_gdpr_mailing_blocked(self.marketing)
        self.assertIn(self.person.id, blocked)
