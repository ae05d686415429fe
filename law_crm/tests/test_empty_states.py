from odoo.tests import TransactionCase, tagged

LAW_ADDONS = ("law_crm", "law_crm_deadlines", "law_crm_gdpr", "law_crm_billing_bridge")


@tagged("post_install", "-at_install")
class TestEmptyStates(TransactionCase):
    """Every list, kanban or calendar a menu of the law addons opens says,
    when it is empty, what belongs there and how to add it (the action's
    help), so that a newcomer is never left with a blank screen. Runs
    after all the installed law addons are loaded, so it covers each."""

    def test_every_menu_action_has_an_empty_state(self):
        menus = self.env["ir.model.data"].search(
            [("model", "=", "ir.ui.menu"), ("module", "in", LAW_ADDONS)]
        )
        views = {
            menu.action
            for menu in self.env["ir.ui.menu"].browse(menus.mapped("res_id"))
            if menu.action
            and menu.action._name == "ir.actions.act_window"
            and menu.action.view_mode != "form"
        }
        self.assertGreater(len(views), 10, "the law addons' menus were found")
        missing = sorted(
            f"{action.xml_id or action.id} ({action.name})"
            for action in views
            if "o_view_nocontent" not in (action.help or "")
        )
        self.assertEqual(missing, [], "menu actions without an empty-state help")
