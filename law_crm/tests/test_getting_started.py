from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import LawCrmCommon


@tagged("post_install", "-at_install")
class TestGettingStarted(LawCrmCommon):
    """The getting-started page: what it counts, and opening at login until
    dismissed."""

    def setUp(self):
        super().setUp()
        self.page_action = self.env.ref("law_crm.law_getting_started_action")

    def page(self, user):
        return self.env["law.getting.started"].with_user(user).create({})

    def test_new_database_opens_on_it_for_the_administrator(self):
        self.assertEqual(self.env.ref("base.user_admin").action_id.id, self.page_action.id)

    def test_home_action_opens_a_saved_page(self):
        action = self.page_action.with_user(self.partner_other).run()
        self.assertEqual(action["res_model"], "law.getting.started")
        self.assertTrue(self.env["law.getting.started"].browse(action["res_id"]).exists())

    def test_counts_what_is_configured(self):
        page = self.page(self.partner_other)
        self.assertEqual(page.practice_area_count, self.env["law.practice.area"].search_count([]))
        self.assertGreater(page.matter_type_count, 0, "the firm's matter types are data")
        self.env["law.matter.type"].create({"name": "Arbitration"})
        page.invalidate_recordset()
        self.assertEqual(page.matter_type_count, self.env["law.matter.type"].search_count([]))

    def test_mail_domain_and_logging_address(self):
        domain = self.env["mail.alias.domain"].create({"name": "firm.example"})
        self.env.company.alias_domain_id = domain
        page = self.page(self.partner_other)
        self.assertEqual(page.alias_domain_id, domain)
        self.assertEqual(page.logging_address, "logg@firm.example")
        self.env.company.alias_domain_id = False
        page.invalidate_recordset()
        self.assertFalse(page.logging_address)

    def test_dismiss_and_show_again(self):
        user = self.partner_other
        user.action_id = self.page_action.id
        page = self.page(user)
        self.assertTrue(page.is_home)
        self.assertEqual(page.action_dismiss()["url"], "/odoo")
        self.assertFalse(user.action_id)
        page.invalidate_recordset()
        self.assertFalse(page.is_home)
        page.action_show_at_login()
        self.assertEqual(user.action_id.id, self.page_action.id)

    def test_dismiss_keeps_another_home_action(self):
        other = self.env.ref("law_crm.law_matter_action")
        self.partner_other.action_id = other.id
        self.page(self.partner_other).action_dismiss()
        self.assertEqual(self.partner_other.action_id.id, other.id)

    def test_only_partners_and_administrators(self):
        self.page(self.admin_out)
        with self.assertRaises(AccessError):
            self.page(self.responsible)
