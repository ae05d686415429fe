from odoo import api, fields, models
from odoo.exceptions import UserError


class LawDisbursement(models.Model):
    """Money the firm laid out for the client on a matter (court fee,
    travel, expert): billed at cost, with the VAT treatment of its taxes."""

    _name = "law.disbursement"
    _inherit = ["law.matter.record.mixin"]
    _description = "Disbursement"
    _order = "date desc, id desc"

    name = fields.Char(string="Description", required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    amount = fields.Monetary(
        string="Cost", required=True, currency_field="currency_id", help="Cost excluding VAT."
    )
    currency_id = fields.Many2one(related="matter_id.currency_id")
    product_id = fields.Many2one(
        "product.product",
        required=True,
        default=lambda self: self.env.ref(
            "law_crm_billing_bridge.product_disbursement", raise_if_not_found=False
        ),
        help="Decides the income account and default taxes on the invoice.",
    )
    tax_ids = fields.Many2many(
        "account.tax",
        string="Taxes",
        compute="_compute_tax_ids",
        store=True,
        readonly=False,
        domain=[("type_tax_use", "=", "sale")],
        help="VAT on the invoice line; court fees are usually outside the scope of VAT.",
    )
    invoice_line_id = fields.Many2one(
        "account.move.line", index="btree_not_null", ondelete="set null", copy=False, readonly=True
    )
    invoice_id = fields.Many2one(related="invoice_line_id.move_id", string="Invoice")

    _positive_amount = models.Constraint("CHECK(amount > 0)", "A disbursement costs something.")

    @api.depends("product_id", "company_id")
    def _compute_tax_ids(self):
        for disbursement in self:
            company = disbursement.company_id or self.env.company
            taxes = disbursement.product_id.taxes_id.filtered(
                lambda tax, company=company: tax.company_id in company.parent_ids
            )
            disbursement.tax_ids = taxes or company.account_sale_tax_id

    def write(self, vals):
        if set(vals) - {"invoice_line_id"} and self.filtered("invoice_line_id"):
            raise UserError(
                self.env._(
                    "This disbursement is already invoiced and cannot be changed. Cancel the "
                    "invoice first."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_invoiced(self):
        if self.filtered("invoice_line_id"):
            raise UserError(
                self.env._("An invoiced disbursement cannot be deleted. Cancel the invoice first.")
            )
