import warnings

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import LawBillingCommon


@tagged("post_install", "-at_install")
class TestTimeNeedToKnow(LawBillingCommon):
    """Time entries and invoices follow the need-to-know of their matter."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.time_normal = cls._time(cls.matter, cls.responsible, 2.0)
        cls.time_confidential = cls._time(cls.confidential, cls.responsible, 3.0)
        cls.time_walled = cls._time(cls.walled, cls.responsible, 4.0)
        cls.hidden_time = {
            cls.confidential: cls.time_confidential,
            cls.walled: cls.time_walled,
        }

    def _time_of(self, matters):
        return self.env["account.analytic.line"].union(
            *(self.hidden_time[matter] for matter in matters)
        )

    def test_attackers_cannot_reach_time_of_hidden_matters(self):
        attackers = [*self.attackers, (self.billing_walled, self.walled)]
        for user, matters in attackers:
            lines = self._time_of(matters)
            with self.subTest(user=user.login):
                self.assert_hidden(user, lines)
                Line = self.env["account.analytic.line"].with_user(user)
                if not Line.has_access("read"):
                    continue
                groups = Line.formatted_read_group(
                    [("id", "in", lines.ids)], ["project_id"], ["unit_amount:sum"]
                )
                self.assertFalse(groups, "formatted_read_group")
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", DeprecationWarning)  # still an RPC path
                    self.assertFalse(
                        Line.read_group([("id", "in", lines.ids)], ["unit_amount"], ["project_id"]),
                        "read_group",
                    )
                self.assertFalse(
                    Line.search([("project_id", "in", matters.ids)]), "search by matter"
                )

    def test_team_sees_time_and_own_time_is_always_visible(self):
        self.assert_visible(self.assistant, self.time_normal)
        self.assert_hidden(self.assistant, self.time_confidential | self.time_walled)
        own = self._time(self.matter, self.assistant, 1.0)
        self.matter.team_user_ids = [(3, self.assistant.id)]
        self.assert_visible(self.assistant, own)
        self.assert_hidden(self.assistant, self.time_normal)

    def test_billing_sees_time_of_every_matter_not_walled_or_confidential(self):
        self.assert_visible(self.billing, self.time_normal | self.time_walled)
        self.assert_hidden(self.billing, self.time_confidential)
        self.assert_visible(self.billing_walled, self.time_normal)
        self.assert_hidden(self.billing_walled, self.time_walled | self.time_confidential)

    def test_no_time_recorded_on_a_hidden_matter(self):
        with self.assertRaises(AccessError):
            self._time(self.walled, self.lawyer_out, 1.0)
        with self.assertRaises(AccessError):
            self._time(self.confidential, self.partner_other, 1.0)

    def test_invoices_naming_a_walled_matter_are_hidden(self):
        invoices = self._bill(self.matter | self.walled)
        walled_invoice = invoices.filtered(lambda move: move.law_matter_id == self.walled)
        self.assertTrue(walled_invoice)
        self.assert_hidden(self.billing_walled, walled_invoice)
        self.assert_hidden(self.billing_walled, walled_invoice.line_ids)
        Move = self.env["account.move"].with_user(self.billing_walled)
        self.assertFalse(
            Move.formatted_read_group(
                [("id", "in", walled_invoice.ids)], ["law_matter_id"], ["amount_total:sum"]
            )
        )
        self.assert_visible(self.billing_walled, invoices - walled_invoice)
        self.assert_visible(self.billing, invoices)

    def test_disbursements_follow_the_matter(self):
        disbursement = self.env["law.disbursement"].create(
            {"matter_id": self.walled.id, "name": "Court fee", "amount": 1243.0}
        )
        self.assert_hidden(self.partner_walled, disbursement)
        self.assert_hidden(self.billing_walled, disbursement)
        self.assert_hidden(self.lawyer_out, disbursement)
        self.assert_visible(self.billing, disbursement)

    def test_rates_of_hidden_matters_and_the_wizard(self):
        rate = self.Rate.create(
            {"matter_id": self.walled.id, "date_from": "2026-01-01", "hourly_rate": 4000}
        )
        self.assert_hidden(self.partner_walled, rate)
        self.assert_visible(self.partner_other, rate)
        with self.assertRaises(AccessError):
            self.env["law.billing.wizard"].with_user(self.responsible).create(
                {"matter_ids": [(6, 0, self.matter.ids)]}
            )
        # A billing user walled off a matter cannot bill it either.
        with self.assertRaises(AccessError):
            self._bill(self.walled, user=self.billing_walled)

    def test_lawyer_opens_a_matter_and_records_time(self):
        matter = (
            self.env["project.project"]
            .with_user(self.responsible)
            .create(
                {
                    "is_matter": True,
                    "name": "Nordvik – ny avtale",
                    "partner_id": self.client.id,
                    "user_id": self.responsible.id,
                }
            )
        )
        self.assertTrue(matter.account_id, "an analytic account without accounting rights")
        line = self._time(matter, self.responsible, 1.0)
        self.assertEqual(line.law_billing_state, "unbilled")

    def test_dashboard_wip_counts_only_visible_time(self):
        """Work in progress per lawyer on the dashboard leaves out the time of
        matters the reader may not see."""
        Dashboard = self.env["law.dashboard"]
        ours = [("project_id", "in", (self.matter | self.hidden_matters).ids)]

        def hours(user):
            rows = Dashboard.with_user(user)._law_widget("wip_billed", ours)
            return sum(row[2] for row in rows)

        self.assertEqual(hours(self.responsible), 9.0)
        self.assertEqual(hours(self.lawyer_out), 0.0)
        self.assertEqual(hours(self.partner_other), 6.0)
        self.assertEqual(hours(self.partner_walled), 2.0)
