from datetime import datetime, timedelta

from odoo import fields
from odoo.addons.law_crm.tests.common import LawTourCase
from odoo.tests import tagged


@tagged("post_install", "-at_install", "law_crm_tour")
class TestComplianceTour(LawTourCase):
    """Issue 12, flow 5, in Chromium as the demo compliance officer Anne: an
    access request registered, exported and answered; a breach registered
    with its 72-hour clock. The records must really be there."""

    def run_as(self, lang):
        anne = self.env.ref("law_crm.demo_user_anne")
        erik = self.env.ref("law_crm.demo_partner_johansen_erik")
        self.set_user_lang(anne, lang)
        Request = self.env["law.gdpr.request"]
        requests_before = Request.search([("partner_id", "=", erik.id)])

        self.start_tour(
            "/odoo/action-law_crm_gdpr.law_gdpr_request_action/new",
            "law_crm_gdpr_access_request",
            login="anne",
        )
        request = Request.search([("partner_id", "=", erik.id)]) - requests_before
        self.assertEqual(len(request), 1)
        today = fields.Date.context_today(request.with_user(anne))
        self.assertEqual((request.kind, request.state), ("access", "answered"))
        self.assertEqual(
            (request.identity_method, request.identity_verified_by_id), ("bankid", anne)
        )
        self.assertEqual(request.identity_verified_on, today)
        self.assertEqual(request.answer_date, today)
        self.assertIn("copy of the personal data", request.answer)
        export = request.export_ids
        self.assertEqual((len(export), export.state, export.partner_id), (1, "done", erik))
        self.assertTrue(export.attachment_id.datas, "the archive was built")

        Breach = self.env["law.gdpr.breach"]
        breaches_before = Breach.search([])
        started = datetime.now()
        self.start_tour(
            "/odoo/action-law_crm_gdpr.law_gdpr_breach_action/new",
            "law_crm_gdpr_breach",
            login="anne",
        )
        breach = Breach.search([]) - breaches_before
        self.assertEqual(len(breach), 1)
        self.assertEqual(breach.title, "Client file emailed to the wrong recipient")
        self.assertEqual(breach.state, "open")
        # Typed in the browser as two hours before now, in Anne's time zone.
        self.assertAlmostEqual(
            breach.aware_at, started - timedelta(hours=2), delta=timedelta(minutes=5)
        )
        self.assertEqual(breach.deadline_at - breach.aware_at, timedelta(hours=72))

    def test_compliance_english(self):
        self.run_as("en_US")

    def test_compliance_bokmal(self):
        self.run_as("nb_NO")
