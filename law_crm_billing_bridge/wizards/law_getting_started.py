from odoo import fields, models


class LawGettingStarted(models.TransientModel):
    """The getting-started page's billing step: the hourly rates."""

    _inherit = "law.getting.started"

    billing_rate_count = fields.Integer(compute="_compute_counts")

    def _counted_models(self):
        return {**super()._counted_models(), "billing_rate_count": "law.billing.rate"}
