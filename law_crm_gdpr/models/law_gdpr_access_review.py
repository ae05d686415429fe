from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

from .law_gdpr_deadline_mixin import end_of_day_oslo

REVIEW_STATES = [
    ("draft", "Draft"),
    ("in_progress", "In Progress"),
    ("done", "Done"),
]
DEFAULT_REVIEW_DAYS = 30
# Once overdue, the reviewers are reminded again every so often until done.
REMIND_OVERDUE_EVERY = timedelta(days=7)
# What a done review keeps as it is: its results and what they were about.
FROZEN_FIELDS = {
    "name",
    "company_id",
    "user_id",
    "reviewer_ids",
    "date_start",
    "date_due",
    "state",
    "line_ids",
}


class LawGdprAccessReview(models.Model):
    """A periodic access review (GDPR Art. 5(1)(f) and 32): who can see which
    matter, and why, confirmed or revoked line by line by the reviewers.

    Starting the campaign lists every internal user's access to every matter
    (``law.gdpr.access.review.line``) and gives each reviewer an activity due
    on the review's due date; the deadline mixin escalates to them and to the
    compliance officers when the date is near and once it has passed. A
    review is done only when no line is pending, and is read-only afterwards.
    With a recurrence, the daily cron starts the next review N months after
    this one started.
    """

    _name = "law.gdpr.access.review"
    _description = "Access Review"
    _inherit = ["law.gdpr.deadline.mixin"]
    _order = "date_start desc, id desc"

    name = fields.Char(
        required=True,
        tracking=True,
        default=lambda self: self.env._(
            "Access review %(date)s", date=fields.Date.context_today(self)
        ),
    )
    reviewer_ids = fields.Many2many(
        "res.users",
        "law_gdpr_access_review_reviewer_rel",
        "review_id",
        "user_id",
        string="Reviewers",
        domain=lambda self: [
            ("share", "=", False),
            ("all_group_ids", "in", self.env.ref("law_crm.group_law_compliance").ids),
        ],
        help="Compliance officers who decide the lines; each gets an activity "
        "due on the review's due date. The responsible person is a reviewer too.",
    )
    date_start = fields.Date(
        string="Started On", readonly=True, copy=False, tracking=True, index=True
    )
    date_due = fields.Date(
        string="Due Date",
        required=True,
        tracking=True,
        default=lambda self: fields.Date.context_today(self) + timedelta(days=DEFAULT_REVIEW_DAYS),
    )
    state = fields.Selection(
        REVIEW_STATES, default="draft", required=True, tracking=True, index=True, copy=False
    )
    interval_months = fields.Integer(
        string="Repeat Every (Months)",
        tracking=True,
        help="Start the next access review this many months after this one "
        "started (0: no recurrence). The daily cron starts it.",
    )
    previous_review_id = fields.Many2one(
        "law.gdpr.access.review", readonly=True, copy=False, index=True
    )
    next_review_ids = fields.One2many("law.gdpr.access.review", "previous_review_id", readonly=True)
    reminded_at = fields.Datetime(
        string="Last Reminded On",
        readonly=True,
        copy=False,
        help="When the reviewers were last reminded of this overdue review.",
    )
    line_ids = fields.One2many("law.gdpr.access.review.line", "review_id", string="Access")
    line_count = fields.Integer(string="Lines", compute="_compute_counts")
    pending_count = fields.Integer(string="Pending", compute="_compute_counts")
    confirmed_count = fields.Integer(string="Confirmed", compute="_compute_counts")
    revoked_count = fields.Integer(string="Revoked", compute="_compute_counts")

    @api.depends("line_ids.decision")
    def _compute_counts(self):
        counts = {
            (review.id, decision): count
            for review, decision, count in self.env["law.gdpr.access.review.line"]._read_group(
                [("review_id", "in", self.ids)], ["review_id", "decision"], ["__count"]
            )
        }
        for review in self:
            by = {
                decision: counts.get((review._origin.id, decision), 0)
                for decision in ("pending", "confirmed", "revoked")
            }
            review.pending_count = by["pending"]
            review.confirmed_count = by["confirmed"]
            review.revoked_count = by["revoked"]
            review.line_count = sum(by.values())

    @api.depends("date_due")
    def _compute_deadline_at(self):
        for review in self:
            review.deadline_at = review.date_due and end_of_day_oslo(review.date_due)

    def _law_gdpr_open_domain(self):
        return Domain("state", "=", "in_progress")

    @api.model
    def _law_gdpr_near_delta(self):
        return timedelta(days=3)

    @api.constrains("user_id", "reviewer_ids")
    def _check_reviewers_are_compliance(self):
        compliance = self.env.ref("law_crm.group_law_compliance")
        for review in self:
            outsiders = review._law_reviewers().filtered(
                lambda user: compliance not in user.all_group_ids
            )
            if outsiders:
                raise ValidationError(
                    self.env._(
                        "%(users)s cannot review access: only compliance officers "
                        "can. Choose compliance officers as reviewers.",
                        users=", ".join(outsiders.mapped("name")),
                    )
                )

    @api.constrains("interval_months")
    def _check_interval(self):
        if any(review.interval_months < 0 for review in self):
            raise ValidationError(
                self.env._("Repeat an access review every 1 month or more, or 0 for never.")
            )

    def _law_reviewers(self):
        self.ensure_one()
        return (self.user_id | self.reviewer_ids).filtered("active")

    # -- Lifecycle --------------------------------------------------------------

    def write(self, vals):
        if FROZEN_FIELDS & vals.keys() and self.filtered(lambda r: r.state == "done"):
            raise UserError(
                self.env._(
                    "Access review %(review)s is done: its results are kept as they are.",
                    review=self.filtered(lambda r: r.state == "done")[0].display_name,
                )
            )
        if "date_due" in vals:
            vals = dict(vals, reminded_at=False)  # a new due date, new reminders
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if self.filtered(lambda r: r.state != "draft"):
            raise UserError(
                self.env._("Only draft access reviews can be deleted: results are kept.")
            )

    def action_start(self):
        """List everyone's access and give each reviewer an activity."""
        for review in self:
            if review.state != "draft":
                raise UserError(
                    self.env._(
                        "Access review %(review)s has already started.", review=review.display_name
                    )
                )
            self.env["law.gdpr.access.review.line"]._law_generate(review)
            review.write(
                {
                    "state": "in_progress",
                    "date_start": review.date_start or fields.Date.context_today(self),
                }
            )
            review.message_post(
                body=self.env._(
                    "Access review started: %(count)s accesses to review.",
                    count=review.line_count,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_done(self):
        """Close the review once every line is confirmed or revoked."""
        for review in self:
            if review.state != "in_progress":
                raise UserError(
                    self.env._(
                        "Access review %(review)s is not in progress.", review=review.display_name
                    )
                )
            if review.pending_count:
                raise UserError(
                    self.env._(
                        "Access review %(review)s still has %(count)s pending lines: "
                        "confirm or revoke each of them first.",
                        review=review.display_name,
                        count=review.pending_count,
                    )
                )
        self.write({"state": "done"})
        for review in self:
            # The review (not each of its possibly many thousand lines) and how
            # many accesses it decided.
            self.env["law.gdpr.log"].with_company(review.company_id)._append(
                "access_review_done", review, count=review.line_count
            )
        return True

    def action_open_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "law_crm_gdpr.law_gdpr_access_review_line_action"
        )
        action["domain"] = [("review_id", "=", self.id)]
        action["context"] = {"search_default_pending": 1, "search_default_group_user": 1}
        return action

    # -- Reminders --------------------------------------------------------------

    def _law_gdpr_sync_activity(self):
        """One open "Access review" activity per reviewer while the review runs."""
        activity_type = self.env.ref("law_crm_gdpr.mail_activity_type_access_review")
        for review in self:
            activities = review.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
            if not (review.date_due and review._law_gdpr_is_open()):
                activities.action_feedback(feedback=self.env._("Access review closed."))
                continue
            reviewers = review._law_reviewers()
            stale = activities.filtered(lambda a, reviewers=reviewers: a.user_id not in reviewers)
            stale.unlink()
            (activities - stale).filtered(
                lambda a, review=review: a.date_deadline != review.date_due
            ).write({"date_deadline": review.date_due})
            for user in reviewers - activities.user_id:
                review.activity_schedule(
                    "law_crm_gdpr.mail_activity_type_access_review",
                    date_deadline=review.date_due,
                    user_id=user.id,
                    summary=self.env._("Access review: %(name)s", name=review.display_name),
                )

    def _law_gdpr_escalation_text(self, level):
        self.ensure_one()
        if level == "overdue":
            return self.env._(
                "Reminder: access review %(name)s was due on %(date)s and %(count)s "
                "lines are still pending. Confirm or revoke them.",
                name=self.display_name,
                date=self.date_due,
                count=self.pending_count,
            )
        return self.env._(
            "Reminder: access review %(name)s is due on %(date)s; %(count)s lines are pending.",
            name=self.display_name,
            date=self.date_due,
            count=self.pending_count,
        )

    def _law_remind_overdue(self, now):
        """Remind the reviewers of overdue reviews once a week until done
        (the escalation itself counts as the first reminder)."""
        overdue = self.search([("state", "=", "in_progress"), ("escalation_level", "=", "overdue")])
        overdue.filtered(lambda r: not r.reminded_at).write({"reminded_at": now})
        due = overdue.filtered(lambda r: r.reminded_at <= now - REMIND_OVERDUE_EVERY)
        for review in due:
            review.message_post(
                body=review._law_gdpr_escalation_text("overdue"),
                message_type="notification",
                subtype_xmlid="mail.mt_note",
                partner_ids=review._law_reviewers().partner_id.ids,
            )
        due.write({"reminded_at": now})

    # -- Cron -------------------------------------------------------------------

    @api.model
    def _cron_law_access_review(self, now=None):
        """Remind and escalate running reviews, then start the recurring ones.

        Idempotent: escalation levels are sent once per due date, overdue
        reviews are reminded again once a week, and a review has at most one
        next review, so a second run does nothing twice.
        """
        now = now or fields.Datetime.now()
        self._cron_law_gdpr_escalate(now=now)
        self._law_remind_overdue(now)
        today = fields.Date.context_today(self, now)
        recurring = self.search(
            [
                ("interval_months", ">", 0),
                ("state", "in", ("in_progress", "done")),
                ("date_start", "!=", False),
                ("next_review_ids", "=", False),
            ]
        )
        for review in recurring:
            start = review.date_start + relativedelta(months=review.interval_months)
            if start > today:
                continue
            nxt = review.copy(
                {
                    "name": self.env._(
                        "Access review %(date)s",
                        date=start,
                    ),
                    "previous_review_id": review.id,
                    "date_due": start + (review.date_due - review.date_start),
                    "reviewer_ids": [Command.set(review.reviewer_ids.ids)],
                }
            )
            nxt.date_start = start
            nxt.with_company(review.company_id).action_start()
