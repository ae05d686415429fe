from odoo import fields, models


class ResCompany(models.Model):
    """Where client money (klientmidler) is kept: a dedicated client bank
    journal and a liability account, apart from the firm's own money."""

    _inherit = "res.company"

    law_client_journal_id = fields.Many2one("account.journal", string="Client Account Journal")
    law_client_account_id = fields.Many2one("account.account", string="Client Funds Account")

    def _law_client_funds_setup(self):
        """The client journal and liability account, created on first use
        from the company's chart (code 2910 unless taken)."""
        self.ensure_one()
        # sudo: billing staff may post client entries but not configure the
        # chart; this only creates the two configuration records, no data.
        self = self.sudo()  # noqa: PLW0642
        if not self.law_client_account_id:
            Account = self.env["account.account"].with_company(self)
            code = "2910"
            while Account.search_count([("code", "=", code)], limit=1):
                code = str(int(code) + 1)
            self.law_client_account_id = Account.create(
                {
                    "name": self.env._("Client funds"),
                    "code": code,
                    "account_type": "liability_current",
                    "reconcile": True,
                }
            )
        if not self.law_client_journal_id:
            self.law_client_journal_id = self.env["account.journal"].create(
                {
                    "name": self.env._("Client Account"),
                    "code": "KLI",
                    "type": "bank",
                    "company_id": self.id,
                }
            )
        return self.law_client_journal_id.sudo(False), self.law_client_account_id.sudo(False)
