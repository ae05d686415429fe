from datetime import timedelta

from odoo.addons.law_crm.tests.common import LawCrmCommon
from odoo.tests import tagged


@tagged("post_install", "-at_install", "law_security")
class TestDeadlineDashboard(LawCrmCommon):
    """Deadlines due this week and overdue, per lawyer, counted under need-to-know."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = cls.env["law.deadline"]._firm_today()
        Deadline = cls.env["law.deadline"].with_context(mail_create_nolog=True)
        for matter in cls.matter | cls.hidden_matters:
            for offset in (3, -2):
                Deadline.create(
                    {
                        "matter_id": matter.id,
                        "name": f"Deadline {offset}",
                        "amount": 1,
                        "unit": "days",
                        "override_date": today + timedelta(days=offset),
                        "override_reason": "Test",
                        "show_in_calendar": False,
                        "user_id": cls.responsible.id,
                    }
                )

    def _count(self, user, key):
        ours = [("matter_id", "in", (self.matter | self.hidden_matters).ids)]
        rows = self.env["law.dashboard"].with_user(user)._law_widget(key, ours)
        return sum(count for _user, count in rows)

    def test_week_and_overdue_exclude_hidden_matters(self):
        for key in ("deadlines_week", "deadlines_overdue"):
            with self.subTest(widget=key):
                self.assertEqual(self._count(self.responsible, key), 3)
                self.assertEqual(self._count(self.lawyer_out, key), 0)
                self.assertEqual(self._count(self.partner_other, key), 2)
                self.assertEqual(self._count(self.partner_walled, key), 1)
