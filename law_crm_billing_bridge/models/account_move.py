from odoo import fields, models


class AccountMove(models.Model):
    """An invoice names the matter it bills, so that need-to-know covers it
    and the matter's overview can sum it; cancelling it releases the time and
    disbursements it billed."""

    _inherit = "account.move"

    law_matter_id = fields.Many2one(
        "project.project",
        string="Matter",
        index="btree_not_null",
        domain=[("is_matter", "=", True)],
        copy=False,
        tracking=True,
    )

    def button_cancel(self):
        result = super().button_cancel()
        self.line_ids._law_release()
        return result
