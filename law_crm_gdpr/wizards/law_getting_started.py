from odoo import fields, models


class LawGettingStarted(models.TransientModel):
    """The getting-started page's GDPR step: the retention policies."""

    _inherit = "law.getting.started"

    retention_policy_count = fields.Integer(compute="_compute_counts")

    def _counted_models(self):
        return {**super()._counted_models(), "retention_policy_count": "law.gdpr.retention.policy"}
