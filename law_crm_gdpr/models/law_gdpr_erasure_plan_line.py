from odoo import api, fields, models
from odoo.exceptions import UserError

LINE_CATEGORIES = [
    ("person", "The Person's Own Data"),
    ("records", "Records About the Person"),
    ("hold", "Under Legal Hold"),
    ("case_file", "Case File"),
    ("billing_primary", "Primary Bookkeeping Documentation"),
    ("aml", "AML Due-Diligence Records"),
]
# How many record names a line shows the compliance officer.
PREVIEW = 5


class LawGdprErasurePlanLine(models.Model):
    """One part of an erasure plan: records of one model, erased now or kept
    under one obligation until one date. Only model, ids and counts are
    stored: the names shown are read when the officer looks."""

    _name = "law.gdpr.erasure.plan.line"
    _description = "Erasure Plan Line"
    _order = "plan_id, decision desc, res_model, id"

    plan_id = fields.Many2one(
        "law.gdpr.erasure.plan", required=True, index=True, ondelete="cascade"
    )
    res_model = fields.Char(string="Model", required=True, readonly=True)
    model_label = fields.Char(string="What", compute="_compute_model_label")
    record_ids = fields.Text(string="Record Ids", readonly=True)
    record_count = fields.Integer(string="Records", compute="_compute_record_count", store=True)
    records_preview = fields.Text(string="Record Names", compute="_compute_records_preview")
    category = fields.Selection(LINE_CATEGORIES, required=True, readonly=True)
    decision = fields.Selection(
        [("erase", "Erase Now"), ("keep", "Keep")], required=True, readonly=True, index=True
    )
    obligation = fields.Text(
        string="Kept Under",
        readonly=True,
        help="The statute, retention policy or legal hold the records are kept under.",
    )
    policy_id = fields.Many2one("law.gdpr.retention.policy", readonly=True, ondelete="restrict")
    hold_id = fields.Many2one(
        "law.gdpr.hold", string="Legal Hold", readonly=True, index="btree_not_null"
    )
    keep_until = fields.Date(
        string="Kept Until",
        readonly=True,
        index="btree_not_null",
        help="Erased by the cron on the day after. Empty: until the matter is closed, the "
        "relationship ends or the hold is released.",
    )
    partner_fields = fields.Char(
        string="Person's Fields Needed",
        readonly=True,
        help="Fields of the person the kept records need; * for all.",
    )
    minimise = fields.Boolean(
        readonly=True,
        help="Identifying data the kept records do not need is removed from them now.",
    )
    state = fields.Selection(
        [("pending", "Pending"), ("done", "Erased")], default="pending", required=True, index=True
    )

    @api.depends("record_ids")
    def _compute_record_count(self):
        for line in self:
            line.record_count = len(line._ids_list())

    def _compute_model_label(self):
        names = {model.model: model.name for model in self.env["ir.model"].sudo().search([])}
        for line in self:
            line.model_label = names.get(line.res_model, line.res_model)

    def _ids_list(self):
        self.ensure_one()
        return [int(rid) for rid in (self.record_ids or "").split(",") if rid]

    def _compute_records_preview(self):
        for line in self:
            if line.res_model not in self.env:
                line.records_preview = False
                continue
            ids = line._ids_list()
            # sudo: names for the compliance officer reviewing the plan (lines
            # are compliance-only); records already erased say so.
            records = self.env[line.res_model].sudo().with_context(active_test=False)
            names = [r.display_name or str(r.id) for r in records.browse(ids[:PREVIEW]).exists()]
            if len(ids) > PREVIEW:
                names.append(self.env._("… and %(count)s more", count=len(ids) - PREVIEW))
            line.records_preview = "\n".join(names)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(line.plan_id.state != "draft" for line in self):
            raise UserError(self.env._("The lines of an executed erasure plan are its record."))
