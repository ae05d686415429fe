from odoo import fields, models


class AccountMoveLine(models.Model):
    """Invoice lines know what they bill (time, fixed fee, cap adjustment,
    disbursement) and which time entries they carry."""

    _inherit = "account.move.line"

    law_matter_id = fields.Many2one(
        related="move_id.law_matter_id", store=True, index="btree_not_null", string="Matter"
    )
    law_line_kind = fields.Selection(
        [
            ("time", "Time"),
            ("fixed_fee", "Fixed fee"),
            ("cap", "Cap adjustment"),
            ("disbursement", "Disbursement"),
        ],
        string="Billed As",
        copy=False,
        readonly=True,
    )
    law_time_ids = fields.One2many(
        "account.analytic.line", "law_invoice_line_id", string="Time Entries", readonly=True
    )

    def _law_release(self):
        """Give the time and disbursements these lines billed back to work
        in progress. sudo: only entries linked to these lines, which the
        user just cancelled or deleted, are touched, and only their link."""
        if not self.ids:
            return
        self.env["account.analytic.line"].sudo().search(
            [("law_invoice_line_id", "in", self.ids)]
        ).write({"law_invoice_line_id": False, "law_rate": 0.0})
        self.env["law.disbursement"].sudo().search([("invoice_line_id", "in", self.ids)]).write(
            {"invoice_line_id": False}
        )

    def unlink(self):
        self._law_release()
        return super().unlink()
