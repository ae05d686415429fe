from odoo import api, fields, models
from odoo.exceptions import UserError

# What billing itself writes on a billed entry; everything else is locked.
BILLING_FIELDS = frozenset({"law_invoice_line_id", "law_rate"})


class AccountAnalyticLine(models.Model):
    """Time on a matter: the stock timesheet entry with an activity code, a
    billable flag, and once billed, the invoice line and the frozen rate."""

    _inherit = "account.analytic.line"

    law_activity_code_id = fields.Many2one(
        "law.activity.code", string="Activity Code", index="btree_not_null"
    )
    law_billable = fields.Boolean(
        string="Billable to Client",
        compute="_compute_law_billable",
        store=True,
        readonly=False,
    )
    law_invoice_line_id = fields.Many2one(
        "account.move.line",
        string="Invoice Line",
        index="btree_not_null",
        ondelete="set null",
        copy=False,
        readonly=True,
    )
    law_invoice_id = fields.Many2one(
        related="law_invoice_line_id.move_id",
        string="Client Invoice",
        store=True,
        index="btree_not_null",
    )
    law_rate = fields.Monetary(
        string="Rate",
        currency_field="currency_id",
        copy=False,
        readonly=True,
        help="The hourly rate frozen on the entry when it was billed.",
    )
    law_value = fields.Monetary(
        string="Value",
        compute="_compute_law_value",
        store=True,
        currency_field="currency_id",
        help="Hours times the frozen rate, once billed.",
    )
    law_billing_state = fields.Selection(
        [("not_billable", "Not billable"), ("unbilled", "To bill"), ("billed", "Billed")],
        string="Billing Status",
        compute="_compute_law_billing_state",
        store=True,
    )

    @api.depends("project_id.is_matter", "law_activity_code_id.billable")
    def _compute_law_billable(self):
        for line in self:
            line.law_billable = line.project_id.is_matter and (
                line.law_activity_code_id.billable if line.law_activity_code_id else True
            )

    @api.depends("unit_amount", "law_rate")
    def _compute_law_value(self):
        for line in self:
            line.law_value = line.unit_amount * line.law_rate

    @api.depends("law_billable", "law_invoice_line_id")
    def _compute_law_billing_state(self):
        for line in self:
            if line.law_invoice_line_id:
                line.law_billing_state = "billed"
            elif line.law_billable:
                line.law_billing_state = "unbilled"
            else:
                line.law_billing_state = "not_billable"

    def _is_readonly(self):
        return super()._is_readonly() or bool(self.law_invoice_line_id)

    def _law_check_unlocked(self):
        if self.filtered("law_invoice_line_id"):
            raise UserError(
                self.env._(
                    "This time is already on an invoice and cannot be changed. Cancel the "
                    "invoice or remove its line first."
                )
            )

    def write(self, vals):
        if set(vals) - BILLING_FIELDS:
            self._law_check_unlocked()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_billed(self):
        self._law_check_unlocked()

    def _law_resolve_rates(self, strict=False):
        """{entry: law.billing.rate} for entries on matters, at the rate in
        force on each entry's date (see law.billing.rate). With ``strict``,
        an entry without any rate is a UserError naming lawyer and matter."""
        resolvers = {}
        result = {}
        for line in self:
            company = line.company_id
            if company not in resolvers:
                resolvers[company] = self.env["law.billing.rate"]._resolver(company)
            rate = resolvers[company](
                line.project_id,
                line.project_id.partner_id.commercial_partner_id,
                line.user_id,
                # sudo: only the job position, to look up the role's rate.
                line.employee_id.sudo().job_id,
                line.date,
            )
            if not rate and strict:
                raise UserError(
                    self.env._(
                        "No hourly rate for %(lawyer)s on %(matter)s on %(date)s. Add one under "
                        "Law > Billing > Hourly Rates.",
                        lawyer=line.user_id.name or line.employee_id.name,
                        matter=line.project_id.display_name,
                        date=line.date,
                    )
                )
            if rate:
                result[line] = rate
        return result
