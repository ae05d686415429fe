from odoo import api, fields, models


class LawGettingStarted(models.TransientModel):
    """The getting-started page's billing step: the hourly rates."""

    _inherit = "law.getting.started"

    billing_rate_count = fields.Integer(compute="_compute_counts")

    @api.depends_context("uid")
    def _compute_counts(self):
        super()._compute_counts()
        for page in self:
            page.billing_rate_count = self._count("law.billing.rate")
