from datetime import timedelta, timezone

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.addons.law_crm_deadlines.engine import compute_deadline_hours
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import format_datetime

from .law_gdpr_deadline_mixin import FIRM_TZ, utc_naive

NOTIFY_WITHIN_HOURS = 72  # Art. 33(1)


class LawGdprBreach(models.Model):
    """A personal-data breach, documented whether or not it is notified (Art. 33(5)).

    The 72-hour notification clock runs from when the firm became aware, in
    elapsed hours that are never moved for weekends or holidays (engine:
    ``compute_deadline_hours``). The draft texts for Datatilsynet and for the
    persons concerned are generated from the record.
    """

    _name = "law.gdpr.breach"
    _description = "Personal Data Breach"
    _inherit = ["law.gdpr.deadline.mixin"]
    _order = "aware_at desc, id desc"

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index=True
    )
    title = fields.Char(required=True, tracking=True)
    aware_at = fields.Datetime(
        string="Firm Became Aware At",
        required=True,
        tracking=True,
        help="When the firm became reasonably certain that a breach occurred; the "
        "72 hours run from here.",
    )
    occurred_at = fields.Datetime()
    breach_type = fields.Selection(
        [
            ("confidentiality", "Confidentiality (disclosure or access)"),
            ("integrity", "Integrity (alteration)"),
            ("availability", "Availability (loss or destruction)"),
        ],
        required=True,
        default="confidentiality",
        tracking=True,
    )
    nature = fields.Text(string="What Happened", help="Art. 33(3)(a): the nature of the breach.")
    subject_categories = fields.Text(string="Categories of Persons")
    data_categories = fields.Text(string="Categories of Data")
    subjects_count = fields.Integer(string="Approx. Number of Persons")
    records_count = fields.Integer(string="Approx. Number of Records")
    consequences = fields.Text(string="Likely Consequences", help="Art. 33(3)(c).")
    measures = fields.Text(
        string="Measures Taken or Proposed", help="Art. 33(3)(d), including mitigation."
    )
    dpo_id = fields.Many2one(
        "res.partner",
        string="Data Protection Officer",
        help="Art. 33(3)(b): who Datatilsynet can contact for more information.",
    )
    deadline_calculation = fields.Char(
        compute="_compute_deadline_at",
        store=True,
        help="GDPR Art. 33: Datatilsynet must be notified within 72 hours of the firm "
        "becoming aware of the breach, unless it is unlikely to harm anyone.",
    )
    notification_required = fields.Boolean(
        default=True,
        tracking=True,
        help="Untick only when the breach is unlikely to result in a risk to the persons; "
        "record why.",
    )
    no_notification_reason = fields.Text(
        tracking=True,
        help="Why the breach is unlikely to result in a risk to people, so that "
        "Datatilsynet is not notified (Art. 33(1)); the breach is still registered.",
    )
    notification_ids = fields.One2many(
        "law.gdpr.breach.notification", "breach_id", string="Notifications to Datatilsynet"
    )
    first_notified_at = fields.Datetime(
        string="Datatilsynet Notified At", compute="_compute_first_notified_at", store=True
    )
    late_reason = fields.Text(
        string="Reasons for Delay",
        help="Art. 33(1): a notification after 72 hours must give the reasons for the delay.",
    )
    high_risk = fields.Boolean(
        string="High Risk to Persons",
        tracking=True,
        help="Art. 34: the persons must be told unless an exception of Art. 34(3) applies.",
    )
    high_risk_reason = fields.Text(string="Risk Assessment")
    subjects_informed = fields.Selection(
        [
            ("pending", "Not Yet Decided"),
            ("informed", "Persons Told"),
            ("public_notice", "Public Notice (Art. 34(3)(c))"),
            ("unintelligible", "Not Told: Data Unintelligible (Art. 34(3)(a))"),
            ("risk_removed", "Not Told: Risk Removed (Art. 34(3)(b))"),
            ("not_high_risk", "Not Told: No High Risk"),
        ],
        string="Persons Told",
        default="pending",
        required=True,
        tracking=True,
    )
    subjects_informed_at = fields.Datetime(string="Persons Told At")
    subjects_informed_how = fields.Text(string="How or Why Not")
    state = fields.Selection(
        [("open", "Open"), ("notified", "Notified"), ("closed", "Closed")],
        default="open",
        required=True,
        tracking=True,
        index=True,
    )
    authority_draft = fields.Html(
        string="Draft to Datatilsynet", compute="_compute_drafts", sanitize=False
    )
    subject_draft = fields.Html(
        string="Draft to the Persons", compute="_compute_drafts", sanitize=False
    )

    @api.depends("aware_at")
    def _compute_deadline_at(self):
        for breach in self:
            breach.deadline_at = breach.deadline_calculation = False
            if not breach.aware_at:
                continue
            aware = breach.aware_at.replace(tzinfo=timezone.utc)
            expires = compute_deadline_hours(aware, NOTIFY_WITHIN_HOURS)
            breach.deadline_at = utc_naive(expires)
            breach.deadline_calculation = self.env._(
                "%(start)s + %(hours)s hours = %(end)s (Europe/Oslo); hours are never moved "
                "for weekends or holidays.",
                start=aware.astimezone(FIRM_TZ).strftime("%d.%m.%Y %H:%M"),
                hours=NOTIFY_WITHIN_HOURS,
                end=expires.astimezone(FIRM_TZ).strftime("%d.%m.%Y %H:%M"),
            )

    @api.depends("notification_ids.notified_at")
    def _compute_first_notified_at(self):
        for breach in self:
            times = breach.notification_ids.mapped("notified_at")
            breach.first_notified_at = min(times) if times else False

    def _law_gdpr_open_domain(self):
        # The clock stops with the first notification or the decision not to notify.
        return (
            Domain("state", "=", "open")
            & Domain("notification_required", "=", True)
            & Domain("first_notified_at", "=", False)
        )

    @api.model
    def _law_gdpr_near_delta(self):
        hours = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("law_crm_gdpr.breach_escalation_hours", "24")
        )
        # sudo above: a number of hours, no business data.
        return timedelta(hours=int(hours) if hours.isdigit() else 24)

    @api.constrains("notification_required", "no_notification_reason")
    def _check_no_notification_reason(self):
        for breach in self:
            if (
                not breach.notification_required
                and not (breach.no_notification_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "Breach %(name)s: record why it need not be notified to Datatilsynet "
                        "(Art. 33(1), 33(5)).",
                        name=breach.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        sequence = self.env["ir.sequence"]
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = sequence.next_by_code("law.gdpr.breach") or "/"
        return super().create(vals_list)

    def action_notified(self):
        """Close the clock once Datatilsynet has been notified."""
        for breach in self:
            if not breach.notification_ids:
                raise ValidationError(
                    self.env._(
                        "Breach %(name)s: add the notification to Datatilsynet (when, how, "
                        "receipt) first.",
                        name=breach.name,
                    )
                )
            late = breach.first_notified_at > breach.deadline_at
            if late and not (breach.late_reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "Breach %(name)s was notified after 72 hours: give the reasons for the "
                        "delay (Art. 33(1)).",
                        name=breach.name,
                    )
                )
        self.write({"state": "notified"})

    def action_close(self):
        for breach in self:
            if breach.high_risk and breach.subjects_informed in ("pending", "not_high_risk"):
                raise ValidationError(
                    self.env._(
                        "Breach %(name)s is high risk: record that the persons were told, or "
                        "which exception of Art. 34(3) applies.",
                        name=breach.name,
                    )
                )
        self.write({"state": "closed"})

    # -- Draft texts ------------------------------------------------------------

    def _compute_drafts(self):
        for breach in self:
            breach.authority_draft = breach._authority_draft()
            breach.subject_draft = breach._subject_draft()

    def _draft_paragraphs(self, rows):
        unknown = self.env._("(not yet known)")
        return Markup("").join(
            Markup("<p><strong>%s</strong><br/>%s</p>") % (label, escape(value or unknown))
            for label, value in rows
        )

    def _authority_draft(self):
        """Art. 33(3): the content a notification to Datatilsynet must have."""
        self.ensure_one()
        company = self.company_id
        dpo = self.dpo_id
        aware = self.aware_at and format_datetime(self.env, self.aware_at, tz="Europe/Oslo")
        rows = [
            (self.env._("Controller"), company.name),
            (self.env._("When the controller became aware"), aware),
            (self.env._("Nature of the breach"), self.nature),
            (self.env._("Categories of persons concerned"), self.subject_categories),
            (self.env._("Approximate number of persons"), str(self.subjects_count or "")),
            (self.env._("Categories of personal data"), self.data_categories),
            (self.env._("Approximate number of records"), str(self.records_count or "")),
            (
                self.env._("Contact point (data protection officer)"),
                dpo and ", ".join(filter(None, [dpo.name, dpo.email, dpo.phone])),
            ),
            (self.env._("Likely consequences"), self.consequences),
            (self.env._("Measures taken or proposed"), self.measures),
        ]
        if self.first_notified_at and self.first_notified_at > self.deadline_at:
            rows.append((self.env._("Reasons for the delay"), self.late_reason))
        head = Markup("<p>%s</p>") % self.env._(
            "Notification of a personal data breach to Datatilsynet (GDPR Art. 33)"
        )
        return head + self._draft_paragraphs(rows)

    def _subject_draft(self):
        """Art. 34(2): what the persons must be told, in clear and plain language."""
        self.ensure_one()
        dpo = self.dpo_id
        rows = [
            (self.env._("What happened"), self.nature),
            (self.env._("What it may mean for you"), self.consequences),
            (self.env._("What we have done and what you can do"), self.measures),
            (
                self.env._("Who you can contact"),
                dpo and ", ".join(filter(None, [dpo.name, dpo.email, dpo.phone])),
            ),
        ]
        head = Markup("<p>%s</p>") % self.env._(
            "We are writing to tell you about a breach of security that affects your personal data."
        )
        return head + self._draft_paragraphs(rows)
