from datetime import timedelta

from odoo import api, fields, models
from odoo.addons.law_crm_deadlines.engine import compute_deadline
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

from .law_gdpr_deadline_mixin import end_of_day_oslo

REQUEST_KINDS = [
    ("access", "Access (Art. 15)"),
    ("rectification", "Rectification (Art. 16)"),
    ("erasure", "Erasure (Art. 17)"),
    ("restriction", "Restriction (Art. 18)"),
    ("portability", "Portability (Art. 20)"),
    ("objection", "Objection (Art. 21)"),
    ("consent_withdrawal", "Consent Withdrawal (Art. 7(3))"),
]
REQUEST_STATES = [
    ("received", "Received"),
    ("in_progress", "In Progress"),
    ("answered", "Answered"),
    ("refused", "Refused"),
]
OPEN_REQUEST_STATES = ("received", "in_progress")
# Art. 12(3): one month, extendable by at most two further months.
ANSWER_MONTHS = 1
MAX_EXTENSION_MONTHS = 2


class LawGdprRequest(models.Model):
    """A data-subject request and the firm's answer (GDPR Art. 12–22).

    The due date is one month from receipt (Art. 12(3)), computed by the
    deadline engine; an extension of up to two more months needs a reason and
    the date on which the person was told, within the first month.
    """

    _name = "law.gdpr.request"
    _description = "Data-Subject Request"
    _inherit = ["law.gdpr.deadline.mixin"]
    _order = "received_date desc, id desc"

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index=True
    )
    kind = fields.Selection(REQUEST_KINDS, required=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    received_date = fields.Date(
        string="Received On", required=True, default=fields.Date.context_today, tracking=True
    )
    channel = fields.Selection(
        [
            ("email", "Email"),
            ("letter", "Letter"),
            ("in_person", "In Person"),
            ("phone", "Phone"),
            ("portal", "Client Portal"),
            ("other", "Other"),
        ],
        default="email",
        required=True,
    )
    description = fields.Html(string="What the Person Asks")
    identity_method = fields.Selection(
        [
            ("bankid", "BankID"),
            ("id_document", "Identity Document Seen"),
            ("known_client", "Known Client, Verified Channel"),
            ("other", "Other"),
        ],
        string="Identity Verified By",
        tracking=True,
        help="How the person's identity was verified before anything is disclosed (Art. 12(6)).",
    )
    identity_verified_by_id = fields.Many2one("res.users", string="Verified By", tracking=True)
    identity_verified_on = fields.Date(string="Verified On", tracking=True)
    state = fields.Selection(
        REQUEST_STATES, default="received", required=True, tracking=True, index=True, copy=False
    )
    original_due_date = fields.Date(
        compute="_compute_due_date",
        store=True,
        help="One month from receipt (Art. 12(3)), computed by the deadline engine.",
    )
    due_date = fields.Date(compute="_compute_due_date", store=True, tracking=True)
    due_calculation = fields.Text(string="Calculation", compute="_compute_due_date", store=True)
    extension_months = fields.Integer(
        tracking=True,
        help="Further months (at most two) where the request is complex or numerous (Art. 12(3)).",
    )
    extension_reason = fields.Text(
        tracking=True, help="Why the request is complex or numerous enough to extend (Art. 12(3))."
    )
    person_informed_date = fields.Date(
        string="Person Told of Extension On",
        tracking=True,
        help="The person must be told of the extension, with reasons, within the first month.",
    )
    answer_date = fields.Date(string="Answered On", tracking=True, copy=False)
    answer = fields.Html(help="The answer sent to the person.")
    decision = fields.Text(
        help="For rectification, restriction, objection and erasure: what was decided and why."
    )
    action_taken = fields.Text(help="What was done in the systems to carry out the decision.")
    export_ids = fields.One2many("law.gdpr.export", "request_id", string="Exports")
    export_count = fields.Integer(compute="_compute_export_count")
    erasure_plan_ids = fields.One2many(
        "law.gdpr.erasure.plan", "request_id", string="Erasure Plans"
    )

    @api.depends("received_date", "extension_months")
    def _compute_due_date(self):
        for request in self:
            if not request.received_date:
                request.original_due_date = request.due_date = request.due_calculation = False
                continue
            first = compute_deadline(request.received_date, ANSWER_MONTHS, "months")
            total = compute_deadline(
                request.received_date, ANSWER_MONTHS + max(request.extension_months, 0), "months"
            )
            request.original_due_date = first.date
            request.due_date = total.date
            request.due_calculation = "\n".join(total.steps)

    @api.depends("due_date")
    def _compute_deadline_at(self):
        for request in self:
            request.deadline_at = request.due_date and end_of_day_oslo(request.due_date)

    def _compute_export_count(self):
        for request in self:
            request.export_count = len(request.export_ids)

    def _law_gdpr_open_domain(self):
        return Domain("state", "in", OPEN_REQUEST_STATES)

    @api.model
    def _law_gdpr_near_delta(self):
        return timedelta(days=7)

    @api.constrains("extension_months", "extension_reason", "person_informed_date")
    def _check_extension(self):
        for request in self:
            months = request.extension_months
            if not months:
                continue
            if not 0 < months <= MAX_EXTENSION_MONTHS:
                raise ValidationError(
                    self.env._("A request can be extended by one or two months only.")
                )
            if not (request.extension_reason or "").strip():
                raise ValidationError(
                    self.env._("Give the reason for extending request %(name)s.", name=request.name)
                )
            informed = request.person_informed_date
            if not informed or informed > request.original_due_date:
                raise ValidationError(
                    self.env._(
                        "Request %(name)s can only be extended if the person was told within "
                        "the first month, by %(date)s: enter the date they were told.",
                        name=request.name,
                        date=request.original_due_date,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        sequence = self.env["ir.sequence"]
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = sequence.next_by_code("law.gdpr.request") or "/"
        return super().create(vals_list)

    def action_start(self):
        self.filtered(lambda r: r.state == "received").write({"state": "in_progress"})

    def action_answer(self):
        for request in self:
            if not request.identity_method and request.kind in ("access", "portability"):
                raise UserError(
                    self.env._(
                        "Verify the identity of the person before answering request %(name)s.",
                        name=request.name,
                    )
                )
        self.write({"state": "answered", "answer_date": fields.Date.context_today(self)})

    def action_refuse(self):
        for request in self:
            if not (request.decision or "").strip():
                raise UserError(
                    self.env._(
                        "Write down the decision and its reason before refusing request "
                        "%(name)s (Art. 12(4)).",
                        name=request.name,
                    )
                )
        self.write({"state": "refused", "answer_date": fields.Date.context_today(self)})

    def action_reopen(self):
        self.write({"state": "in_progress", "answer_date": False})

    def action_export(self):
        """Queue the access/portability export of the person and show it."""
        self.ensure_one()
        export = self.env["law.gdpr.export"].create(
            {"partner_id": self.partner_id.id, "request_id": self.id}
        )
        return export._get_records_action(name=self.env._("Export"))

    def action_erasure_plan(self):
        """Open the request's erasure plan to review, computing it if there is none."""
        self.ensure_one()
        if self.kind != "erasure":
            raise UserError(self.env._("Only an erasure request has an erasure plan."))
        plan = self.erasure_plan_ids.filtered(lambda p: p.state == "draft")[:1]
        if not plan:
            plan = self.env["law.gdpr.erasure.plan"].create(
                {"partner_id": self.partner_id.id, "request_id": self.id}
            )
        self.action_start()
        return plan._get_records_action(name=self.env._("Erasure Plan"))

    def action_open_exports(self):
        self.ensure_one()
        return self.export_ids._get_records_action(name=self.env._("Exports"))
