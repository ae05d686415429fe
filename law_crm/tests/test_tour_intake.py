from odoo import fields
from odoo.tests import tagged

from .common import LawTourCase

INQUIRY = "Tveit – purchase of Storgata 5"


@tagged("post_install", "-at_install", "law_crm_tour")
class TestIntakeTour(LawTourCase):
    """Issue 12, flow 1, in Chromium with the demo users: the assistant Sofie
    registers an inquiry and runs the conflict check, the partner Kari clears
    it, Sofie records the engagement letter and the client's due diligence,
    and Kari creates the matter, staffs it and opens it. After each tour the
    records must really be there."""

    def run_as(self, lang):
        sofie = self.env.ref("law_crm.demo_user_sofie")
        kari = self.env.ref("law_crm.demo_user_kari")
        ingrid = self.env.ref("law_crm.demo_user_ingrid")
        self.set_user_lang(sofie, lang)
        self.set_user_lang(kari, lang)
        Lead = self.env["crm.lead"]

        self.start_tour("/odoo/inquiries/new", "law_crm_intake_inquiry", login="sofie")
        lead = Lead.search([("name", "=", INQUIRY)])
        self.assertEqual(len(lead), 1)
        self.assertEqual(lead.partner_id.name, "Halvor Tveit")
        self.assertEqual(lead.law_counterparty_ids.mapped("name"), ["Brekke Bygg AS"])
        self.assertEqual(
            lead.law_matter_type_id, self.env.ref("law_crm.matter_type_property_transaction")
        )
        self.assertFalse(lead.user_id, "unassigned, so the partner and the lawyers see it")
        check = lead.law_conflict_check_ids
        self.assertEqual((len(check), check.state, check.user_id), (1, "pending", sofie))
        self.assertEqual(
            set(check.subject_ids.mapped("partner_id")),
            {lead.partner_id, lead.law_counterparty_ids},
        )

        self.start_tour(
            "/odoo/action-law_crm.law_conflict_check_action", "law_crm_intake_clear", login="kari"
        )
        self.assertEqual((check.state, check.decided_by_id), ("cleared", kari))
        self.assertEqual(lead.law_intake_step, "due_diligence")

        lead_url = f"/odoo/inquiries/{lead.id}"
        self.start_tour(lead_url, "law_crm_intake_due_diligence", login="sofie")
        today = fields.Date.context_today(lead)
        self.assertEqual(lead.law_engagement_letter_date, today)
        kyc = self.env["law.kyc"].search([("partner_id", "=", lead.partner_id.id)])
        self.assertEqual(len(kyc), 1)
        self.assertEqual((kyc.verification_method, kyc.verified_by_id), ("bankid", sofie))
        self.assertEqual(kyc._kyc_problems(), [])
        self.assertEqual(lead.with_user(kari).law_intake_step, "ready")

        self.start_tour(lead_url, "law_crm_intake_open_matter", login="kari")
        matter = lead.law_matter_id
        self.assertTrue(matter.is_matter)
        self.assertEqual(matter.state, "open")
        self.assertEqual(matter.partner_id, lead.partner_id)
        self.assertEqual(matter.user_id, ingrid)
        self.assertIn(sofie, matter.team_user_ids)
        self.assertIn(lead.law_counterparty_ids, matter.party_ids.partner_id)
        self.assertEqual(matter.law_lead_id, lead)
        self.assertEqual(lead.won_status, "won")

    def test_intake_english(self):
        self.run_as("en_US")

    def test_intake_bokmal(self):
        self.run_as("nb_NO")
