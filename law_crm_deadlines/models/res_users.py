from datetime import timedelta

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

from .law_dashboard import OPEN_STATES

DIGEST_DAYS = 7


class ResUsers(models.Model):
    """The daily digest: each morning, a lawyer's open deadlines and tasks due
    within a week (or overdue), by email; each user can switch it off.

    Odoo's ``digest`` module mails company KPIs, not a person's own work list,
    so the digest is a mail template sent by a cron through the mail queue.
    """

    _inherit = "res.users"

    law_daily_digest = fields.Boolean(
        string="Daily Digest of Deadlines and Tasks",
        default=True,
        help="Each morning, email me my open deadlines and tasks due within a week "
        "or overdue (nothing is sent on a day with none).",
    )
    law_digest_last_date = fields.Date(string="Last Daily Digest", copy=False, readonly=True)

    @property
    def SELF_READABLE_FIELDS(self):
        return [*super().SELF_READABLE_FIELDS, "law_daily_digest"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return [*super().SELF_WRITEABLE_FIELDS, "law_daily_digest"]

    def _law_digest_deadlines(self):
        """The user's open deadlines due within the week or overdue, read with
        the user's own rights (need-to-know)."""
        self.ensure_one()
        today = self.env["law.deadline"]._firm_today()
        Deadline = self.env["law.deadline"].with_user(self)
        if not Deadline.has_access("read"):
            return Deadline.browse()
        return Deadline.search(
            [
                ("user_id", "=", self.id),
                ("state", "in", OPEN_STATES),
                ("date_deadline", "<=", today + timedelta(days=DIGEST_DAYS)),
            ],
            order="date_deadline, id",
        )

    def _law_digest_tasks(self):
        """The user's open matter tasks due within the week or overdue."""
        self.ensure_one()
        today = self.env["law.deadline"]._firm_today()
        limit = fields.Datetime.to_datetime(today + timedelta(days=DIGEST_DAYS + 1))
        Task = self.env["project.task"].with_user(self)
        if not Task.has_access("read"):
            return Task.browse()
        return Task.search(
            [
                ("user_ids", "in", self.id),
                ("project_id.is_matter", "=", True),
                ("state", "not in", ("1_done", "1_canceled")),
                ("date_deadline", "<", limit),
            ],
            order="date_deadline, id",
        )

    @api.model
    def _law_digest_domain(self, today):
        return (
            Domain("share", "=", False)
            & Domain("active", "=", True)
            & Domain("law_daily_digest", "=", True)
            & Domain("email", "!=", False)
            & Domain("all_group_ids", "in", self.env.ref("law_crm.group_law_assistant").ids)
            & (
                Domain("law_digest_last_date", "=", False)
                | Domain("law_digest_last_date", "<", today)
            )
        )

    @api.model
    def _cron_law_send_daily_digest(self, batch_size=100):
        """Queue today's digest for every user who wants one, once per day.

        Batches are row-locked ``FOR NO KEY UPDATE SKIP LOCKED`` and committed
        with the users' ``law_digest_last_date``, so neither a second cron
        worker nor a rerun after a crash sends a digest twice. Runs as the
        cron's user; each digest's content is searched as its own recipient.
        """
        today = self.env["law.deadline"]._firm_today()
        domain = self._law_digest_domain(today)
        template = self.env.ref("law_crm_deadlines.mail_template_law_daily_digest")
        cron = self.env["ir.cron"]
        cron._commit_progress(remaining=self.search_count(domain))
        while True:
            query = self._search(domain, limit=batch_size, order="id")
            rows = self.env.execute_query(SQL("%s FOR NO KEY UPDATE SKIP LOCKED", query.select()))
            if not rows:
                break
            users = self.browse(row[0] for row in rows)
            for user in users:
                if user._law_digest_deadlines() or user._law_digest_tasks():
                    template.send_mail(user.id, force_send=False)
            users.write({"law_digest_last_date": today})
            if not cron._commit_progress(len(rows)):
                return
        cron._commit_progress(remaining=0)
