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
            Domain("project_id.is_matter", "=", True)
            & Domain("law_billing_state", "in", ("unbilled", "billed")),
            ["user_id", "law_billing_state"],
            ["unit_amount:sum", "law_value:sum", "__count"],
        )
        return widgets
