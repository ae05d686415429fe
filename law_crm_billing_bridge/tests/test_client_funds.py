from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import LawBillingCommon


@tagged("post_install", "-at_install")
class TestClientFunds(LawBillingCommon):
    """Advance -> application to an invoice -> refund of the remainder, with
    the client's ledger and the general ledger both at zero difference."""

    def _entry(self, kind, amount, invoice=None):
        entry = (
            self.env["law.client.fund.entry"]
            .with_user(self.billing)
            .create(
                {
                    "matter_id": self.matter.id,
                    "kind": kind,
                    "amount": amount,
                    "invoice_id": invoice and invoice.id,
                    "date": "2026-11-30",
                }
            )
        )
        entry.action_post()
        return entry

    def _gl_balance(self, account):
        lines = self.env["account.move.line"].search(
            [("account_id", "=", account.id), ("parent_state", "=", "posted")]
        )
        return sum(lines.mapped("balance"))

    def test_advance_application_refund_reconcile(self):
        self._time(self.matter, self.responsible, 5.0)
        advance = self._entry("advance", 20000)
        self.assertEqual(advance.partner_id, self.client)
        journal = self.company.law_client_journal_id
        liability = self.company.law_client_account_id
        self.assertEqual(liability.account_type, "liability_current")
        self.assertEqual(advance.move_id.journal_id, journal)
        self.assertEqual(self._gl_balance(liability), -20000, "client money, not revenue")
        self.assertEqual(advance._balance(), 20000)

        invoice = self._bill(self.matter)
        invoice.action_post()
        self.assertEqual(invoice.amount_total, 12500)
        with self.assertRaisesRegex(UserError, "only"):
            self._entry("application", 13000, invoice)
        application = self._entry("application", 12500, invoice)
        self.assertEqual(invoice.amount_residual, 0, "paid from client funds")
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(application._balance(), 7500)

        with self.assertRaisesRegex(UserError, "Only 7"):
            self._entry("refund", 8000)
        refund = self._entry("refund", 7500)
        self.assertEqual(refund._balance(), 0)

        # The client's ledger (entries) and the general ledger agree, and
        # everything held for the client has left the client account.
        entries = advance | application | refund
        signed = sum(e.amount if e.kind == "advance" else -e.amount for e in entries)
        self.assertEqual(signed, 0)
        self.assertEqual(self._gl_balance(liability), 0)
        self.assertEqual(self._gl_balance(journal.default_account_id), 0)
        for move in entries.move_id:
            self.assertEqual(sum(move.line_ids.mapped("balance")), 0)

        statement = (
            self.env["law.client.fund.entry"].with_user(self.billing).action_open_statement()
        )
        lines = self.env["account.move.line"].search(statement["domain"])
        self.assertEqual(len(lines), 3)
        self.assertEqual(set(lines.partner_id.ids), {self.client.id})

    def test_client_funds_follow_need_to_know(self):
        entry = (
            self.env["law.client.fund.entry"]
            .with_user(self.billing)
            .create({"matter_id": self.walled.id, "kind": "advance", "amount": 500})
        )
        entry.action_post()
        self.assert_hidden(self.billing_walled, entry.with_env(self.env))
        self.assert_hidden(self.billing_walled, entry.move_id.with_env(self.env))
        self.assert_hidden(self.partner_walled, entry.with_env(self.env))
