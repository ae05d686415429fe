import logging
import re
from collections import defaultdict
from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, format_date

from ..engine import compute_deadline, compute_deadline_hours
from .law_deadline_rule import CRITICALITY, DEADLINE_UNITS

_logger = logging.getLogger(__name__)

OPEN_STATES = ("draft", "registered")
FIRM_TZ = pytz.timezone("Europe/Oslo")
# Days before the deadline the lawyer is reminded (spec § 7); the firm can
# change it in the system parameter ``law_crm_deadlines.reminder_ladder``.
DEFAULT_REMINDER_LADDER = (14, 7, 3, 1, 0)
# A rung further out than ten years is a typing error, not a reminder.
MAX_REMINDER_DAYS = 3660
DEFAULT_UNCONFIRMED_ESCALATION_DAYS = 3


class LawDeadline(models.Model):
    """One deadline on one matter, computed by the engine and audited.

    The engine's steps are stored with the result so a lawyer can check the
    calculation; every change of dates and state is tracked in the chatter.
    An open deadline keeps one "Frist" activity on its matter (and, if asked,
    an all-day calendar event), so it shows wherever the lawyer works.
    """

    _name = "law.deadline"
    _description = "Deadline"
    _inherit = ["law.matter.record.mixin", "mail.thread"]
    _order = "date_deadline, id"
    # Deadlines the reminder cron handles per committed transaction. A batch
    # holds its row locks until its commit; at some 25 ms per notification, 100
    # keeps a lawyer saving one of them waiting a few seconds at most.
    _reminder_batch_size = 100

    name = fields.Char(required=True, tracking=True)
    matter_id = fields.Many2one(tracking=True)
    matter_number = fields.Char(related="matter_id.matter_number")
    rule_id = fields.Many2one("law.deadline.rule", tracking=True, index=True)
    event_id = fields.Many2one(
        "law.matter.event",
        string="Started By",
        index="btree_not_null",
        ondelete="set null",
        help="The event in the case this deadline runs from; "
        "correcting its date moves the deadline.",
    )
    amount = fields.Integer(string="Length", required=True, tracking=True)
    unit = fields.Selection(DEADLINE_UNITS, required=True, default="days", tracking=True)
    recess_suspends = fields.Boolean(
        string="Suspended in Court Recess",
        tracking=True,
        help="The deadline does not run during court recess (domstolloven § 140); the "
        "calculation shows its effect. Proposed by the rule.",
    )
    runs_in_recess = fields.Boolean(
        string="Court Ordered It to Run in Recess",
        tracking=True,
        help="The court ordered that this deadline runs during court recess "
        "(domstolloven § 140 third paragraph).",
    )
    trigger_date = fields.Date(
        string="Runs From",
        tracking=True,
        help="The day of the event the deadline is counted from, e.g. the day the "
        "judgment was served. The deadline moves when it is corrected.",
    )
    trigger_datetime = fields.Datetime(
        string="Runs From (Time)", tracking=True, help="For deadlines counted in hours."
    )
    computed_date = fields.Date(compute="_compute_deadline", store=True)
    deadline_datetime = fields.Datetime(
        string="Expires At", compute="_compute_deadline", store=True
    )
    calculation = fields.Text(
        compute="_compute_deadline", store=True, help="Each rule the computation applied, in order."
    )
    needs_review = fields.Boolean(
        compute="_compute_deadline",
        store=True,
        help="The computation met an unsettled point of law (e.g. a last day rolled "
        "into court recess); check the date.",
    )
    override_date = fields.Date(tracking=True, help="Replace the computed date, with a reason.")
    override_reason = fields.Char(
        tracking=True, help="Why the computed date is replaced, e.g. the court's order."
    )
    date_deadline = fields.Date(
        string="Deadline", compute="_compute_date_deadline", store=True, index=True, tracking=True
    )
    criticality = fields.Selection(
        CRITICALITY,
        default="normal",
        required=True,
        tracking=True,
        help="A critical deadline (an appeal, a limitation period) must be confirmed by a "
        "second person; the supervising partner and compliance hear of it when it is "
        "still unconfirmed close to its date.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible Lawyer",
        required=True,
        index=True,
        tracking=True,
        domain=[("share", "=", False)],
        default=lambda self: self.env.user,
    )
    share_with_client = fields.Boolean(
        string="Share with Client",
        tracking=True,
        help="List this deadline under what comes next in the matter's status reports.",
    )
    confirmed_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    confirmed_on = fields.Datetime(readonly=True, copy=False)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("registered", "Registered"),
            ("done", "Done"),
            ("missed", "Missed"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    show_in_calendar = fields.Boolean(default=True)
    activity_id = fields.Many2one(
        "mail.activity", readonly=True, copy=False, index="btree_not_null"
    )
    calendar_event_id = fields.Many2one("calendar.event", readonly=True, copy=False)
    next_reminder_date = fields.Date(
        readonly=True,
        copy=False,
        index=True,
        help="When the reminder cron next writes to the lawyer.",
    )
    last_reminder_date = fields.Date(
        readonly=True, copy=False, help="When the reminder cron last wrote to the lawyer."
    )
    reminder_deadline_date = fields.Date(
        readonly=True,
        copy=False,
        help="The deadline date the reminders and escalations sent so far were about; "
        "when the deadline moves, the reminder ladder starts again.",
    )
    escalated_overdue = fields.Boolean(
        readonly=True,
        copy=False,
        help="The supervising partner (and, for a critical deadline, compliance) "
        "was told that this deadline passed while still open.",
    )
    escalated_unconfirmed = fields.Boolean(
        readonly=True,
        copy=False,
        help="The supervising partner (and compliance) was told that this critical "
        "deadline was still unconfirmed close to its date.",
    )

    # -- Computation ----------------------------------------------------------

    @api.depends(
        "amount", "unit", "trigger_date", "trigger_datetime", "recess_suspends", "runs_in_recess"
    )
    def _compute_deadline(self):
        for deadline in self:
            deadline.computed_date = False
            deadline.deadline_datetime = False
            deadline.calculation = False
            deadline.needs_review = False
            if deadline.unit == "hours":
                if deadline.trigger_datetime:
                    deadline._compute_hours_deadline()
            elif deadline.trigger_date:
                result = compute_deadline(
                    deadline.trigger_date,
                    deadline.amount,
                    deadline.unit,
                    recess_suspends=deadline.recess_suspends,
                    runs_in_recess=deadline.runs_in_recess,
                )
                deadline.computed_date = result.date
                deadline.calculation = "\n".join(result.steps)
                deadline.needs_review = bool(result.flags)

    def _compute_hours_deadline(self):
        """Hours run as elapsed time and are never moved (e.g. GDPR Art. 33)."""
        aware_at = pytz.utc.localize(self.trigger_datetime)
        expires = compute_deadline_hours(aware_at, self.amount)
        local = expires.astimezone(FIRM_TZ)
        self.deadline_datetime = expires.replace(tzinfo=None)
        self.computed_date = local.date()
        self.calculation = self.env._(
            "%(start)s + %(hours)s hours = %(end)s (Europe/Oslo); hours are never moved.",
            start=aware_at.astimezone(FIRM_TZ).strftime("%d.%m.%Y %H:%M"),
            hours=self.amount,
            end=local.strftime("%d.%m.%Y %H:%M"),
        )

    @api.depends("computed_date", "override_date")
    def _compute_date_deadline(self):
        for deadline in self:
            deadline.date_deadline = deadline.override_date or deadline.computed_date

    @api.onchange("rule_id")
    def _onchange_rule_id(self):
        rule = self.rule_id
        if rule:
            self.update(
                {
                    "name": rule.name,
                    "amount": rule.amount,
                    "unit": rule.unit,
                    "recess_suspends": rule.recess_suspends,
                    "criticality": rule.criticality,
                }
            )

    @api.onchange("matter_id")
    def _onchange_matter_id(self):
        if self.matter_id.user_id:
            self.user_id = self.matter_id.user_id

    # -- Integrity --------------------------------------------------------------

    @api.constrains("override_date", "override_reason")
    def _check_override_reason(self):
        for deadline in self:
            if deadline.override_date and not (deadline.override_reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "Deadline %(name)s: say why the computed date is overridden "
                        "(e.g. the court set another date).",
                        name=deadline.name,
                    )
                )

    @api.constrains("unit", "trigger_date", "trigger_datetime", "amount")
    def _check_trigger(self):
        for deadline in self:
            if deadline.amount < 0:
                raise ValidationError(self.env._("The length of a deadline cannot be negative."))
            missing = (
                not deadline.trigger_datetime
                if deadline.unit == "hours"
                else not deadline.trigger_date
            )
            if missing and not deadline.override_date:
                raise ValidationError(
                    self.env._(
                        "Deadline %(name)s needs the date (or, for hours, the time) it runs from.",
                        name=deadline.name,
                    )
                )

    @api.model
    def _defaults_from_rule(self, vals):
        """Fill what the rule knows, so API callers can pass just rule and trigger."""
        rule = self.env["law.deadline.rule"].browse(vals.get("rule_id"))
        if rule:
            for field in ("amount", "unit", "recess_suspends", "criticality"):
                vals.setdefault(field, rule[field])
            vals.setdefault("name", rule.name)
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._defaults_from_rule(dict(vals)) for vals in vals_list]
        matters = self.env["project.project"].browse(
            [vals["matter_id"] for vals in vals_list if vals.get("matter_id")]
        )
        responsible = {matter.id: matter.user_id.id for matter in matters}
        for vals in vals_list:
            if not vals.get("user_id") and responsible.get(vals.get("matter_id")):
                vals["user_id"] = responsible[vals["matter_id"]]
        deadlines = super().create(vals_list)
        deadlines._sync_reminders()
        return deadlines

    def write(self, vals):
        res = super().write(vals)
        if {
            "date_deadline",
            "trigger_date",
            "trigger_datetime",
            "override_date",
            "amount",
            "unit",
            "recess_suspends",
            "runs_in_recess",
            "state",
            "user_id",
            "name",
            "show_in_calendar",
        } & vals.keys():
            self._sync_reminders()
        return res

    def unlink(self):
        self.activity_id.unlink()
        # sudo(): see _sync_calendar_event; the event only mirrors the deadline.
        self.calendar_event_id.sudo().unlink()
        return super().unlink()

    # -- Workflow -----------------------------------------------------------------

    def _ensure_open(self):
        closed = self.filtered(lambda d: d.state not in OPEN_STATES)
        if closed:
            raise UserError(self.env._("Deadline %(name)s is already closed.", name=closed[0].name))

    def action_register(self):
        """Register a normal deadline. A critical one needs a second person."""
        self._ensure_open()
        critical = self.filtered(lambda d: d.criticality == "critical")
        if critical:
            raise UserError(
                self.env._(
                    "Deadline %(name)s is critical: it counts as registered only when a "
                    "colleague other than the one who entered it confirms it.",
                    name=critical[0].name,
                )
            )
        self.write({"state": "registered"})

    def action_confirm(self):
        """Dual control: a second person checks the date and confirms."""
        self._ensure_open()
        own = self.filtered(lambda d: d.create_uid == self.env.user)
        if own:
            raise UserError(
                self.env._(
                    "You entered deadline %(name)s yourself: another person must confirm it.",
                    name=own[0].name,
                )
            )
        self.write(
            {
                "state": "registered",
                "confirmed_by_id": self.env.user.id,
                "confirmed_on": fields.Datetime.now(),
            }
        )

    def action_done(self):
        self._ensure_open()
        self.write({"state": "done"})

    def action_cancel(self):
        self._ensure_open()
        self.write({"state": "cancelled"})

    def action_mark_missed(self):
        self._ensure_open()
        self.write({"state": "missed"})

    def action_reset_to_draft(self):
        self.filtered(lambda d: d.state in ("cancelled", "missed")).write(
            {"state": "draft", "confirmed_by_id": False, "confirmed_on": False}
        )

    # -- Activities, calendar, reminders ------------------------------------------

    @api.model
    def _internal_days_before(self):
        """Days before the legal deadline the firm wants the work done."""
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("law_crm_deadlines.internal_days_before", "0")
        )
        return max(int(value), 0) if value.isdigit() else 0

    def _sync_reminders(self):
        """Keep the activity, calendar event and reminder schedule in step."""
        open_deadlines = self.filtered(lambda d: d.state in OPEN_STATES and d.date_deadline)
        (self - open_deadlines)._close_reminders()
        for deadline in open_deadlines:
            deadline._sync_activity()
            deadline._sync_calendar_event()
        open_deadlines._schedule_next_reminder()

    def _close_reminders(self):
        done = self.filtered(lambda d: d.state == "done")
        for deadline in done.filtered("activity_id"):
            deadline.activity_id.action_feedback(
                feedback=self.env._("Deadline met: %(name)s", name=deadline.name)
            )
        (self - done).activity_id.unlink()
        # sudo(): see _sync_calendar_event; the event only mirrors the deadline.
        self.calendar_event_id.sudo().unlink()
        if self.filtered("next_reminder_date"):
            self.write({"next_reminder_date": False})

    def _sync_activity(self):
        activity_date = self.date_deadline - timedelta(days=self._internal_days_before())
        summary = self.env._("Deadline: %(name)s", name=self.name)
        if self.activity_id.exists():
            self.activity_id.write(
                {"date_deadline": activity_date, "user_id": self.user_id.id, "summary": summary}
            )
            return
        activity = self.matter_id.activity_schedule(
            "law_crm_deadlines.mail_activity_type_deadline",
            date_deadline=activity_date,
            summary=summary,
            note=(self.calculation or "").replace("\n", "<br/>"),
            user_id=self.user_id.id,
        )
        self.write({"activity_id": activity.id})

    def _sync_calendar_event(self):
        # sudo(): the event mirrors this deadline, which the current user is
        # writing (so may see); it is private and owned by the responsible
        # lawyer, and a colleague confirming or moving the deadline must be
        # able to move it too. Only the deadline's own values are written.
        event = self.calendar_event_id.sudo()
        if not self.show_in_calendar:
            event.unlink()
            return
        values = {
            "name": self.env._(
                "Deadline: %(name)s (%(matter)s)", name=self.name, matter=self.matter_number
            ),
            "allday": True,
            "start_date": self.date_deadline,
            "stop_date": self.date_deadline,
            "user_id": self.user_id.id,
            "partner_ids": [fields.Command.set(self.user_id.partner_id.ids)],
            # Private: colleagues outside the matter see only "busy".
            "privacy": "private",
            # On the matter: law_crm's need-to-know rule on calendar events
            # hides it from everyone who may not see the matter.
            "res_model_id": self.env["ir.model"]._get_id("project.project"),
            "res_id": self.matter_id.id,
        }
        if event.exists():
            event.write(values)
        else:
            event = event.with_context(no_mail_to_attendees=True).create(values)
            self.write({"calendar_event_id": event.id})

    # -- Reminder ladder and escalation ---------------------------------------------

    @api.model
    def _firm_today(self):
        """Today in Oslo: a deadline day starts at Norwegian midnight, whatever
        the time zone of the server or of the cron's user."""
        return pytz.utc.localize(fields.Datetime.now()).astimezone(FIRM_TZ).date()

    @api.model
    def _reminder_ladder(self):
        """Days before the deadline on which the lawyer is reminded, largest first.

        Read from ``law_crm_deadlines.reminder_ladder`` (default "14,7,3,1,0").
        Anything that is not a whole number of days up to ten years is ignored;
        a value with no usable rung falls back to the default, so that a typing
        error can never switch reminders off without anybody noticing.
        """
        # sudo: system parameters are readable by administrators only; this one
        # holds day counts and nothing else is returned.
        value = (
            self.env["ir.config_parameter"].sudo().get_param("law_crm_deadlines.reminder_ladder")
            or ""
        )
        rungs = {
            int(part)
            for part in re.findall(r"[^,;\s]+", value)
            if re.fullmatch(r"[0-9]{1,5}", part) and int(part) <= MAX_REMINDER_DAYS
        }
        if not rungs:
            if value.strip():
                _logger.warning(
                    "law_crm_deadlines.reminder_ladder %r has no valid rung; using %s",
                    value,
                    DEFAULT_REMINDER_LADDER,
                )
            return DEFAULT_REMINDER_LADDER
        return tuple(sorted(rungs, reverse=True))

    @api.model
    def _unconfirmed_escalation_days(self):
        """Days before its date that a critical deadline still unconfirmed is escalated."""
        # sudo: as in _reminder_ladder, a day count only.
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("law_crm_deadlines.unconfirmed_escalation_days", "")
            .strip()
        )
        if re.fullmatch(r"[0-9]{1,5}", value):
            return min(int(value), MAX_REMINDER_DAYS)
        return DEFAULT_UNCONFIRMED_ESCALATION_DAYS

    @api.model
    def _next_rung_date(self, date_deadline, earliest, ladder):
        """The day of the largest rung falling on or after ``earliest``, or False.

        A deadline entered ten days ahead starts at the 7-day rung, not at a
        14-day rung that is already in the past.
        """
        for days in ladder:
            day = date_deadline - timedelta(days=days)
            if day >= earliest:
                return day
        return False

    def _schedule_next_reminder(self):
        """Put each open deadline on the next rung of the reminder ladder.

        Called whenever a deadline is created or its date, state or lawyer
        changes. Rungs already sent for the same deadline date are not sent
        again (``last_reminder_date``), and a rung that is due but not yet sent
        stays due, so editing a deadline never repeats nor drops a reminder.
        When the date itself moved, the ladder and the escalations start again
        for the new date. One write per distinct set of values.
        """
        today = self._firm_today()
        ladder = self._reminder_ladder()
        changes = defaultdict(list)
        for deadline in self:
            deadline_date = deadline.date_deadline
            if not deadline_date:
                continue
            last = deadline.last_reminder_date
            due = deadline.next_reminder_date
            vals = {}
            if deadline.reminder_deadline_date != deadline_date:
                vals = {
                    "reminder_deadline_date": deadline_date,
                    "last_reminder_date": False,
                    "escalated_overdue": False,
                    "escalated_unconfirmed": False,
                }
                last = False
            elif due and due <= today and (not last or due > last):
                continue
            earliest = max(today, last + timedelta(days=1)) if last else today
            vals["next_reminder_date"] = self._next_rung_date(deadline_date, earliest, ladder)
            vals = {name: value for name, value in vals.items() if deadline[name] != value}
            if vals:
                changes[tuple(sorted(vals.items()))].append(deadline.id)
        for vals, ids in changes.items():
            self.browse(ids).write(dict(vals))

    @api.model
    def _cron_send_reminders(self):
        """Send the reminders that are due and escalate, in committed batches.

        Exactly once per rung: a batch's messages and the move of its deadlines
        to their next rung (or the escalation flag) are written in the same
        transaction, which ``ir.cron._commit_progress`` commits. A crash before
        that commit loses both, so the next run sends them again; after it,
        neither is repeated. Rows are taken ``FOR NO KEY UPDATE SKIP LOCKED``, so
        two cron workers never take the same deadline, and a deadline being
        edited at that moment is simply left for the next batch or run.

        Runs as the cron's user (OdooBot, superuser): it must see every open
        deadline of the firm, whatever the need-to-know rules; what it writes
        goes only to the people named in ``_send_reminders`` and ``_escalate``.
        """
        # Emails go through the mail queue instead of SMTP inside the batch.
        deadlines = self.with_context(mail_notify_force_send=False)
        today = self._firm_today()
        steps = deadlines._reminder_steps(today)
        cron = self.env["ir.cron"]
        mail_queue = self.env.ref("mail.ir_cron_mail_scheduler_action", raise_if_not_found=False)
        cron._commit_progress(remaining=sum(deadlines.search_count(step[0]) for step in steps))
        for domain, order, process in steps:
            while batch := deadlines._lock_reminder_batch(domain, order):
                process(batch)
                if mail_queue:
                    # Lawyers notified by email: send the batch's emails now,
                    # not at the mail queue's next hourly run.
                    mail_queue._trigger()
                if not cron._commit_progress(len(batch)):
                    return
        cron._commit_progress(remaining=0)

    @api.model
    def _reminder_steps(self, today):
        """(domain, order, what to do with a batch) for each job of the cron."""
        open_deadlines = Domain("state", "in", OPEN_STATES)
        near = today + timedelta(days=self._unconfirmed_escalation_days())
        return [
            (
                open_deadlines & Domain("next_reminder_date", "<=", today),
                "next_reminder_date",
                lambda batch: batch._send_reminders(today),
            ),
            (
                open_deadlines
                & Domain("date_deadline", "<", today)
                & Domain("escalated_overdue", "=", False),
                "date_deadline",
                lambda batch: batch._escalate("overdue"),
            ),
            (
                Domain("state", "=", "draft")
                & Domain("criticality", "=", "critical")
                & Domain("date_deadline", ">=", today)
                & Domain("date_deadline", "<=", near)
                & Domain("escalated_unconfirmed", "=", False),
                "date_deadline",
                lambda batch: batch._escalate("unconfirmed"),
            ),
        ]

    @api.model
    def _lock_reminder_batch(self, domain, order):
        """The next batch of deadlines matching ``domain``, row-locked.

        Locked rows are skipped rather than waited for: they belong to another
        cron worker or to a user saving the deadline right now.
        """
        query = self._search(domain, limit=self._reminder_batch_size, order=order)
        rows = self.env.execute_query(SQL("%s FOR NO KEY UPDATE SKIP LOCKED", query.select()))
        return self.browse(row[0] for row in rows)

    def _send_reminders(self, today):
        """One reminder per deadline for the rung it is on, then the next rung.

        A deadline whose rungs were missed (the cron was down for days) gets one
        reminder saying how long is left, not one per missed rung. A note
        mentioning the lawyer, not a comment: the lawyer alone is notified, not
        the deadline's other followers, and never a portal user.
        """
        deadlines = self.filtered("date_deadline")
        for deadline in deadlines:
            lawyer = deadline.user_id
            recipients = lawyer.partner_id
            if not lawyer.active:
                # A lawyer who left the firm reads nothing: tell the supervisor.
                recipients = deadline.matter_id.supervising_partner_id.filtered("active").partner_id
            body = deadline.with_context(lang=lawyer.lang or None)._reminder_text(today)
            deadline.message_post(
                body=body,
                message_type="notification",
                subtype_xmlid="mail.mt_note",
                partner_ids=recipients.ids,
            )
        deadlines.write({"last_reminder_date": today})
        deadlines._schedule_next_reminder()

    def _reminder_text(self, today):
        self.ensure_one()
        days = (self.date_deadline - today).days
        name, matter = self.name, self.matter_number or ""
        date = format_date(self.env, self.date_deadline)
        if days > 1:
            return self.env._(
                "Reminder: deadline %(name)s on matter %(matter)s expires on %(date)s, "
                "in %(days)s days.",
                name=name,
                matter=matter,
                date=date,
                days=days,
            )
        if days == 1:
            return self.env._(
                "Reminder: deadline %(name)s on matter %(matter)s expires tomorrow, %(date)s.",
                name=name,
                matter=matter,
                date=date,
            )
        if days == 0:
            return self.env._(
                "Reminder: deadline %(name)s on matter %(matter)s expires today, %(date)s.",
                name=name,
                matter=matter,
                date=date,
            )
        return self.env._(
            "Reminder: deadline %(name)s on matter %(matter)s expired on %(date)s, "
            "%(days)s day(s) ago, and is still open.",
            name=name,
            matter=matter,
            date=date,
            days=-days,
        )

    def _escalate(self, reason):
        """Tell the supervising partner, and compliance for critical deadlines.

        ``reason`` is "overdue" (still open after its date) or "unconfirmed"
        (critical, still in draft close to its date). Each deadline is escalated
        once per reason and deadline date. Without an active supervising partner
        the chatter says so, so the gap is visible on the deadline.

        Compliance officers cannot read matters (need-to-know), yet they receive
        this message in their inbox. So the text holds only what a control
        function needs to chase the deadline: the deadline's name (a procedural
        label such as "Ankefrist"), the matter *number*, the date and the
        responsible lawyer's name. Never the matter's title, the client, the
        parties or the calculation. Opening the deadline from the message stays
        subject to the record rules.
        """
        flag = "escalated_overdue" if reason == "overdue" else "escalated_unconfirmed"
        compliance = self.env["res.partner"]
        if "critical" in self.mapped("criticality"):
            # sudo: reading who is in the compliance group; only their partners
            # are used, as recipients of the text described above.
            group = self.env.ref("law_crm.group_law_compliance").sudo()
            compliance = group.all_user_ids.filtered("active").partner_id
        for deadline in self:
            supervisor = deadline.matter_id.supervising_partner_id.filtered("active")
            recipients = supervisor.partner_id
            if deadline.criticality == "critical":
                recipients |= compliance
            lang = supervisor.lang or deadline.user_id.lang or None
            body = deadline.with_context(lang=lang)._escalation_text(reason, supervisor)
            deadline.message_post(
                body=body,
                message_type="notification",
                subtype_xmlid="mail.mt_note",
                partner_ids=recipients.ids,
            )
        self.write({flag: True})

    def _escalation_text(self, reason, supervisor):
        self.ensure_one()
        name, matter, lawyer = self.name, self.matter_number or "", self.user_id.name
        date = format_date(self.env, self.date_deadline)
        if reason == "overdue":
            text = self.env._(
                "Escalation: deadline %(name)s on matter %(matter)s expired on %(date)s and "
                "is still open. Responsible lawyer: %(lawyer)s.",
                name=name,
                matter=matter,
                date=date,
                lawyer=lawyer,
            )
        else:
            text = self.env._(
                "Escalation: critical deadline %(name)s on matter %(matter)s expires on "
                "%(date)s and no second person has confirmed it yet. Responsible lawyer: "
                "%(lawyer)s.",
                name=name,
                matter=matter,
                date=date,
                lawyer=lawyer,
            )
        if not supervisor:
            text += " " + self.env._("The matter has no supervising partner to escalate to.")
        return text
