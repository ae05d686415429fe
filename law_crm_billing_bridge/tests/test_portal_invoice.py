from odoo import Command
from odoo.addons.law_crm.tests.portal_common import LawPortalSetup
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import LawBillingHttpCommon


@tagged("post_install", "-at_install", "law_portal")
class TestPortalInvoice(LawPortalSetup, LawBillingHttpCommon):
    """A client reads its matter's invoice and client funds on the portal;
    another client sees neither."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_portal()
        cls.invoice, cls.walled_invoice = cls.env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": cls.client.id,
                    "law_matter_id": matter.id,
                    "invoice_date": "2026-11-30",
                    "invoice_line_ids": [
                        Command.create({"name": label, "quantity": 1, "price_unit": 10000})
                    ],
                }
                for matter, label in (
                    (cls.matter, "Lease dispute: legal work"),
                    (cls.walled, "Walled matter: legal work"),
                )
            ]
        )
        (cls.invoice | cls.walled_invoice).action_post()
        advance = cls.env["law.client.fund.entry"].create(
            {"matter_id": cls.matter.id, "kind": "advance", "amount": 5000, "date": "2026-11-01"}
        )
        advance.action_post()

    def test_client_reads_invoice_tour(self):
        self.start_tour(
            f"/my/matters/{self.matter.id}", "law_crm_portal_invoice_tour", login="client_en"
        )

    def test_client_sees_own_invoice_and_funds(self):
        self.authenticate("client_en", "client_en" * 2)
        page = self.url_open(f"/my/matters/{self.matter.id}").text
        self.assertIn(self.invoice.name, page)
        self.assertNotIn(self.walled_invoice.name, page)
        self.assertRegex(
            page, r"o_law_portal_fund_balance[^>]*>[^<]*(<[^>]*>)*[^<]*5[\s\xa0.,]?000[.,]00"
        )
        invoices = self.url_open("/my/invoices").text
        self.assertIn(self.invoice.name, invoices)
        # Nordvik's invoice on a matter not shared with it stays off its portal.
        self.assertNotIn(self.walled_invoice.name, invoices)
        with mute_logger("odoo.http"):
            response = self.url_open(f"/my/invoices/{self.walled_invoice.id}")
        self.assertNotIn("Walled matter: legal work", response.text)

    def test_second_client_sees_no_invoice(self):
        self.authenticate("other_client", "other_client" * 2)
        invoices = self.url_open("/my/invoices").text
        self.assertNotIn(self.invoice.name, invoices)
        with mute_logger("odoo.http"):
            response = self.url_open(f"/my/invoices/{self.invoice.id}")
            pdf = self.url_open(f"/my/invoices/{self.invoice.id}?report_type=pdf")
        self.assertNotIn("Lease dispute: legal work", response.text)
        self.assertNotIn(b"%PDF", pdf.content[:10])
