from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL

from .law_mail_router import MATTER_ALIAS_PREFIX

STATUS_REPORT_INTERVALS = {
    "weekly": relativedelta(weeks=1),
    "monthly": relativedelta(months=1),
    "quarterly": relativedelta(months=3),
}

MATTER_STATES = [
    ("intake", "Intake"),
    ("open", "Open"),
    ("closed", "Closed"),
    ("archived", "Archived"),
]


class ProjectProject(models.Model):
    """A legal matter is a project flagged ``is_matter``.

    Reusing ``project.project`` gives tasks, chatter, activities, timesheets
    and the portal for free; this class adds what a law firm needs on top:
    a matter number, parties, a team, confidentiality and ethical walls.
    The responsible lawyer is the project manager (``user_id``).
    """

    _inherit = "project.project"

    is_matter = fields.Boolean(
        string="Is a Matter",
        index=True,
        copy=True,
        help="A client matter (sak), with need-to-know access, rather than an internal project.",
    )
    matter_number = fields.Char(
        copy=False,
        index=True,
        readonly=True,
        tracking=True,
        help="Assigned from the matter sequence when the matter is created; "
        "quote it in email subjects to file the email on the matter.",
    )
    practice_area_id = fields.Many2one("law.practice.area", tracking=True, index=True)
    matter_type_id = fields.Many2one("law.matter.type", tracking=True, index=True)
    supervising_partner_id = fields.Many2one(
        "res.users",
        tracking=True,
        index=True,
        domain=[("share", "=", False)],
    )
    team_user_ids = fields.Many2many(
        "res.users",
        "law_matter_team_rel",
        "matter_id",
        "user_id",
        domain=[("share", "=", False)],
        help="Colleagues working on the matter. Only the team, the responsible "
        "lawyer, the supervising partner and (unless confidential) the firm's "
        "partners can see a matter.",
    )
    wall_user_ids = fields.Many2many(
        "res.users",
        "law_matter_wall_rel",
        "matter_id",
        "user_id",
        string="Ethical Wall",
        domain=[("share", "=", False)],
        help="Users who must never see this matter, whatever their other rights.",
    )
    party_ids = fields.One2many("law.matter.party", "matter_id", string="Parties")
    court_id = fields.Many2one("res.partner", domain=[("is_company", "=", True)], tracking=True)
    court_case_number = fields.Char(tracking=True)
    date_opened = fields.Date(string="Opened On", tracking=True, copy=False)
    date_closed = fields.Date(string="Closed On", tracking=True, copy=False)
    state = fields.Selection(
        MATTER_STATES,
        string="Matter Status",
        default="intake",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    confidentiality = fields.Selection(
        [("normal", "Normal"), ("confidential", "Confidential")],
        default="normal",
        required=True,
        tracking=True,
        index=True,
        help="A confidential matter is visible to its team only, not to the firm's other partners.",
    )

    # -- Client portal ---------------------------------------------------------
    # Portal users never read a matter through the ORM (the need-to-know rule
    # gives them none); the portal controller shows the client of a shared
    # matter these fields only, after res.users.law_portal_matter_domain().
    law_portal_shared = fields.Boolean(
        string="Shared with Client",
        copy=False,
        tracking=True,
        index=True,
        help="The client's portal users see this matter on their portal: its "
        "number, name, status, the status note below and the shared documents. "
        "Nothing else of the matter is shown to them.",
    )
    law_portal_note = fields.Text(
        string="Status for the Client",
        copy=False,
        help="Status and next steps as the client sees them on the portal.",
    )
    law_portal_document_ids = fields.Many2many(
        "ir.attachment",
        "law_matter_portal_document_rel",
        "matter_id",
        "attachment_id",
        string="Documents Shared with Client",
        copy=False,
        help="Documents of this matter the client can download from the portal; "
        "documents the client uploads are added here.",
    )

    law_intake_days = fields.Integer(
        string="Days from Intake to Opening",
        compute="_compute_law_intake_days",
        store=True,
        aggregator="avg",
        help="Days from the inquiry (or, without one, from the matter's creation) "
        "to the date the matter was opened.",
    )

    correspondence_ids = fields.One2many("law.correspondence", "matter_id")
    correspondence_count = fields.Integer(compute="_compute_correspondence_count")

    _rec_names_search = ["name", "matter_number"]

    _matter_number_unique = models.Constraint(
        "UNIQUE(matter_number)",
        "This matter number is already in use.",
    )
    _matter_dates_ordered = models.Constraint(
        "CHECK(date_closed IS NULL OR date_opened IS NULL OR date_closed >= date_opened)",
        "A matter cannot be closed before it was opened.",
    )

    @api.depends("matter_number")
    def _compute_display_name(self):  # pylint: disable=missing-return
        super()._compute_display_name()
        for matter in self.filtered("matter_number"):
            matter.display_name = f"{matter.matter_number} {matter.name}"

    @api.depends("date_opened", "law_lead_id.create_date")
    def _compute_law_intake_days(self):
        for matter in self:
            start = matter.law_lead_id.create_date or matter.create_date
            if matter.date_opened and start:
                matter.law_intake_days = max((matter.date_opened - start.date()).days, 0)
            else:
                matter.law_intake_days = False

    @api.onchange("matter_type_id")
    def _onchange_matter_type_id(self):
        if self.matter_type_id.practice_area_id:
            self.practice_area_id = self.matter_type_id.practice_area_id
        if self.matter_type_id:
            self.confidentiality = self.matter_type_id.default_confidentiality

    @api.constrains("date_opened", "date_closed")
    def _check_dates(self):
        for matter in self:
            if (
                matter.date_opened
                and matter.date_closed
                and matter.date_closed < matter.date_opened
            ):
                raise ValidationError(
                    self.env._(
                        "Matter %(matter)s cannot be closed (%(closed)s) before it "
                        "was opened (%(opened)s). Correct one of the dates.",
                        matter=matter.display_name,
                        closed=matter.date_closed,
                        opened=matter.date_opened,
                    )
                )

    def _check_matter_numbers_free(self, numbers):
        """Refuse matter numbers already taken by another matter.

        Runs before the write so the user gets this sentence instead of the
        bare SQL unique-constraint error (which still guards against races).
        """
        # sudo(): the duplicate may sit on a matter this user may not see; the
        # message names neither that matter nor its client, so nothing leaks
        # beyond "the number is taken", which the SQL constraint reveals anyway.
        numbers = [number for number in numbers if number]
        taken = self.sudo().search_fetch(
            [("matter_number", "in", numbers), ("id", "not in", self.ids)], ["matter_number"]
        )
        duplicates = set(taken.mapped("matter_number")) | {
            number for number in numbers if numbers.count(number) > 1
        }
        if duplicates:
            raise ValidationError(
                self.env._(
                    "Matter number %(number)s is already in use. Choose another number.",
                    number=", ".join(sorted(duplicates)),
                )
            )

    @api.constrains("law_portal_document_ids")
    def _check_portal_documents_of_matter(self):
        """Only a matter's own documents can be shared with its client: an id
        of another matter's document must not reach this matter's portal."""
        for matter in self:
            # sudo: reads only where each document is attached, to refuse it;
            # the message names the matter being edited, not the document.
            foreign = matter.law_portal_document_ids.sudo().filtered(
                lambda att, matter=matter: att.res_model != "project.project"
                or att.res_id != matter.id
            )
            if foreign:
                raise ValidationError(
                    self.env._(
                        "Only documents attached to matter %(matter)s can be shared "
                        "with its client. Attach the document to the matter first.",
                        matter=matter.display_name,
                    )
                )

    @api.constrains("wall_user_ids", "team_user_ids", "user_id", "supervising_partner_id")
    def _check_wall_excludes_team(self):
        for matter in self:
            insiders = matter.team_user_ids | matter.user_id | matter.supervising_partner_id
            walled = insiders & matter.wall_user_ids
            if walled:
                raise ValidationError(
                    self.env._(
                        "%(users)s cannot both work on matter %(matter)s and be "
                        "behind its ethical wall. Remove them from one of the two.",
                        users=", ".join(walled.mapped("name")),
                        matter=matter.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_matter_numbers_free([vals.get("matter_number") for vals in vals_list])
        for vals in vals_list:
            if vals.get("is_matter"):
                vals.setdefault("privacy_visibility", "followers")
                if not vals.get("matter_number"):
                    vals["matter_number"] = self.env["ir.sequence"].next_by_code(
                        "law.matter", sequence_date=vals.get("date_opened")
                    )
                vals.setdefault("alias_name", MATTER_ALIAS_PREFIX + vals["matter_number"])
        matters = super().create(vals_list)
        matters.filtered("is_matter")._sync_after_change()
        matters._law_start_status_reports()
        return matters

    def write(self, vals):
        if vals.get("matter_number"):
            self._check_matter_numbers_free([vals["matter_number"]] * len(self))
        res = super().write(vals)
        if {"partner_id", "wall_user_ids", "is_matter"} & vals.keys():
            self.filtered("is_matter")._sync_after_change()
        if {"is_matter", "matter_number"} & vals.keys():
            self.filtered("is_matter")._sync_matter_alias()
        if vals.get("law_status_report_interval"):
            self._law_start_status_reports()
        return res

    def _alias_get_creation_values(self):
        """A matter's alias posts onto the matter itself, not into new tasks:
        email to ``sak-<number>@`` is correspondence on the matter."""
        values = super()._alias_get_creation_values()
        if self.is_matter and self.id:
            values.update(
                alias_model_id=self.env["ir.model"]._get_id("project.project"),
                alias_force_thread_id=self.id,
                alias_defaults="{}",
                alias_contact="everyone",
            )
        return values

    def _sync_matter_alias(self):
        """Point the alias of projects that became matters (or were renumbered)
        at the matter, named after its number."""
        for matter in self.filtered("matter_number"):
            # sudo: aliases are system records users cannot write; the values
            # only restate this matter's own number and id.
            matter.alias_id.sudo().write(
                dict(
                    matter._alias_get_creation_values(),
                    alias_name=MATTER_ALIAS_PREFIX + matter.matter_number,
                )
            )

    def _message_post_after_hook(self, message, msg_vals):
        """Every email in or out of a matter goes into its correspondence log;
        internal notes and tracking messages do not."""
        if (
            self.is_matter
            and message.message_type in ("email", "comment")
            and not message.subtype_id.internal
        ):
            self.env["law.correspondence"]._log_emails(message, new=True)
        return super()._message_post_after_hook(message, msg_vals)

    def _compute_correspondence_count(self):
        counts = dict(
            self.env["law.correspondence"]._read_group(
                [("matter_id", "in", self.ids)], ["matter_id"], ["__count"]
            )
        )
        for matter in self:
            matter.correspondence_count = counts.get(matter._origin, 0)

    def _sync_after_change(self):
        """Give new clients a client number and unsubscribe walled users.

        A walled user who still follows the matter would keep receiving its
        messages by email: the wall must cut that channel too.
        """
        self.partner_id._assign_client_number()
        for matter in self.filtered("wall_user_ids"):
            matter.message_unsubscribe(partner_ids=matter.wall_user_ids.partner_id.ids)

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        """Only people who may see a matter can follow it.

        Following means receiving its messages by email, so a user who cannot
        read the matter is refused (reading ``wall_user_ids`` checks that) and
        users behind its ethical wall are never added, whoever adds them.
        """
        matters = self.filtered("is_matter") if partner_ids else self.browse()
        for matter in matters:
            walled = set(matter.wall_user_ids.partner_id.ids)
            allowed = [pid for pid in partner_ids if pid not in walled]
            super(ProjectProject, matter).message_subscribe(allowed, subtype_ids)
        return super(ProjectProject, self - matters).message_subscribe(partner_ids, subtype_ids)

    def _compute_access_url(self):
        """A matter's link in the client's notification emails leads to the
        client portal (/my/matters), not to Odoo's project portal, which
        opens no matter."""
        result = super()._compute_access_url()
        for matter in self.filtered("is_matter"):
            matter.access_url = f"/my/matters/{matter.id}"
        return result

    def _get_thread_with_access(self, thread_id, **kwargs):
        """A matter's chatter opens to those who may read the matter, never
        to an access token or signed link: tokens land in notification
        emails, and a forwarded email must not open a matter's messages."""
        # sudo: only to learn whether the thread is (on) a matter; nothing of
        # it is returned, and access is then decided without any token.
        if self.browse(thread_id).sudo().exists().is_matter:
            kwargs.update(hash=None, pid=None, token=None)
        return super()._get_thread_with_access(thread_id, **kwargs)

    def _check_transition(self, allowed_from, target):
        wrong = self.filtered(lambda m: not m.is_matter or m.state not in allowed_from)
        if wrong:
            states = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "Matter %(matter)s is %(state)s and cannot become %(target)s.",
                    matter=wrong[0].display_name,
                    state=states.get(wrong[0].state, wrong[0].state),
                    target=states[target],
                )
            )

    def action_open_matter(self):
        self._check_transition(("intake", "closed"), "open")
        self._law_check_ready_to_open()
        for matter in self:
            matter.write(
                {
                    "state": "open",
                    "date_opened": matter.date_opened or fields.Date.context_today(self),
                    "date_closed": False,
                }
            )

    def action_close_matter(self):
        self._check_transition(("open",), "closed")
        self.write({"state": "closed", "date_closed": fields.Date.context_today(self)})

    def action_archive_matter(self):
        self._check_transition(("closed",), "archived")
        self.write({"state": "archived"})

    def action_view_correspondence(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("law_crm.law_correspondence_action")
        action["domain"] = [("matter_id", "=", self.id)]
        action["context"] = {"default_matter_id": self.id, "search_default_group_by_day": 1}
        return action

    def action_log_correspondence(self):
        """Open the short form to log a call, meeting or letter on this matter."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log Correspondence"),
            "res_model": "law.correspondence",
            "view_mode": "form",
            "views": [(self.env.ref("law_crm.law_correspondence_view_form_quick").id, "form")],
            "target": "new",
            "context": {"default_matter_id": self.id, "default_kind": "phone"},
        }

    def action_view_parties(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("law_crm.law_matter_party_action")
        action["domain"] = [("matter_id", "=", self.id)]
        action["context"] = {"default_matter_id": self.id}
        return action

    # -- Conflict check and due diligence before opening ----------------------

    law_lead_id = fields.Many2one(
        "crm.lead",
        string="Inquiry",
        copy=False,
        index=True,
        help="The inquiry this matter was created from; its conflict checks count for the matter.",
    )
    law_conflict_status = fields.Selection(
        [("cleared", "Conflict Check Cleared"), ("required", "Conflict Check Required")],
        string="Conflict Status",
        compute="_compute_law_conflict_status",
        help="Required while a party of the matter is not covered by a "
        "cleared or waived conflict check.",
    )

    def _law_checked_parties(self):
        """(contact, role) pairs that must be covered by a conflict check:
        the client and every party."""
        self.ensure_one()
        pairs = {(party.partner_id, party.role) for party in self.party_ids}
        if self.partner_id:
            pairs.add((self.partner_id, "client"))
        return pairs

    def _law_conflict_checks_domain(self):
        self.ensure_one()
        domain = [("matter_id", "=", self.id)]
        if self.law_lead_id:
            domain = ["|", ("lead_id", "=", self.law_lead_id.id), *domain]
        return domain

    def _law_uncovered_parties(self):
        """Parties not covered by a cleared or waived check of this matter
        (or of its inquiry), read with the user's own rights."""
        self.ensure_one()
        subjects = self.env["law.conflict.subject"].search(
            [
                ("check_id", "any", self._law_conflict_checks_domain()),
                ("check_id.state", "in", ("cleared", "waived")),
            ]
        )
        covered = {(subject.partner_id, subject.role) for subject in subjects}
        return {pair for pair in self._law_checked_parties() if pair not in covered}

    @api.depends_context("uid")
    @api.depends("party_ids", "partner_id")
    def _compute_law_conflict_status(self):
        may_read = self.env["law.conflict.subject"].has_access("read")
        for matter in self:
            if not matter.is_matter or not matter.id or not may_read:
                matter.law_conflict_status = False
            elif matter._law_uncovered_parties():
                matter.law_conflict_status = "required"
            else:
                matter.law_conflict_status = "cleared"

    def _law_check_ready_to_open(self):
        """A matter opens only when every party is covered by a cleared or
        waived conflict check and, for transaction work, the client's due
        diligence is complete and in date."""
        for matter in self.filtered(lambda m: m.state == "intake"):
            uncovered = matter._law_uncovered_parties()
            if uncovered:
                raise UserError(
                    self.env._(
                        "Matter %(matter)s cannot be opened: %(parties)s not covered "
                        "by a cleared or waived conflict check. Run a conflict check "
                        "and have a partner decide it.",
                        matter=matter.display_name,
                        parties=", ".join(sorted(p.display_name for p, _role in uncovered)),
                    )
                )
            if matter.matter_type_id.aml_required:
                self.env["law.kyc"]._check_client_cleared(matter.partner_id, matter)

    def action_law_conflict_check(self):
        """Check every party of the matter now; open the new check."""
        self.ensure_one()
        check = self.env["law.conflict.check"]._create_and_run(
            sorted(self._law_checked_parties(), key=lambda pair: pair[0].id), matter=self
        )
        return check._open_action()

    def action_view_law_conflict_checks(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("law_crm.law_conflict_check_action")
        action["domain"] = self._law_conflict_checks_domain()
        action["context"] = {"default_matter_id": self.id}
        return action

    # -- Status reports to the client -----------------------------------------

    law_status_report_interval = fields.Selection(
        [("weekly", "Weekly"), ("monthly", "Monthly"), ("quarterly", "Quarterly")],
        string="Status Reports",
        tracking=True,
        copy=False,
        help="Opt-in: email the client a status report of the matter this often "
        "while it is open. Empty: no status reports.",
    )
    law_status_report_hold = fields.Boolean(
        string="Hold Status Reports",
        tracking=True,
        copy=False,
        help="While held, no status report goes out; when released, the report that "
        "fell due goes out once at the next run.",
    )
    law_status_report_next_date = fields.Date(
        string="Next Status Report",
        copy=False,
        index="btree_not_null",
        tracking=True,
        help="The day the next status report goes out; set one period ahead when "
        "status reports are switched on.",
    )
    law_status_report_last_date = fields.Date(
        string="Last Status Report", copy=False, readonly=True
    )

    @api.onchange("law_status_report_interval")
    def _onchange_law_status_report_interval(self):
        if self.law_status_report_interval and not self.law_status_report_next_date:
            self.law_status_report_next_date = (
                self._law_firm_today() + (STATUS_REPORT_INTERVALS[self.law_status_report_interval])
            )

    def _law_start_status_reports(self):
        """Matters switched to status reports without a next date (by import or
        the API, where the form's onchange does not run) start one period on."""
        for matter in self.filtered(
            lambda m: m.law_status_report_interval and not m.law_status_report_next_date
        ):
            step = STATUS_REPORT_INTERVALS[matter.law_status_report_interval]
            matter.law_status_report_next_date = self._law_firm_today() + step

    @api.model
    def _law_firm_today(self):
        """Today in the firm's time zone (its company contact's; Oslo by default)."""
        tz = self.env.company.partner_id.tz or "Europe/Oslo"
        return fields.Date.context_today(self.with_context(tz=tz))

    def _law_status_report_stage(self):
        """The matter's status (intake, open, closed), in the language the
        report is rendered in."""
        self.ensure_one()
        states = dict(self._fields["state"]._description_selection(self.env))
        return states.get(self.state, self.state)

    def _law_status_report_since(self):
        self.ensure_one()
        return self.law_status_report_last_date or (
            self._law_firm_today() - relativedelta(months=1)
        )

    def _law_status_report_steps(self):
        """Steps done since the last report that the lawyer marked as shareable
        with the client: tasks flagged *Share with Client* and closed."""
        self.ensure_one()
        since = fields.Datetime.to_datetime(self._law_status_report_since())
        tasks = self.env["project.task"].search(
            [
                ("project_id", "=", self.id),
                ("law_share_with_client", "=", True),
                ("state", "=", "1_done"),
                ("date_last_stage_update", ">=", since),
            ],
            order="date_last_stage_update",
        )
        return [{"date": task.date_last_stage_update.date(), "name": task.name} for task in tasks]

    def _law_status_report_upcoming(self):
        """What comes next that the lawyer chose to share: open shared tasks with
        a due date, and the matter's hearings and meetings shown to the client
        (the same *Show to Client* as on the portal). ``law_crm_deadlines``
        adds shared deadlines. A list of ``{"date", "name"}`` sorted by date."""
        self.ensure_one()
        today = fields.Datetime.to_datetime(self._law_firm_today())
        tasks = self.env["project.task"].search(
            [
                ("project_id", "=", self.id),
                ("law_share_with_client", "=", True),
                ("state", "not in", ("1_done", "1_canceled")),
                ("date_deadline", ">=", today),
            ]
        )
        events = self.env["calendar.event"].search(
            [
                ("law_matter_id", "=", self.id),
                ("law_portal_shared", "=", True),
                ("start", ">=", today),
            ]
        )
        items = [{"date": task.date_deadline.date(), "name": task.name} for task in tasks]
        items += [{"date": event.start.date(), "name": event.name} for event in events]
        return sorted(items, key=lambda item: item["date"])

    def _law_status_report_blocked(self):
        """Why no status report may go to this matter's client, or False."""
        self.ensure_one()
        client = self.partner_id
        if not client or not client.email_normalized:
            return self.env._("the client has no email address")
        if client.law_no_status_reports:
            return self.env._("the client opted out of status reports")
        if client.is_blacklisted:
            return self.env._("the client's email address is blacklisted")
        return False

    def action_law_preview_status_report(self):
        """Open the next status report in the mail composer: the lawyer reads
        it, edits it if need be, and sends it now or discards it."""
        self.ensure_one()
        template = self.env.ref("law_crm.mail_template_law_status_report")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Status Report"),
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "default_message_type": "comment",
                "default_subtype_xmlid": "mail.mt_comment",
            },
        }

    def action_law_hold_status_reports(self):
        self.write({"law_status_report_hold": True})

    def action_law_release_status_reports(self):
        self.write({"law_status_report_hold": False})

    @api.model
    def _law_status_reports_due_domain(self, today):
        return (
            Domain("is_matter", "=", True)
            & Domain("state", "=", "open")
            & Domain("law_status_report_interval", "!=", False)
            & Domain("law_status_report_hold", "=", False)
            & Domain("law_status_report_next_date", "<=", today)
        )

    @api.model
    def _cron_send_status_reports(self, batch_size=50):
        """Queue the status reports that are due, one per matter and period.

        A batch's messages and the move of its matters' next date past today are
        committed together (``ir.cron._commit_progress``), so a crash repeats
        nothing already committed; rows are taken ``FOR NO KEY UPDATE SKIP
        LOCKED`` so two cron workers never send the same report. A matter whose
        cron was down for several periods gets one report, not one per period.

        Runs as the cron's user (superuser) to reach every matter; each report
        goes only to the matter's own client and renders only what the lawyer
        marked as shareable.
        """
        today = self._law_firm_today()
        domain = self._law_status_reports_due_domain(today)
        cron = self.env["ir.cron"]
        cron._commit_progress(remaining=self.search_count(domain))
        while True:
            query = self._search(domain, limit=batch_size, order="law_status_report_next_date, id")
            rows = self.env.execute_query(SQL("%s FOR NO KEY UPDATE SKIP LOCKED", query.select()))
            if not rows:
                break
            self.browse(row[0] for row in rows)._law_send_status_report(today)
            if not cron._commit_progress(len(rows)):
                return
        cron._commit_progress(remaining=0)

    def _law_send_status_report(self, today):
        """Post each matter's status report to its client (through the mail
        queue; the chatter email logs itself in the correspondence log) and
        move the next date one period on, past today."""
        template = self.env.ref("law_crm.mail_template_law_status_report")
        for matter in self.with_context(mail_notify_force_send=False):
            reason = matter._law_status_report_blocked()
            if reason:
                matter.message_post(
                    body=self.env._("Status report not sent: %(reason)s.", reason=reason),
                    message_type="notification",
                    subtype_xmlid="mail.mt_note",
                )
            else:
                matter.message_post_with_source(
                    template,
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                    author_id=(matter.user_id.partner_id or self.env.user.partner_id).id,
                )
                matter.law_status_report_last_date = today
            step = STATUS_REPORT_INTERVALS[matter.law_status_report_interval]
            next_date = matter.law_status_report_next_date
            while next_date <= today:
                next_date += step
            matter.law_status_report_next_date = next_date
