from odoo.addons.law_crm.tests.common import LawTourCase
from odoo.tests import tagged


@tagged("post_install", "-at_install", "law_crm_tour")
class TestLawyerPhoneTour(LawTourCase):
    """Issue 12, flow 2, in a phone-sized Chromium: the demo lawyer Ingrid
    logs a call on her matter and adds a deadline from a rule, in English and
    in Norwegian bokmål; the records and her activity must really exist."""

    browser_size = "375x667"
    touch_enabled = True

    def run_as(self, lang):
        ingrid = self.env.ref("law_crm.demo_user_ingrid")
        matter = self.env.ref("law_crm.demo_matter_fjord_charter")
        Correspondence = self.env["law.correspondence"]
        Deadline = self.env["law.deadline"]
        calls_before = Correspondence.search([("matter_id", "=", matter.id)])
        deadlines_before = Deadline.search([("matter_id", "=", matter.id)])

        self.run_tour(ingrid, lang, "/odoo/matters", "law_crm_lawyer_phone")

        call = Correspondence.search([("matter_id", "=", matter.id)]) - calls_before
        self.assertEqual(call.subject, "Call with the client about the hearing")
        self.assertEqual((call.kind, call.user_id), ("phone", ingrid))
        deadline = Deadline.search([("matter_id", "=", matter.id)]) - deadlines_before
        self.assertEqual(
            deadline.rule_id, self.env.ref("law_crm_deadlines.deadline_rule_anke_sivil")
        )
        self.assertEqual(str(deadline.trigger_date), "2026-12-01")
        self.assertTrue(deadline.date_deadline)
        activity = deadline.activity_id
        self.assertEqual((activity.res_model, activity.res_id), ("project.project", matter.id))
        self.assertEqual(activity.user_id, ingrid, "the deadline is among Ingrid's activities")

    def test_lawyer_phone_english(self):
        self.run_as("en_US")

    def test_lawyer_phone_bokmal(self):
        self.run_as("nb_NO")
