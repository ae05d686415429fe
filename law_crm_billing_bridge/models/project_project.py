from odoo import api, fields, models


class ProjectProject(models.Model):
    """The fee arrangement of a matter and its financial overview."""

    _inherit = "project.project"

    law_fee_arrangement = fields.Selection(
        [("hourly", "Hourly"), ("fixed", "Fixed fee"), ("capped", "Capped fee")],
        string="Fee Arrangement",
        default="hourly",
        required=True,
        tracking=True,
    )
    law_fee_amount = fields.Monetary(
        string="Fixed Fee or Cap",
        currency_field="currency_id",
        tracking=True,
        help="Fixed fee: the whole fee for the matter. Capped fee: hourly fees are billed up "
        "to this amount.",
    )
    law_cap_warning_percent = fields.Float(
        string="Warn at (%)",
        default=80.0,
        help="The matter shows a warning once billed and unbilled fees reach this share of "
        "the cap.",
    )
    law_wip_amount = fields.Monetary(
        string="Work in Progress",
        compute="_compute_law_finance",
        currency_field="currency_id",
        help="Unbilled billable time at today's rates plus unbilled disbursements.",
    )
    law_billed_fees = fields.Monetary(
        string="Fees Billed", compute="_compute_law_finance", currency_field="currency_id"
    )
    law_billed_amount = fields.Monetary(
        string="Billed", compute="_compute_law_finance", currency_field="currency_id"
    )
    law_paid_amount = fields.Monetary(
        string="Paid", compute="_compute_law_finance", currency_field="currency_id"
    )
    law_outstanding_amount = fields.Monetary(
        string="Outstanding", compute="_compute_law_finance", currency_field="currency_id"
    )
    law_headroom = fields.Monetary(
        string="Headroom",
        compute="_compute_law_finance",
        currency_field="currency_id",
        help="Fixed or capped fee not yet billed, less work in progress.",
    )
    law_cap_near = fields.Boolean(string="Near the Cap", compute="_compute_law_finance")

    @api.model_create_multi
    def create(self, vals_list):
        """Every matter takes time, so it gets its analytic account even when
        a lawyer without accounting rights opens it. sudo: the account only
        carries the matter's name, client and company, which the user is
        writing right now."""
        defaults = self.default_get(["allow_timesheets"])
        matters = [
            vals
            for vals in vals_list
            if vals.get("is_matter")
            and vals.get("allow_timesheets", defaults.get("allow_timesheets"))
            and not vals.get("account_id")
        ]
        if matters:
            accounts = (
                self.env["account.analytic.account"]
                .sudo()
                .create(self._get_values_analytic_account_batch(matters))
            )
            for vals, account in zip(matters, accounts, strict=True):
                vals["account_id"] = account.id
        return super().create(vals_list)

    @api.depends("law_fee_arrangement", "law_fee_amount", "law_cap_warning_percent")
    def _compute_law_finance(self):
        Move = self.env["account.move"]
        Line = self.env["account.move.line"]
        totals, fees = {}, {}
        # No sudo: invoices follow the matter's need-to-know, so the sums of a
        # matter the user sees are complete; without accounting rights, none
        # (and no query: _read_group itself refuses a user without them).
        if Move.has_access("read"):
            totals = {
                matter.id: (untaxed, total, residual)
                for matter, untaxed, total, residual in Move._read_group(
                    [
                        ("law_matter_id", "in", self.ids),
                        ("state", "=", "posted"),
                        ("move_type", "in", ("out_invoice", "out_refund")),
                    ],
                    ["law_matter_id"],
                    [
                        "amount_untaxed_signed:sum",
                        "amount_total_signed:sum",
                        "amount_residual_signed:sum",
                    ],
                )
            }
            fees = dict(
                Line._read_group(
                    [
                        ("law_matter_id", "in", self.ids),
                        ("parent_state", "!=", "cancel"),
                        ("law_line_kind", "in", ("time", "fixed_fee", "cap")),
                    ],
                    ["law_matter_id"],
                    ["price_subtotal:sum"],
                )
            )
        wip = self._law_wip()
        for matter in self:
            untaxed, total, residual = totals.get(matter.id, (0.0, 0.0, 0.0))
            matter.law_billed_amount = untaxed
            matter.law_paid_amount = total - residual
            matter.law_outstanding_amount = residual
            matter.law_billed_fees = fees.get(matter, 0.0)
            matter.law_wip_amount = wip.get(matter.id, 0.0)
            limited = matter.law_fee_arrangement in ("fixed", "capped")
            matter.law_headroom = (
                matter.law_fee_amount - matter.law_billed_fees - matter.law_wip_amount
                if limited
                else 0.0
            )
            matter.law_cap_near = (
                matter.law_fee_arrangement == "capped"
                and matter.law_fee_amount > 0
                and (matter.law_billed_fees + matter.law_wip_amount) * 100
                >= matter.law_fee_amount * matter.law_cap_warning_percent
            )

    def _law_wip(self):
        """{matter id: unbilled value}: billable unbilled time at the rate in
        force on each entry's date, plus unbilled disbursements."""
        wip = dict.fromkeys(self.ids, 0.0)
        if not self.ids:
            return wip
        lines = self.env["account.analytic.line"].search(
            [
                ("project_id", "in", self.ids),
                ("law_billable", "=", True),
                ("law_invoice_line_id", "=", False),
            ]
        )
        for line, rate in lines._law_resolve_rates().items():
            wip[line.project_id.id] += line.unit_amount * rate.hourly_rate
        for matter, amount in self.env["law.disbursement"]._read_group(
            [("matter_id", "in", self.ids), ("invoice_line_id", "=", False)],
            ["matter_id"],
            ["amount:sum"],
        ):
            wip[matter.id] += amount
        return wip
