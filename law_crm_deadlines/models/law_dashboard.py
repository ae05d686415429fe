from datetime import timedelta

from odoo import api, models
from odoo.fields import Domain

OPEN_STATES = ("draft", "registered")


class LawDashboard(models.AbstractModel):
    """Deadlines on the partner dashboard: due in the next 7 days and
    overdue, per responsible lawyer (the firm's day, as the reminders count it)."""

    _inherit = "law.dashboard"

    @api.model
    def _law_widgets(self):
        widgets = super()._law_widgets()
        today = self.env["law.deadline"]._firm_today()
        open_deadlines = Domain("state", "in", OPEN_STATES)
        widgets["deadlines_week"] = (
            "law.deadline",
            open_deadlines
            & Domain("date_deadline", ">=", today)
            & Domain("date_deadline", "<=", today + timedelta(days=7)),
            ["user_id"],
            ["__count"],
        )
        widgets["deadlines_overdue"] = (
            "law.deadline",
            open_deadlines & Domain("date_deadline", "<", today),
            ["user_id"],
            ["__count"],
        )
        return widgets
