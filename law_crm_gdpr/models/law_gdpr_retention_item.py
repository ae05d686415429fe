from odoo import api, fields, models


class LawGdprRetentionItem(models.Model):
    """One record a retention run acts on, and whether it was done: the
    run's cursor, which makes a crashed run resume without doing anything
    twice or skipping anything."""

    _name = "law.gdpr.retention.item"
    _description = "Retention Run Record"
    _order = "id"

    run_id = fields.Many2one(
        "law.gdpr.retention.run", required=True, index=True, ondelete="cascade"
    )
    res_id = fields.Integer(string="Record Id", required=True)
    state = fields.Selection(
        [("pending", "Pending"), ("done", "Done"), ("skipped", "Skipped (No Longer Due)")],
        default="pending",
        required=True,
    )
    record_name = fields.Char(string="Record", compute="_compute_record_name")

    _run_pending = models.Index("(run_id, id) WHERE state = 'pending'")

    @api.depends("run_id", "res_id")
    def _compute_record_name(self):
        for item in self:
            model = item.run_id.policy_id.model_name
            record = None
            if model in item.env:
                # sudo: only the name, for the compliance officer reviewing
                # the run (items are compliance-only); gone records say so.
                record = item.env[model].sudo().browse(item.res_id).exists()
            item.record_name = record.display_name if record else self.env._("(deleted)")
