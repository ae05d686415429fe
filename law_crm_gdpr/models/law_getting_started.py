from odoo import api, fields, models


class LawGettingStarted(models.TransientModel):
    """The getting-started page's GDPR step: the retention policies."""

    _inherit = "law.getting.started"

    retention_policy_count = fields.Integer(compute="_compute_counts")

    @api.depends_context("uid")
    def _compute_counts(self):
        super()._compute_counts()
        for page in self:
            page.retention_policy_count = self._count("law.gdpr.retention.policy")
