from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.fields import Domain


class LawDashboard(models.AbstractModel):
    """The partner dashboard's figures, one ``_read_group`` per widget.

    Each widget is a model, a domain and the groupings and aggregates the
    dashboard's graph and pivot views show; defining them here once lets the
    views' actions, the tests and ``tests/perf/bench_dashboard.py`` use the
    same queries. Every query runs with the caller's record rules, so a
    lawyer's figures never count a matter the lawyer may not see. The other
    addons add their widgets (deadlines, time) by extending ``_law_widgets``.
    """

    _name = "law.dashboard"
    _description = "Partner Dashboard"

    @api.model
    def _law_widgets(self):
        """{key: (model, domain, groupby, aggregates)} of every widget."""
        today = fields.Date.context_today(self)
        year_ago = today.replace(day=1) - relativedelta(months=11)
        matters = Domain("is_matter", "=", True)
        return {
            "open_matters": (
                "project.project",
                matters & Domain("state", "=", "open"),
                ["practice_area_id", "user_id"],
                ["__count"],
            ),
            "new_matters": (
                "project.project",
                matters & Domain("date_opened", ">=", year_ago),
                ["date_opened:month"],
                ["__count"],
            ),
            "intakes": (
                "crm.lead",
                Domain("create_date", ">=", fields.Datetime.to_datetime(year_ago))
                & Domain("active", "in", (True, False)),
                ["create_date:month"],
                ["__count", "law_converted:avg"],
            ),
            "correspondence": (
                "law.correspondence",
                Domain("date", ">=", fields.Datetime.to_datetime(year_ago)),
                ["date:month", "kind"],
                ["__count"],
            ),
            "days_to_open": (
                "project.project",
                matters & Domain("date_opened", "!=", False),
                ["practice_area_id"],
                ["law_intake_days:avg", "__count"],
            ),
        }

    @api.model
    def _law_widget(self, key, domain=None):
        """Rows of one widget, read with the current user's rights
        (``domain``: narrow it further, e.g. to one practice area)."""
        model, widget_domain, groupby, aggregates = self._law_widgets()[key]
        if not self.env[model].has_access("read"):
            # e.g. an administrator without a law group: no correspondence at all.
            return []
        return self.env[model]._read_group(
            Domain(widget_domain) & Domain(domain or []), groupby, aggregates
        )

    @api.model
    def get_figures(self):
        """All widgets as JSON-friendly rows: ``{key: [[group labels..., values...]]}``."""
        result = {}
        for key in self._law_widgets():
            result[key] = [
                [
                    value.display_name if isinstance(value, models.BaseModel) else value
                    for value in row
                ]
                for row in self._law_widget(key)
            ]
        return result
