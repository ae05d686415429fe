from odoo.addons.law_crm.controllers.portal import LawMatterPortal
from odoo.fields import Domain
from odoo.http import request


class LawBillingPortal(LawMatterPortal):
    """The matter page of the client portal shows the matter's invoices and
    the client money held on it."""

    def _law_matter_page_values(self, matter):
        values = super()._law_matter_page_values(matter)
        # With the client's own rights: Odoo's portal rule (its own posted
        # invoices) and law_invoice_domain (matters shared with it) decide.
        invoices = request.env["account.move"].search(
            Domain("law_matter_id", "=", matter.id)
            & Domain("move_type", "in", ("out_invoice", "out_refund")),
            order="invoice_date desc, id desc",
        )
        # sudo (matter is sudo): portal users have no access right on client
        # funds; these are the posted entries of this client's own shared
        # matter, after the portal access check, and only date, kind and
        # amount are shown.
        entries = matter.env["law.client.fund.entry"].search(
            [("matter_id", "=", matter.id), ("state", "=", "posted")]
        )
        kinds = dict(entries._fields["kind"]._description_selection(request.env))
        sign = {"advance": 1, "application": -1, "refund": -1}
        values.update(
            law_invoices=[
                {
                    "id": inv.id,
                    "name": inv.name,
                    "date": inv.invoice_date,
                    "amount": inv.amount_total,
                    "residual": inv.amount_residual,
                    "currency": inv.currency_id,
                    "url": inv.access_url,
                }
                for inv in invoices
            ],
            law_fund_entries=[
                {
                    "date": entry.date,
                    "kind": kinds.get(entry.kind),
                    "amount": sign[entry.kind] * entry.amount,
                    "currency": entry.currency_id,
                }
                for entry in entries
            ],
            law_fund_balance=sum(sign[entry.kind] * entry.amount for entry in entries),
            law_fund_currency=matter.currency_id,
        )
        return values
