from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import format_datetime

FIRM_TZ = ZoneInfo("Europe/Oslo")

ESCALATION_LEVELS = [
    ("none", "Not Escalated"),
    ("near", "Deadline Near"),
    ("overdue", "Deadline Passed"),
]


def utc_naive(moment):
    """An aware datetime as the naive UTC value Odoo stores."""
    return moment.astimezone(timezone.utc).replace(tzinfo=None)


def end_of_day_oslo(day):
    """24:00 Europe/Oslo on ``day``, as stored UTC: when a deadline in days expires."""
    return utc_naive(datetime.combine(day + timedelta(days=1), time(0), tzinfo=FIRM_TZ))


class LawGdprDeadlineMixin(models.AbstractModel):
    """A GDPR case with a statutory deadline: a request (Art. 12(3)) or a breach
    (Art. 33(1)).

    The deadline itself comes from law_crm_deadlines' engine; this mixin keeps
    one "GDPR deadline" activity on the record for the responsible person and
    escalates to them and to every compliance officer as the deadline nears
    and once it has passed, each level once per deadline (a moved deadline
    starts again), as law.deadline does for matters.
    """

    _name = "law.gdpr.deadline.mixin"
    _description = "GDPR Case with a Deadline"
    _inherit = ["mail.thread", "mail.activity.mixin"]

    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        index=True,
        tracking=True,
        domain=[("share", "=", False)],
        default=lambda self: self.env.user,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    deadline_at = fields.Datetime(
        string="Deadline", compute="_compute_deadline_at", store=True, index=True, tracking=True
    )
    escalation_level = fields.Selection(
        ESCALATION_LEVELS, default="none", required=True, readonly=True, copy=False
    )

    def _compute_deadline_at(self):
        raise NotImplementedError

    def _law_gdpr_open_domain(self):
        """Domain of the records whose deadline still runs."""
        raise NotImplementedError

    @api.model
    def _law_gdpr_near_delta(self):
        """How long before the deadline the escalation "near" goes out."""
        raise NotImplementedError

    def _law_gdpr_is_open(self):
        self.ensure_one()
        return self.filtered_domain(self._law_gdpr_open_domain()) == self

    # -- Activity ---------------------------------------------------------------

    def _law_gdpr_sync_activity(self):
        """One open "GDPR deadline" activity while the deadline runs, none after."""
        activity_type = self.env.ref("law_crm_gdpr.mail_activity_type_gdpr_deadline")
        for record in self:
            activity = record.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
            if not (record.deadline_at and record.user_id and record._law_gdpr_is_open()):
                activity.action_feedback(feedback=self.env._("Deadline no longer running."))
                continue
            local_day = record.deadline_at.replace(tzinfo=timezone.utc).astimezone(FIRM_TZ)
            # A deadline at 24:00 is still "that day" for the person doing the work.
            due = (local_day - timedelta(seconds=1)).date()
            vals = {"date_deadline": due, "user_id": record.user_id.id}
            if activity:
                activity.write(vals)
            else:
                record.activity_schedule(
                    "law_crm_gdpr.mail_activity_type_gdpr_deadline",
                    summary=record._law_gdpr_deadline_summary(),
                    **vals,
                )

    def _law_gdpr_deadline_summary(self):
        self.ensure_one()
        return self.env._("GDPR deadline: %(name)s", name=self.display_name)

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._law_gdpr_sync_activity()
        return records

    def write(self, vals):
        before = {record.id: record.deadline_at for record in self}
        res = super().write(vals)
        if vals.keys() - {"escalation_level"}:
            moved = self.filtered(lambda r: r.deadline_at != before[r.id])
            if moved.filtered(lambda r: r.escalation_level != "none"):
                # A new deadline starts its escalation ladder again.
                moved.write({"escalation_level": "none"})
            self._law_gdpr_sync_activity()
        return res

    # -- Escalation -------------------------------------------------------------

    @api.model
    def _cron_law_gdpr_escalate(self, now=None):
        """Escalate every open case whose deadline is near or has passed.

        Idempotent: each level is sent once per deadline, so two cron runs (or
        two cron workers one after the other) do not repeat a message. GDPR
        cases are few (dozens a year), so one transaction suffices.
        """
        now = now or fields.Datetime.now()
        open_cases = Domain(self._law_gdpr_open_domain()) & Domain("deadline_at", "!=", False)
        overdue = self.search(
            open_cases
            & Domain("deadline_at", "<=", now)
            & Domain("escalation_level", "!=", "overdue")
        )
        overdue._law_gdpr_escalate("overdue")
        near = self.search(
            open_cases
            & Domain("deadline_at", ">", now)
            & Domain("deadline_at", "<=", now + self._law_gdpr_near_delta())
            & Domain("escalation_level", "=", "none")
        )
        near._law_gdpr_escalate("near")

    def _law_gdpr_escalate(self, level):
        """Tell the responsible person and every compliance officer, once."""
        # sudo: only to read who is in the compliance group; their partners
        # become recipients of a message on a record they may read anyway.
        compliance = (
            self.env.ref("law_crm.group_law_compliance").sudo().all_user_ids.filtered("active")
        )
        for record in self:
            recipients = compliance.partner_id | record.user_id.filtered("active").partner_id
            record.message_post(
                body=record._law_gdpr_escalation_text(level),
                message_type="notification",
                subtype_xmlid="mail.mt_note",
                partner_ids=recipients.ids,
            )
        self.write({"escalation_level": level})

    def _law_gdpr_escalation_text(self, level):
        self.ensure_one()
        when = format_datetime(self.env, self.deadline_at, tz="Europe/Oslo")
        if level == "overdue":
            return self.env._(
                "Escalation: the deadline of %(name)s passed at %(when)s (Europe/Oslo) "
                "and it is still open.",
                name=self.display_name,
                when=when,
            )
        return self.env._(
            "Escalation: the deadline of %(name)s expires at %(when)s (Europe/Oslo).",
            name=self.display_name,
            when=when,
        )
