from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools.safe_eval import safe_eval

from ..retention_period import last_due_start

DATA_CATEGORIES = [
    ("case_file", "Case Files"),
    ("prospect", "Prospects Never Engaged"),
    ("marketing", "Marketing Contacts"),
    ("aml", "AML Due-Diligence Records"),
    ("billing_primary", "Primary Bookkeeping Documentation"),
    ("billing_secondary", "Secondary Bookkeeping Documentation"),
    ("conflict_index", "Conflict-Check Index"),
    ("other", "Other"),
]
RETENTION_ACTIONS = [
    ("archive", "Archive Records"),
    ("restrict", "Restrict Processing"),
    ("delete", "Delete"),
    ("anonymise", "Anonymise"),
]
# How "archive" is done: the model's own archiving transition, else Odoo's.
ARCHIVE_METHODS = {"project.project": "action_archive_matter"}


class LawGdprRetentionPolicy(models.Model):
    """How long one category of data is kept, and what happens to it then
    (GDPR Art. 5(1)(e), bokføringsloven § 13, hvitvaskingsloven § 30).

    Which records (model and domain), from which start event (a date field,
    optionally the end of that date's financial year), for how long, then
    which action, on which legal basis, and whether a compliance officer
    approves each run first. Nothing of this is in Python: the firm's
    defaults are data and can be changed.
    """

    _name = "law.gdpr.retention.policy"
    _description = "Retention Policy"
    _order = "sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    category = fields.Selection(
        DATA_CATEGORIES,
        string="Data Category",
        required=True,
        help="The kind of data the policy is about; statutory periods differ by kind.",
    )
    model_name = fields.Char(
        string="Model", required=True, help="Technical name, e.g. project.project."
    )
    domain = fields.Char(default="[]", required=True, help="Which records of the model it covers.")
    date_field = fields.Char(
        string="Start Event Field",
        required=True,
        help="The date field the period runs from, e.g. date_closed of a matter.",
    )
    from_year_end = fields.Boolean(
        string="From End of Financial Year",
        help="The period runs from the end of the calendar year of the start date.",
    )
    period_years = fields.Integer(string="Years")
    period_months = fields.Integer(string="Months")
    action = fields.Selection(
        RETENTION_ACTIONS,
        required=True,
        default="archive",
        help="What happens to a record when its period is over. Records under a legal "
        "hold are skipped.",
    )
    legal_basis = fields.Text(
        string="Legal Basis of the Period", required=True, help="The statute or practice behind it."
    )
    needs_approval = fields.Boolean(
        default=True, help="Each run waits for a compliance officer's approval."
    )
    batch_size = fields.Integer(
        default=200,
        required=True,
        help="Records handled per committed batch; a run stopped halfway carries on "
        "where it left off.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    run_ids = fields.One2many("law.gdpr.retention.run", "policy_id", string="Runs")
    due_count = fields.Integer(string="Due Now", compute="_compute_due_count")

    @api.constrains("model_name", "domain", "date_field", "action", "active", "batch_size")
    def _check_target(self):
        for policy in self.filtered("active"):
            if policy.model_name not in self.env:
                raise ValidationError(
                    self.env._(
                        "Model %(model)s is not installed: install it or archive the policy "
                        "%(policy)s.",
                        model=policy.model_name,
                        policy=policy.name,
                    )
                )
            field = self.env[policy.model_name]._fields.get(policy.date_field)
            if not field or field.type not in ("date", "datetime") or not field.store:
                raise ValidationError(
                    self.env._(
                        "The start event field must be a stored date field of %(model)s.",
                        model=policy.model_name,
                    )
                )
            try:
                self.env[policy.model_name].search_count(policy._record_domain(), limit=1)
            except Exception as error:
                raise ValidationError(
                    self.env._("The domain of %(policy)s is not valid.", policy=policy.name)
                ) from error
            Model = self.env[policy.model_name]
            if policy.action == "anonymise" and policy.model_name != "res.partner":
                raise ValidationError(self.env._("Only persons (contacts) can be anonymised."))
            if policy.action == "restrict" and policy.model_name != "res.partner":
                raise ValidationError(self.env._("Only persons (contacts) can be restricted."))
            if policy.action == "archive" and not (
                policy.model_name in ARCHIVE_METHODS or Model._active_name
            ):
                raise ValidationError(
                    self.env._("Records of %(model)s cannot be archived.", model=policy.model_name)
                )
            if policy.batch_size < 1:
                raise ValidationError(self.env._("The batch size must be at least 1."))

    def _record_domain(self):
        return Domain(safe_eval(self.domain or "[]"))

    def _due_domain(self, today=None):
        """Covered, past the period, not under a legal hold, not yet acted on."""
        self.ensure_one()
        last_start = last_due_start(
            today or fields.Date.today(), self.period_years, self.period_months, self.from_year_end
        )
        domain = (
            self._record_domain()
            & Domain(self.date_field, "<", fields.Date.add(last_start, days=1))
            & self.env["law.gdpr.hold"]._exclusion_domain(self.model_name)
        )
        if self.action == "restrict":
            domain &= Domain("law_gdpr_restricted", "=", False)
        return domain

    def _due_records(self):
        # sudo: the cron and the compliance officer's preview see what the
        # policy covers whatever their own matter access; only compliance
        # reaches policies, and the preview shows record names only.
        return self.env[self.model_name].sudo().search(self._due_domain(), order="id")

    def _compute_due_count(self):
        for policy in self:
            policy.due_count = (
                policy.env[policy.model_name].sudo().search_count(policy._due_domain())
                if policy.active and policy.model_name in self.env
                else 0
            )

    def action_preview(self):
        """Dry run: the records the policy would act on today. Nothing is done."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Due under %(policy)s", policy=self.name),
            "res_model": self.model_name,
            "view_mode": "list,form",
            "domain": [("id", "in", self._due_records().ids)],
            "context": {"create": False, "edit": False, "delete": False},
        }

    def _act(self, records):
        """Carry out the policy's action on ``records`` (already known due)."""
        if self.action == "archive":
            getattr(records, ARCHIVE_METHODS.get(records._name, "action_archive"))()
        elif self.action == "restrict":
            records.with_context(law_gdpr_logged_by_policy=True)._law_gdpr_restrict(
                self.env._("Retention policy: %s", self.name)
            )
        elif self.action == "delete":
            records.unlink()
        elif self.action == "anonymise":
            self.env["law.gdpr.anonymiser"]._anonymise_partners(records, policy=self)

    @api.model
    def _cron_apply_retention(self):
        """Open a run per policy with due records, then work the approved runs."""
        cron = self.env["ir.cron"]
        Run = self.env["law.gdpr.retention.run"]
        for policy in self.search([("active", "=", True)]):
            if not Run.search_count(
                [("policy_id", "=", policy.id), ("state", "in", ("to_approve", "approved"))]
            ):
                Run._open(policy)
                cron._commit_progress()
        for run in Run.search([("state", "=", "approved")], order="id"):
            if not run._work(cron):
                break
