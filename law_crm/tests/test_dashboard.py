from odoo.tests import tagged

from .common import LawCrmCommon


@tagged("post_install", "-at_install", "law_security")
class TestDashboard(LawCrmCommon):
    """The dashboard's figures are counted under need-to-know: a lawyer's
    widgets never include a matter the lawyer may not see."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        area = cls.env["law.practice.area"].create({"name": "Dashboard area"})
        matters = cls.matter | cls.hidden_matters
        matters.write({"state": "open", "date_opened": "2026-11-02", "practice_area_id": area.id})
        cls.area = area
        cls.env["law.correspondence"].create(
            [
                {"matter_id": matter.id, "subject": f"Call {matter.name}", "kind": "phone"}
                for matter in matters
            ]
        )
        cls.Dashboard = cls.env["law.dashboard"]

    def _count(self, user, key):
        """Number of records a widget counts for ``user``."""
        _model, _domain, groupby, aggregates = self.Dashboard._law_widgets()[key]
        index = aggregates.index("__count")
        path = "matter_id.practice_area_id" if key == "correspondence" else "practice_area_id"
        rows = self.Dashboard.with_user(user)._law_widget(key, [(path, "=", self.area.id)])
        return sum(row[len(groupby) + index] for row in rows)

    def test_figures_exclude_hidden_matters(self):
        for key in ("open_matters", "new_matters", "correspondence", "days_to_open"):
            with self.subTest(widget=key):
                self.assertEqual(self._count(self.responsible, key), 3)
                self.assertEqual(self._count(self.lawyer_out, key), 0)
                self.assertEqual(self._count(self.partner_other, key), 2)
                # Walled off one matter and not on the confidential one's team.
                self.assertEqual(self._count(self.partner_walled, key), 1)
                self.assertEqual(self._count(self.admin_out, key), 0)

    def test_open_matters_by_lawyer_and_area(self):
        rows = self.Dashboard.with_user(self.partner_other)._law_widget(
            "open_matters", [("practice_area_id", "=", self.area.id)]
        )
        self.assertEqual(rows, [(self.area, self.responsible, 2)])

    def test_get_figures_serialisable(self):
        figures = self.Dashboard.with_user(self.responsible).get_figures()
        self.assertIn([self.area.name, self.responsible.name, 3], figures["open_matters"])
        self.assertIn("intakes", figures)
