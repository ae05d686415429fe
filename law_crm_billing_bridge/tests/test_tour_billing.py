from odoo import fields
from odoo.addons.law_crm.tests.common import LawTourCase
from odoo.tests import tagged

WORK = "Witness statement for the arbitration"


@tagged("post_install", "-at_install", "law_crm_tour")
class TestBillingTour(LawTourCase):
    """Issue 12, flow 4, in Chromium with the demo users: the lawyer Ingrid
    records 2:30 on her matter today, Per (billing) bills the matter and
    opens the draft invoice. The time entry, the invoice and their link
    must really be there."""

    def run_as(self, lang):
        ingrid = self.env.ref("law_crm.demo_user_ingrid")
        per = self.env.ref("law_crm.demo_user_per")
        matter = self.env.ref("law_crm.demo_matter_fjord_charter")
        self.set_user_lang(ingrid, lang)
        self.set_user_lang(per, lang)
        Line = self.env["account.analytic.line"]

        self.start_tour("/odoo/law-time", "law_crm_billing_time", login="ingrid")
        entry = Line.search([("name", "=", WORK)])
        self.assertEqual(len(entry), 1)
        self.assertEqual((entry.project_id, entry.user_id), (matter, ingrid))
        self.assertEqual(entry.unit_amount, 2.5)
        self.assertEqual(entry.date, fields.Date.context_today(entry.with_user(ingrid)))
        self.assertEqual(entry.law_billing_state, "unbilled")

        Move = self.env["account.move"]
        moves_before = Move.search([("law_matter_id", "=", matter.id)])
        self.start_tour(
            "/odoo/action-law_crm_billing_bridge.law_billing_wizard_action",
            "law_crm_billing_bill",
            login="per",
        )
        invoice = Move.search([("law_matter_id", "=", matter.id)]) - moves_before
        self.assertEqual(len(invoice), 1)
        self.assertEqual((invoice.move_type, invoice.state), ("out_invoice", "draft"))
        self.assertEqual(invoice.partner_id, matter.partner_id)
        self.assertEqual(entry.law_billing_state, "billed")
        self.assertEqual(entry.law_invoice_id, invoice)
        self.assertIn(entry.law_invoice_line_id, invoice.invoice_line_ids)
        self.assertGreater(invoice.amount_untaxed, 0)

    def test_billing_english(self):
        self.run_as("en_US")

    def test_billing_bokmal(self):
        self.run_as("nb_NO")
