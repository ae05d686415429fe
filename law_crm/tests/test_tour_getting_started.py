from odoo.tests import tagged

from .common import LawTourCase


@tagged("post_install", "-at_install", "law_crm_tour")
class TestGettingStartedTour(LawTourCase):
    """Issue 12, onboarding, in Chromium: the administrator of the new test
    database logs in on the getting-started page, uses it, and dismisses
    it; then it no longer opens at login."""

    def run_as(self, lang):
        admin = self.env.ref("base.user_admin")
        page = self.env.ref("law_crm.law_getting_started_action")
        self.assertEqual(admin.action_id.id, page.id, "a new database opens on the page")

        self.run_tour(admin, lang, "/odoo", "law_crm_getting_started")

        self.assertFalse(admin.action_id, "dismissed")

    def test_getting_started_english(self):
        self.run_as("en_US")

    def test_getting_started_bokmal(self):
        self.run_as("nb_NO")
