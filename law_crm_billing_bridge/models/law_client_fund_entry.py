from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain


class LawClientFundEntry(models.Model):
    """A movement of client money on a matter: an advance received into the
    client account, its application to an invoice, or a refund.

    Each entry posts a journal entry on the client-account journal against
    the client-funds liability account, so the client's funds ledger is the
    general ledger: never the firm's revenue until applied to an invoice.
    """

    _name = "law.client.fund.entry"
    _inherit = ["law.matter.record.mixin"]
    _description = "Client Funds Entry"
    _order = "date, id"

    kind = fields.Selection(
        [
            ("advance", "Advance received"),
            ("application", "Applied to invoice"),
            ("refund", "Refund"),
        ],
        required=True,
        default="advance",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        index=True,
    )
    amount = fields.Monetary(required=True, currency_field="currency_id")
    currency_id = fields.Many2one(related="matter_id.currency_id")
    invoice_id = fields.Many2one(
        "account.move",
        domain="[('law_matter_id', '=', matter_id), ('move_type', '=', 'out_invoice'), "
        "('state', '=', 'posted'), ('amount_residual', '>', 0)]",
    )
    move_id = fields.Many2one("account.move", string="Journal Entry", readonly=True, copy=False)
    state = fields.Selection(
        [("draft", "Draft"), ("posted", "Posted")], default="draft", required=True, readonly=True
    )

    _positive_amount = models.Constraint("CHECK(amount > 0)", "The amount must be positive.")

    @api.depends("matter_id")
    def _compute_partner_id(self):
        for entry in self:
            entry.partner_id = entry.matter_id.partner_id.commercial_partner_id

    def _balance(self):
        """Client money held for this entry's client on its matter, from the
        general ledger."""
        self.ensure_one()
        account = (self.company_id or self.env.company).law_client_account_id
        if not account:
            return 0.0
        groups = self.env["account.move.line"]._read_group(
            Domain("account_id", "=", account.id)
            & Domain("partner_id", "=", self.partner_id.id)
            & Domain("law_matter_id", "=", self.matter_id.id)
            & Domain("parent_state", "=", "posted"),
            [],
            ["balance:sum"],
        )
        return -groups[0][0]

    def action_post(self):
        """Post the journal entry of each draft entry."""
        for entry in self.filtered(lambda entry: entry.state == "draft"):
            entry._post_one()

    def _post_one(self):
        company = self.company_id or self.env.company
        journal, liability = company._law_client_funds_setup()
        client_bank = journal.default_account_id
        held = self._balance()
        if self.kind != "advance" and self.currency_id.compare_amounts(self.amount, held) > 0:
            raise UserError(
                self.env._(
                    "Only %(held)s of client money is held for %(client)s on this matter.",
                    held=held,
                    client=self.partner_id.display_name,
                )
            )
        common = {"partner_id": self.partner_id.id}
        if self.kind == "advance":
            lines = [
                dict(
                    common, account_id=client_bank.id, debit=self.amount, name=self.env._("Advance")
                ),
                dict(
                    common, account_id=liability.id, credit=self.amount, name=self.env._("Advance")
                ),
            ]
        elif self.kind == "refund":
            lines = [
                dict(common, account_id=liability.id, debit=self.amount, name=self.env._("Refund")),
                dict(
                    common, account_id=client_bank.id, credit=self.amount, name=self.env._("Refund")
                ),
            ]
        else:
            lines = self._application_lines(common, journal, liability)
        move = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": journal.id,
                "date": self.date,
                "ref": self.matter_id.display_name,
                "law_matter_id": self.matter_id.id,
                "line_ids": [fields.Command.create(line) for line in lines],
            }
        )
        move.action_post()
        if self.kind == "application":
            receivable = self.invoice_id.line_ids.filtered(
                lambda line: line.account_id.account_type == "asset_receivable"
                and not line.reconciled
            )
            (
                receivable
                | move.line_ids.filtered(lambda line: line.account_id == receivable.account_id)
            ).reconcile()
        self.write({"move_id": move.id, "state": "posted"})

    def _application_lines(self, common, journal, liability):
        """Client money settles the invoice: the liability to the client
        pays the receivable, and the money moves from the client account to
        the firm's own bank account."""
        invoice = self.invoice_id
        if not invoice or invoice.state != "posted" or invoice.law_matter_id != self.matter_id:
            raise UserError(
                self.env._("Choose a posted invoice of this matter to apply the funds to.")
            )
        if self.currency_id.compare_amounts(self.amount, invoice.amount_residual) > 0:
            raise UserError(
                self.env._(
                    "The invoice has only %(residual)s left to pay.",
                    residual=invoice.amount_residual,
                )
            )
        firm_bank = self.env["account.journal"].search(
            [
                *self.env["account.journal"]._check_company_domain(journal.company_id),
                ("type", "=", "bank"),
                ("id", "!=", journal.id),
            ],
            limit=1,
        )
        if not firm_bank:
            raise UserError(self.env._("Set up a bank journal for the firm's own account first."))
        receivable = invoice.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )[:1].account_id
        label = self.env._("Applied to %(invoice)s", invoice=invoice.name)
        return [
            dict(common, account_id=liability.id, debit=self.amount, name=label),
            dict(common, account_id=receivable.id, credit=self.amount, name=label),
            dict(common, account_id=firm_bank.default_account_id.id, debit=self.amount, name=label),
            dict(common, account_id=journal.default_account_id.id, credit=self.amount, name=label),
        ]

    @api.model
    def action_open_statement(self):
        """The client funds ledger: every movement on the client funds
        account, grouped per client and matter, with the running balance."""
        account = self.env.company.law_client_account_id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Client Funds Statement"),
            "res_model": "account.move.line",
            "view_mode": "list,pivot",
            "domain": [("account_id", "=", account.id), ("parent_state", "=", "posted")],
            "context": {
                "group_by": ["partner_id", "law_matter_id"],
            },
        }
