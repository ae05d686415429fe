from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import LawBillingCommon


@tagged("post_install", "-at_install")
class TestRates(LawBillingCommon):
    """Rates by role, lawyer, client and matter, valid from a date; the most
    specific rate in force wins, and billing freezes it on the entry."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Rate.create(
            [
                {"user_id": cls.responsible.id, "date_from": "2026-06-01", "hourly_rate": 2200},
                {"partner_id": cls.client.id, "date_from": "2026-01-01", "hourly_rate": 1800},
                {"partner_id": cls.client.id, "date_from": "2026-10-01", "hourly_rate": 1900},
                {"matter_id": cls.matter.id, "date_from": "2026-09-01", "hourly_rate": 2500},
            ]
        )

    def _rate(self, matter, date, user=None):
        line = self._time(matter, user or self.responsible, 1.0, date=date)
        return line._law_resolve_rates(strict=True)[line].hourly_rate

    def test_resolution_order_and_validity(self):
        # Confidential matter: its client has no rate of its own.
        self.assertEqual(self._rate(self.confidential, "2026-05-01"), 2000, "role")
        self.assertEqual(self._rate(self.confidential, "2026-06-01"), 2200, "lawyer beats role")
        # Nordvik matters: the client's rate beats the lawyer's.
        self.assertEqual(self._rate(self.walled, "2026-07-01"), 1800, "client beats lawyer")
        self.assertEqual(self._rate(self.walled, "2026-10-02"), 1900, "newest client rate")
        self.assertEqual(self._rate(self.matter, "2026-08-31"), 1800, "matter rate not yet valid")
        self.assertEqual(self._rate(self.matter, "2026-10-02"), 2500, "matter beats client")
        self.assertEqual(
            self._rate(self.matter, "2026-10-02", user=self.assistant), 2500, "for every lawyer"
        )

    def test_missing_rate_is_a_clear_error(self):
        self.Rate.search([]).unlink()
        line = self._time(self.matter, self.responsible, 1.0)
        with self.assertRaisesRegex(UserError, "No hourly rate for responsible"):
            line._law_resolve_rates(strict=True)
        with self.assertRaisesRegex(UserError, "No hourly rate"):
            self._bill(self.matter)

    def test_rate_frozen_on_billing(self):
        line = self._time(self.matter, self.responsible, 2.0, date="2026-10-05")
        invoice = self._bill(self.matter)
        self.assertEqual(line.law_rate, 2500)
        self.assertEqual(line.law_value, 5000)
        self.Rate.search([("matter_id", "=", self.matter.id)]).hourly_rate = 9999
        self.assertEqual(line.law_rate, 2500, "a new rate does not touch billed time")
        self.assertEqual(invoice.amount_untaxed, 5000)

    def test_getting_started_counts_the_rates(self):
        rates = self.env["law.billing.rate"].search_count([])
        self.assertGreater(rates, 0)
        self.partner_other.group_ids |= self.env.ref("law_crm.group_law_billing")
        Page = self.env["law.getting.started"]
        self.assertEqual(Page.with_user(self.partner_other).create({}).billing_rate_count, rates)
        page = Page.with_user(self.admin_out).create({})
        self.assertEqual(page.billing_rate_count, 0, "an administrator without billing sees none")
