from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import LawBillingCommon


@tagged("post_install", "-at_install")
class TestBillingWizard(LawBillingCommon):
    """Time and disbursements -> draft invoices in Odoo accounting, with VAT
    from the chart of accounts, grouping, links, locks and release."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meeting_line = cls._time(
            cls.matter, cls.responsible, 2.0, law_activity_code_id=cls.meeting.id
        )
        cls.drafting_line = cls._time(
            cls.matter, cls.responsible, 1.5, law_activity_code_id=cls.drafting.id
        )
        cls.assistant_line = cls._time(
            cls.matter, cls.assistant, 3.0, law_activity_code_id=cls.drafting.id
        )
        cls.admin_line = cls._time(
            cls.matter, cls.responsible, 1.0, law_activity_code_id=cls.admin_code.id
        )
        cls.late_line = cls._time(cls.matter, cls.responsible, 5.0, date="2026-12-15")

    def test_hourly_invoice_amounts_vat_grouping_and_links(self):
        self.assertFalse(self.admin_line.law_billable, "administration is not billable")
        self.assertEqual(self.meeting_line.law_billing_state, "unbilled")
        invoice = self._bill(self.matter)
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.state, "draft")
        self.assertEqual(invoice.move_type, "out_invoice")
        self.assertEqual(invoice.partner_id, self.client)
        self.assertEqual(invoice.law_matter_id, self.matter)
        self.assertIn(self.matter.matter_number, invoice.ref)
        lines = invoice.invoice_line_ids
        self.assertEqual(len(lines), 2, "one line per lawyer")
        by_lawyer = {line.name: line for line in lines}
        own = by_lawyer[self.responsible.name]
        self.assertEqual((own.quantity, own.price_unit), (3.5, 2000))
        self.assertEqual(by_lawyer[self.assistant.name].quantity, 3.0)
        self.assertEqual(invoice.amount_untaxed, 13000)
        self.assertEqual(self.vat25.amount, 25, "standard Norwegian VAT from the chart")
        self.assertEqual(lines.tax_ids, self.vat25)
        self.assertEqual(invoice.amount_tax, 3250)
        self.assertEqual(invoice.amount_total, 16250)
        self.assertEqual((self.meeting_line | self.drafting_line).law_invoice_line_id, own)
        self.assertEqual(own.law_time_ids, self.meeting_line | self.drafting_line)
        self.assertEqual(self.meeting_line.law_billing_state, "billed")
        self.assertEqual(self.meeting_line.law_rate, 2000)
        self.assertFalse(self.admin_line.law_invoice_line_id)
        self.assertFalse(self.late_line.law_invoice_line_id, "after the billing date")

    def test_grouping_per_activity_and_preview(self):
        wizard = (
            self.env["law.billing.wizard"]
            .with_user(self.billing)
            .create(
                {
                    "matter_ids": [Command.set(self.matter.ids)],
                    "date_to": "2026-11-30",
                    "grouping": "activity",
                }
            )
        )
        self.assertIn(self.drafting.name, wizard.preview)
        self.assertIn("4.50", wizard.preview, "drafting: 1.5 + 3 hours")
        invoice = self.env["account.move"].browse(wizard.action_create_invoices()["domain"][0][2])
        quantities = {line.name: line.quantity for line in invoice.invoice_line_ids}
        self.assertEqual(quantities, {self.meeting.name: 2.0, self.drafting.name: 4.5})

    def test_running_twice_never_bills_twice(self):
        first = self._bill(self.matter)
        with self.assertRaisesRegex(UserError, "nothing to bill"):
            self._bill(self.matter)
        self.assertEqual(
            self.env["account.move"].search_count([("law_matter_id", "=", self.matter.id)]), 1
        )
        later = self._bill(self.matter, date_to="2026-12-31")
        self.assertEqual(later.invoice_line_ids.law_time_ids, self.late_line)
        self.assertNotEqual(first, later)

    def test_billed_time_is_locked_and_released_on_cancel(self):
        invoice = self._bill(self.matter)
        line = self.meeting_line.with_user(self.responsible)
        with self.assertRaisesRegex(UserError, "already on an invoice"):
            line.unit_amount = 9
        with self.assertRaisesRegex(UserError, "already on an invoice"):
            line.unlink()
        self.assertTrue(line.readonly_timesheet)
        invoice.action_post()
        invoice.button_cancel()
        self.assertEqual(self.meeting_line.law_billing_state, "unbilled")
        self.assertFalse(self.meeting_line.law_rate)
        line.unit_amount = 2.5
        again = self._bill(self.matter)
        self.assertEqual(again.amount_untaxed, 14000)

    def test_deleting_a_draft_invoice_releases_its_time(self):
        invoice = self._bill(self.matter)
        invoice.unlink()
        self.assertEqual(self.meeting_line.law_billing_state, "unbilled")
        self.assertEqual(self._bill(self.matter).amount_untaxed, 13000)

    def test_fixed_fee_itemises_time_at_zero(self):
        self.matter.write({"law_fee_arrangement": "fixed", "law_fee_amount": 20000})
        invoice = self._bill(self.matter)
        time_lines = invoice.invoice_line_ids.filtered(lambda line: line.law_line_kind == "time")
        self.assertEqual(sum(time_lines.mapped("quantity")), 6.5, "time still itemised")
        self.assertEqual(sum(time_lines.mapped("price_subtotal")), 0)
        self.assertEqual(invoice.amount_untaxed, 20000)
        self.assertEqual(self.meeting_line.law_rate, 2000, "informative value")
        later = self._bill(self.matter, date_to="2026-12-31")
        self.assertEqual(later.amount_untaxed, 0, "the fixed fee is billed once")
        self.assertEqual(self.matter.law_headroom, 0)

    def test_capped_fee_warns_and_never_exceeds_the_cap(self):
        self.matter.write({"law_fee_arrangement": "capped", "law_fee_amount": 15000})
        self.assertTrue(self.matter.law_cap_near, "23,000 in progress against a 15,000 cap")
        self.assertEqual(self.matter.law_wip_amount, 23000)
        self.assertEqual(self.matter.law_headroom, 15000 - 23000)
        invoice = self._bill(self.matter)
        self.assertEqual(invoice.amount_untaxed, 13000)
        later = self._bill(self.matter, date_to="2026-12-31")
        cap = later.invoice_line_ids.filtered(lambda line: line.law_line_kind == "cap")
        self.assertEqual(cap.price_subtotal, -8000)
        self.assertEqual(later.amount_untaxed, 2000, "up to the cap of 15,000")
        self.assertEqual(self.matter.law_billed_fees, 15000)

    def test_disbursements_at_cost_with_their_vat(self):
        Disbursement = self.env["law.disbursement"].with_user(self.responsible)
        court_fee = Disbursement.create(
            {
                "matter_id": self.matter.id,
                "name": "Court fee",
                "amount": 1243.0,
                "date": "2026-11-20",
            }
        )
        court_fee.tax_ids = False
        travel = Disbursement.create(
            {
                "matter_id": self.matter.id,
                "name": "Train to Bergen",
                "amount": 1000.0,
                "date": "2026-11-21",
            }
        )
        self.assertEqual(travel.tax_ids, self.vat25, "default sales tax of the company")
        invoice = self._bill(self.matter)
        court_fee, travel = (court_fee | travel).with_env(self.env)
        fee_line = court_fee.invoice_line_id
        self.assertEqual(fee_line.move_id, invoice)
        self.assertEqual((fee_line.price_subtotal, fee_line.price_total), (1243.0, 1243.0))
        self.assertEqual(travel.invoice_line_id.price_total, 1250.0)
        self.assertEqual(invoice.amount_untaxed, 13000 + 2243)
        self.assertEqual(invoice.amount_tax, 3250 + 250)
        with self.assertRaisesRegex(UserError, "already invoiced"):
            travel.with_user(self.responsible).amount = 2000
        invoice.button_cancel()
        self.assertFalse(travel.invoice_line_id)

    def test_zero_rated_client_abroad_through_fiscal_position(self):
        export = self.env["account.tax"].search(
            [
                ("company_id", "=", self.company.id),
                ("type_tax_use", "=", "sale"),
                ("amount", "=", 0),
            ],
            limit=1,
        )
        position = self.env["account.fiscal.position"].create(
            {"name": "Services abroad", "tax_ids": [Command.link(export.id)]}
        )
        export.original_tax_ids = self.vat25
        self.client.with_company(self.company).property_account_position_id = position
        invoice = self._bill(self.matter)
        self.assertEqual(invoice.invoice_line_ids.tax_ids, export)
        self.assertEqual(invoice.amount_tax, 0)

    def test_financial_overview(self):
        self.assertEqual(self.matter.law_wip_amount, 13000 + 10000)
        invoice = self._bill(self.matter)
        invoice.action_post()
        self.matter.invalidate_recordset()
        self.assertEqual(self.matter.law_wip_amount, 10000)
        self.assertEqual(self.matter.law_billed_amount, 13000)
        self.assertEqual(self.matter.law_outstanding_amount, 16250)
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"amount": 6250})._create_payments()
        self.matter.invalidate_recordset()
        self.assertEqual(self.matter.law_paid_amount, 6250)
        self.assertEqual(self.matter.law_outstanding_amount, 10000)

    def test_financial_overview_without_accounting_rights(self):
        """The responsible lawyer has no accounting group: the matter form
        shows the work in progress and no invoice sums, instead of refusing
        to open (the sums read invoices)."""
        invoice = self._bill(self.matter)
        invoice.action_post()
        matter = self.matter.with_user(self.responsible)
        self.assertFalse(self.env["account.move"].with_user(self.responsible).has_access("read"))
        values = matter.web_read({"law_wip_amount": {}, "law_billed_amount": {}})[0]
        self.assertEqual((values["law_wip_amount"], values["law_billed_amount"]), (10000, 0))

    def test_matter_without_client_is_refused(self):
        self.matter.partner_id = False
        with self.assertRaisesRegex(UserError, "no client"):
            self._bill(self.matter)
