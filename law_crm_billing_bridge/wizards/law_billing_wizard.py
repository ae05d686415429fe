from collections import defaultdict

from markupsafe import escape

from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class LawBillingWizard(models.TransientModel):
    """Bills matters up to a date: unbilled billable time and disbursements
    become draft customer invoices to each matter's client, one per matter,
    with every time entry linked to the invoice line that carries it."""

    _name = "law.billing.wizard"
    _description = "Bill Matters"

    matter_ids = fields.Many2many(
        "project.project",
        string="Matters",
        required=True,
        domain=[("is_matter", "=", True)],
        default=lambda self: self._default_matters(),
    )
    date_to = fields.Date(string="Up To", required=True, default=fields.Date.context_today)
    grouping = fields.Selection(
        [
            ("lawyer", "Per lawyer"),
            ("activity", "Per activity code"),
            ("task", "Per task"),
            ("entry", "Per time entry"),
        ],
        required=True,
        default="lawyer",
    )
    preview = fields.Html(compute="_compute_preview", sanitize=False)

    @api.model
    def _default_matters(self):
        if self.env.context.get("active_model") == "project.project":
            return self.env["project.project"].browse(self.env.context.get("active_ids", []))
        return self.env["project.project"]

    def _unbilled_time(self):
        return self.env["account.analytic.line"].search(
            [
                ("project_id", "in", self.matter_ids.ids),
                ("law_billable", "=", True),
                ("law_invoice_line_id", "=", False),
                ("date", "<=", self.date_to),
            ],
            order="project_id, date, id",
        )

    def _unbilled_disbursements(self):
        return self.env["law.disbursement"].search(
            [
                ("matter_id", "in", self.matter_ids.ids),
                ("invoice_line_id", "=", False),
                ("date", "<=", self.date_to),
            ],
            order="matter_id, date, id",
        )

    @api.depends("matter_ids", "date_to", "grouping")
    def _compute_preview(self):
        for wizard in self:
            if not wizard.matter_ids or not wizard.date_to:
                wizard.preview = False
                continue
            rows = []
            for matter, groups in wizard._plan().items():
                rows.append(f"<tr><th colspan='3'>{escape(matter.display_name)}</th></tr>")
                rows.extend(
                    f"<tr><td>{escape(values['name'])}</td><td>{values['quantity']:.2f}</td>"
                    f"<td>{values['price_unit']:.2f}</td></tr>"
                    for values, _records in groups
                )
            wizard.preview = "<table class='table table-sm'>{}</table>".format("".join(rows))

    def _group_label(self, line):
        if self.grouping == "lawyer":
            return line.user_id, line.user_id.name or line.employee_id.name
        if self.grouping == "activity":
            code = line.law_activity_code_id
            return code, code.name or self.env._("Other work")
        if self.grouping == "task":
            return line.task_id, line.task_id.name or self.env._("General work")
        return line, f"{line.date} {line.user_id.name or ''}: {line.name or ''}"

    def _plan(self, strict=False):
        """{matter: [(invoice line values, time entries or disbursement)]}."""
        time_lines = self._unbilled_time()
        rates = time_lines._law_resolve_rates(strict=strict)
        plan = defaultdict(list)
        by_matter = defaultdict(list)
        for line in time_lines:
            by_matter[line.project_id].append(line)
        fee_product = self.env.ref("law_crm_billing_bridge.product_legal_services")
        for matter, lines in by_matter.items():
            fixed = matter.law_fee_arrangement == "fixed"
            taxes = [Command.set(self._sale_taxes(fee_product, matter).ids)]
            groups = {}
            for line in lines:
                rate = rates[line].hourly_rate if line in rates else 0.0
                key, label = self._group_label(line)
                group = groups.setdefault(
                    (key, rate), {"label": label, "rate": rate, "lines": [], "hours": 0.0}
                )
                group["lines"].append(line.id)
                group["hours"] += line.unit_amount
            fees = 0.0
            for group in groups.values():
                price = 0.0 if fixed else group["rate"]
                fees += price * group["hours"]
                plan[matter].append(
                    (
                        {
                            "name": group["label"],
                            "product_id": fee_product.id,
                            "quantity": group["hours"],
                            "price_unit": price,
                            "tax_ids": taxes,
                            "law_line_kind": "time",
                            "law_rate": group["rate"],
                        },
                        self.env["account.analytic.line"].browse(group["lines"]),
                    )
                )
            plan[matter].extend(self._fee_lines(matter, fees, fee_product, taxes))
        for disbursement in self._unbilled_disbursements():
            plan[disbursement.matter_id].append(
                (
                    {
                        "name": disbursement.name,
                        "product_id": disbursement.product_id.id,
                        "quantity": 1.0,
                        "price_unit": disbursement.amount,
                        "tax_ids": [Command.set(disbursement.tax_ids.ids)],
                        "law_line_kind": "disbursement",
                    },
                    disbursement,
                )
            )
        return plan

    @api.model
    def _sale_taxes(self, product, matter):
        """VAT as the accounting configuration says: the product's sales
        taxes, else the company's default sales tax, mapped through the
        client's fiscal position (e.g. zero-rated services abroad)."""
        company = matter.company_id or self.env.company
        taxes = product.taxes_id.filtered(lambda tax: tax.company_id in company.parent_ids)
        taxes = taxes or company.account_sale_tax_id
        position = (
            self.env["account.fiscal.position"]
            .with_company(company)
            ._get_fiscal_position(matter.partner_id)
        )
        return position.map_tax(taxes) if position else taxes

    def _fee_lines(self, matter, fees, product, taxes):
        """The fixed fee not billed yet, or the cap adjustment that keeps
        billed hourly fees within the cap."""
        billed = matter.law_billed_fees
        if matter.law_fee_arrangement == "fixed":
            due = matter.law_fee_amount - billed
            name = self.env._("Fixed fee as agreed")
            kind = "fixed_fee"
        elif matter.law_fee_arrangement == "capped":
            due = min(0.0, matter.law_fee_amount - billed - fees)
            name = self.env._("Reduction to the agreed cap")
            kind = "cap"
        else:
            return []
        if not due:
            return []
        values = {
            "name": name,
            "product_id": product.id,
            "quantity": 1.0,
            "price_unit": due,
            "tax_ids": taxes,
            "law_line_kind": kind,
        }
        return [(values, None)]

    def action_create_invoices(self):
        """Create the draft invoices; returns an action showing them."""
        self.ensure_one()
        missing_client = self.matter_ids.filtered(lambda matter: not matter.partner_id)
        if missing_client:
            raise UserError(
                self.env._(
                    "Matter %(matter)s has no client to invoice. Set the client on the matter.",
                    matter=missing_client[0].display_name,
                )
            )
        # Two runs at once must not bill the same hour twice: lock the entries
        # (the second run waits), then plan only what is still unbilled.
        self._unbilled_time().lock_for_update(allow_referencing=True)
        self._unbilled_disbursements().lock_for_update(allow_referencing=True)
        self.env.invalidate_all()
        plan = self._plan(strict=True)
        if not plan:
            raise UserError(
                self.env._("There is nothing to bill on these matters up to this date.")
            )
        move_vals = []
        matters = list(plan)
        for matter in matters:
            lines = []
            for sequence, (values, _records) in enumerate(plan[matter]):
                line_values = dict(values, sequence=sequence + 1)
                line_values.pop("law_rate", None)
                lines.append(Command.create(line_values))
            move_vals.append(
                {
                    "move_type": "out_invoice",
                    "partner_id": matter.partner_id.id,
                    "law_matter_id": matter.id,
                    "ref": matter.display_name,
                    "invoice_origin": matter.display_name,
                    "invoice_line_ids": lines,
                }
            )
        moves = self.env["account.move"].create(move_vals)
        # sudo: the entries were found through this user's own rules above;
        # only their link to the new invoice line and the frozen rate change.
        for matter, move in zip(matters, moves, strict=True):
            by_sequence = {line.sequence: line for line in move.invoice_line_ids}
            for sequence, (values, records) in enumerate(plan[matter]):
                if records is None:
                    continue
                link = by_sequence[sequence + 1]
                if records._name == "law.disbursement":
                    records.sudo().write({"invoice_line_id": link.id})
                else:
                    records.sudo().write(
                        {"law_invoice_line_id": link.id, "law_rate": values["law_rate"]}
                    )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Invoices"),
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": [("id", "in", moves.ids)],
        }
