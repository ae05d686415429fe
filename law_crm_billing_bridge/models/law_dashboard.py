from odoo import api, models
from odoo.fields import Domain


class LawDashboard(models.AbstractModel):
    """Work in progress (unbilled billable hours) and billed time (hours and
    value) per lawyer on the partner dashboard, from the matters' timesheets."""

    _inherit = "law.dashboard"

    @api.model
    def _law_widgets(self):
        widgets = super()._law_widgets()
        widgets["wip_billed"] = (
            "account.analytic.line",
            # any!: the time lines' own record rule already says which
            # matters' time the user sees; checking the matters' rule again in
            # a sub-select doubled a partner's query (tests/perf/bench_dashboard.py).
            Domain("project_id", "any!", Domain("is_matter", "=", True))
            & Domain("law_billing_state", "in", ("unbilled", "billed")),
            ["user_id", "law_billing_state"],
            ["unit_amount:sum", "law_value:sum", "__count"],
        )
        return widgets
