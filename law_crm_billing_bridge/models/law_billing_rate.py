from odoo import api, fields, models


class LawBillingRate(models.Model):
    """An hourly rate, valid from a date, for a lawyer, a role (job position),
    a client or a matter, or a combination of them.

    The rate of a time entry is the most specific one in force on its date:
    matter before client, client before lawyer, lawyer before role; among
    equally specific rates the latest ``date_from`` wins.
    """

    _name = "law.billing.rate"
    _description = "Hourly Rate"
    _order = "date_from desc, id desc"

    matter_id = fields.Many2one(
        "project.project", index="btree_not_null", domain=[("is_matter", "=", True)]
    )
    partner_id = fields.Many2one("res.partner", string="Client", index="btree_not_null")
    user_id = fields.Many2one("res.users", string="Lawyer", index="btree_not_null")
    job_id = fields.Many2one("hr.job", string="Role", index="btree_not_null")
    date_from = fields.Date(required=True, default=fields.Date.context_today)
    hourly_rate = fields.Monetary(required=True, currency_field="currency_id")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")

    _positive_rate = models.Constraint("CHECK(hourly_rate >= 0)", "A rate cannot be negative.")
    _scoped = models.Constraint(
        "CHECK(matter_id IS NOT NULL OR partner_id IS NOT NULL OR user_id IS NOT NULL "
        "OR job_id IS NOT NULL)",
        "A rate applies to a matter, a client, a lawyer or a role: set at least one of them.",
    )

    @api.depends("hourly_rate", "date_from", "matter_id", "partner_id", "user_id", "job_id")
    def _compute_display_name(self):
        for rate in self:
            scope = rate.matter_id or rate.partner_id or rate.user_id or rate.job_id
            rate.display_name = f"{scope.display_name} {rate.hourly_rate:.2f} ({rate.date_from})"

    @api.model
    def _resolver(self, company):
        """A function (matter, client, user, job, date) -> rate record or
        empty, over every rate of ``company`` read once, so billing thousands
        of entries costs one query."""
        table = {}
        for rate in self.sudo().search([("company_id", "=", company.id)]):
            # sudo: rates of matters the user cannot see are only looked up for
            # the entries the user is billing, never returned as records.
            key = (rate.matter_id.id, rate.partner_id.id, rate.user_id.id, rate.job_id.id)
            table.setdefault(key, []).append(rate)  # already newest first (_order)

        def resolve(matter, client, user, job, on_date):
            for matter_id in (matter.id, False):
                for client_id in (client.id, False):
                    for user_id in (user.id, False):
                        for job_id in (job.id, False):
                            for rate in table.get((matter_id, client_id, user_id, job_id), ()):
                                if rate.date_from <= on_date:
                                    return rate
            return self.browse()

        return resolve
