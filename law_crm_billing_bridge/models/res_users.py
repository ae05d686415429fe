from odoo import models
from odoo.fields import Domain


class ResUsers(models.Model):
    """Billing staff invoice every matter of the firm, so the need-to-know
    policy opens matters to Law: Billing as it does to Law: Partner: every
    matter that is not confidential, never one they are walled off from.
    Confidential matters stay with their team (bill them as a team member).
    Law: Billing has no access right on tasks or correspondence, so what it
    gains is the matter itself, its time, disbursements and invoices.
    """

    _inherit = "res.users"

    def _law_matter_insider(self):
        insider = super()._law_matter_insider()
        if not self.has_group("law_crm.group_law_billing"):
            return insider
        return insider | Domain("confidentiality", "!=", "confidential")

    def _law_sees_most_matters(self):
        return super()._law_sees_most_matters() or self.has_group("law_crm.group_law_billing")

    def law_time_domain(self):
        """Domain on ``account.analytic.line`` of the time this user sees:
        their own time everywhere, others' time on matters they may see."""
        self.ensure_one()
        return Domain("user_id", "=", self.id) | self.law_matter_domain("project_id")

    def law_invoice_domain(self, path="law_matter_id"):
        """Domain on ``account.move`` (or, with ``path``, on its lines) of the
        invoices and journal entries naming a matter this user sees: those of
        matters the user may see, and for a portal client also those of the
        matters shared with it on the portal (Odoo's own portal rule further
        limits the client to its posted invoices)."""
        self.ensure_one()
        domain = self.law_matter_domain(path)
        if self.share:
            domain |= Domain(path, "any!", self.law_portal_matter_domain())
        return domain

    def law_analytic_account_domain(self):
        """Domain on ``account.analytic.account``: accounts of no project, or
        of at least one project (matter or not) this user may see. A matter's
        account carries the matter's name, so it is as secret as the matter."""
        self.ensure_one()
        return Domain("project_ids", "=", False) | Domain(
            "project_ids", "any!", self.law_matter_domain()
        )
