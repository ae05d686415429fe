from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from ..retention_period import kept_until
from .law_gdpr_anonymiser import ALL_FIELDS, BOOKKEEPING_FIELDS

PLAN_STATES = [
    ("draft", "To Review"),
    ("kept", "Erased, Part Kept"),
    ("done", "Erased"),
]
# Documents whose own retention decides for everything hanging off them.
ROOT_MODELS = ("account.move", "law.kyc", "project.project")


class LawGdprErasurePlan(models.Model):
    """What erasing one person means (GDPR Art. 17): what goes now, what is
    kept under which obligation, until when.

    Computed from the person's data as the export discovers it. Kept are:
    everything under a legal hold (on the person, or on a matter), the
    person's own case files while their matter is open and for the case-file
    retention period after closing, posted invoices (bokføringsloven § 13) and
    customer due diligence (hvitvaskingsloven § 30) for the periods of their
    retention policies, each with what hangs off it. Everything else is
    anonymised or deleted when the compliance officer executes the plan; the
    person is then restricted (Art. 18) while anything is kept, and the cron
    erases each kept part on the day after its date (or when its hold is
    released). The plan holds model names, counts and record ids only, never
    the person's data, so it can stay as the record of what was done.
    """

    _name = "law.gdpr.erasure.plan"
    _description = "Erasure Plan"
    _order = "id desc"

    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
    )
    request_id = fields.Many2one(
        "law.gdpr.request",
        index="btree_not_null",
        ondelete="restrict",
        readonly=True,
        domain=[("kind", "=", "erasure")],
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        PLAN_STATES, default="draft", required=True, readonly=True, index=True, copy=False
    )
    computed_at = fields.Datetime(readonly=True)
    executed_at = fields.Datetime(readonly=True)
    executed_by_id = fields.Many2one("res.users", readonly=True)
    line_ids = fields.One2many("law.gdpr.erasure.plan.line", "plan_id", string="Plan")
    erase_count = fields.Integer(string="Records Erased Now", compute="_compute_counts")
    keep_count = fields.Integer(string="Records Kept", compute="_compute_counts")
    next_erasure_date = fields.Date(
        compute="_compute_counts",
        help="The next day on which a kept part is erased by the cron.",
    )

    @api.depends("line_ids.decision", "line_ids.record_count", "line_ids.keep_until")
    def _compute_counts(self):
        for plan in self:
            erase = plan.line_ids.filtered(lambda line: line.decision == "erase")
            keep = plan.line_ids - erase
            plan.erase_count = sum(erase.mapped("record_count"))
            plan.keep_count = sum(keep.mapped("record_count"))
            dates = [
                line.keep_until
                for line in keep
                if line.state == "pending" and line.keep_until and line.category != "person"
            ]
            plan.next_erasure_date = min(dates) if dates else False

    @api.depends("partner_id")
    def _compute_display_name(self):
        for plan in self:
            plan.display_name = self.env._("Erasure plan %(id)s", id=plan.id or "")

    # -- Computing ----------------------------------------------------------------

    @api.model
    def _policy(self, category, model_name):
        # sudo: the periods of the firm's policies (archived ones too) are
        # read to date what is kept; only compliance reaches plans.
        return (
            self.env["law.gdpr.retention.policy"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [("category", "=", category), ("model_name", "=", model_name)],
                order="active desc, sequence, id",
                limit=1,
            )
        )

    @staticmethod
    def _until(policy, record):
        start = record[policy.date_field] if policy and policy.date_field in record else False
        if not start:
            return False
        start = fields.Date.to_date(start)
        return kept_until(start, policy.period_years, policy.period_months, policy.from_year_end)

    @staticmethod
    def _keep(
        category, policy=None, until=False, hold=None, obligation="", needs=(), minimise=False
    ):
        """The values of a group of records kept under one duty."""
        return {
            "category": category,
            "decision": "keep",
            "policy_id": policy.id if policy else False,
            "hold_id": hold.id if hold else False,
            "keep_until": until,
            "obligation": obligation,
            "partner_fields": ",".join(sorted(needs)),
            "minimise": minimise,
        }

    def _root_decisions(self, env, found, holds):
        """{(model, id): group} for the documents whose retention decides."""
        today = fields.Date.context_today(self)
        roots = self._matter_roots(env, found, holds, today)
        if "account.move" in env and found.get("account.move"):
            roots.update(self._invoice_roots(env, found["account.move"], today))
        if found.get("law.kyc"):
            roots.update(self._kyc_roots(env, found["law.kyc"], today))
        return roots

    def _matter_roots(self, env, found, holds, today):
        """Held matters, and the person's own matters while they run or their
        case file is kept."""
        partner = self.partner_id
        held_matters = {hold.matter_id.id: hold for hold in holds if hold.matter_id}
        roots = {}
        case_policy = self._policy("case_file", "project.project")
        for matter in env["project.project"].browse(found.get("project.project", [])):
            if matter.id in held_matters or not (matter.is_matter and matter.partner_id == partner):
                continue
            if matter.state == "closed" and matter.date_closed:
                until = self._until(case_policy, matter)
                if until and until < today:
                    continue
                obligation = case_policy.legal_basis if case_policy else ""
            else:
                until = False
                obligation = self.env._(
                    "The person's own matter is not closed: the case file is kept "
                    "while the matter runs (GDPR Art. 17(3)(e))."
                )
            roots["project.project", matter.id] = self._keep(
                "case_file", case_policy, until, obligation=obligation, needs=ALL_FIELDS
            )
        # Held matters, whether the person is their client or only a party.
        for matter_id, hold in held_matters.items():
            roots["project.project", matter_id] = self._keep(
                "hold",
                hold=hold,
                obligation=self.env._("Legal hold on the matter (GDPR Art. 17(3)(e))"),
                needs=ALL_FIELDS,
            )
        return roots

    def _invoice_roots(self, env, move_ids, today):
        """Posted accounting entries until the end of their bookkeeping period."""
        roots = {}
        policy = self._policy("billing_primary", "account.move")
        for move in env["account.move"].browse(move_ids):
            if move.state != "posted":
                continue
            until = self._until(policy, move) if policy else False
            if until and until < today:
                continue
            roots["account.move", move.id] = self._keep(
                "billing_primary",
                policy,
                until,
                obligation=policy.legal_basis
                if policy
                else self.env._("Posted accounting entry (bokføringsloven § 13)"),
                needs=BOOKKEEPING_FIELDS,
                minimise=True,
            )
        return roots

    def _kyc_roots(self, env, kyc_ids, today):
        """Customer due diligence until 5 years after the relationship ended."""
        roots = {}
        policy = self._policy("aml", "law.kyc")
        for kyc in env["law.kyc"].browse(kyc_ids):
            until = self._until(policy, kyc)
            if until and until < today:
                continue
            obligation = policy.legal_basis if policy else ""
            if not kyc.date_relationship_end:
                obligation = self.env._(
                    "The client relationship has not ended: due diligence is kept until "
                    "5 years after it ends (hvitvaskingsloven § 30). Enter the end date "
                    "on the record."
                )
            roots["law.kyc", kyc.id] = self._keep("aml", policy, until, obligation=obligation)
        return roots

    def _decide(self, env, found, roots):
        """{(model, id): group} for every record found: its root's group when it
        hangs off a kept document, else erased."""
        Export = env["law.gdpr.export"]
        decisions = dict(roots)
        kept_matters = {rid for (model, rid) in roots if model == "project.project"}
        for model_name, ids in found.items():
            model = env[model_name]
            link = Export._document_link(model)
            parents = {}
            if link:
                model_field, id_field = link
                for row in model.browse(ids).read([model_field, id_field], load=None):
                    parents[row["id"]] = (row[model_field], row[id_field])
            cascades = [
                name
                for name, field in model._fields.items()
                if field.type == "many2one"
                and field.store
                and field.comodel_name in ROOT_MODELS
                and field.comodel_name != model_name
            ]
            values = {}
            if cascades:
                for row in model.browse(ids).read(cascades, load=None):
                    values[row["id"]] = [
                        (model._fields[name].comodel_name, row[name])
                        for name in cascades
                        if row[name]
                    ]
            matters = {}
            if kept_matters:
                matters = Export._matters_of(model_name, ids)
            for record_id in ids:
                key = (model_name, record_id)
                if key in decisions:
                    continue
                candidates = []
                if record_id in parents:
                    candidates.append(parents[record_id])
                candidates += values.get(record_id, [])
                matter = matters.get(record_id)
                if matter:
                    candidates.append(("project.project", matter.id))
                for candidate in candidates:
                    if candidate in roots:
                        decisions[key] = roots[candidate]
                        break
        return decisions

    def _compute_plan(self):
        """(Re)compute the lines from what the person has now."""
        self.ensure_one()
        if self.state != "draft":
            raise UserError(self.env._("Only a plan to review can be computed again."))
        partner = self.partner_id
        # sudo: the plan must see past need-to-know (Art. 17 covers every
        # file); only compliance can create a plan, whose lines hold model
        # names, counts and ids.
        env = self.sudo().with_context(active_test=False).env
        found = env["law.gdpr.export"].new({"partner_id": partner.id})._discover()
        # Records naming the person in their text only, near what was found.
        mentions = env["law.gdpr.anonymiser"]._mentions(partner, found)
        for model_name, ids in mentions.items():
            found[model_name] = sorted(set(found.get(model_name, ())) | ids)
        found = {
            model: ids
            for model, ids in found.items()
            if model in env and model not in (self._name, "law.gdpr.erasure.plan.line")
        }
        # The export leaves its own records out of discovery; their archives are hers.
        exports = env["law.gdpr.export"].search([("partner_id", "=", partner.id)])
        if exports:
            found["law.gdpr.export"] = exports.ids
        holds = env["law.gdpr.hold"].search([("state", "=", "active")])
        person_holds = holds.filtered(lambda h: h.partner_id == partner)
        if person_holds:
            hold = person_holds[0]
            everything = {
                "category": "hold",
                "decision": "keep",
                "hold_id": hold.id,
                "obligation": self.env._("Legal hold on the person (GDPR Art. 17(3)(e))"),
                "partner_fields": "*",
            }
            decisions = {(model, rid): everything for model, ids in found.items() for rid in ids}
        else:
            roots = self._root_decisions(env, found, holds)
            decisions = self._decide(env, found, roots)

        groups = defaultdict(list)
        for model_name, ids in found.items():
            for record_id in ids:
                decision = decisions.get((model_name, record_id))
                key = tuple(sorted(decision.items())) if decision else None
                groups[model_name, key].append(record_id)
        lines = []
        for (model_name, key), ids in sorted(groups.items(), key=lambda item: item[0][0]):
            vals = dict(key) if key else {"category": "records", "decision": "erase"}
            lines.append(
                {**vals, "res_model": model_name, "record_ids": ",".join(map(str, sorted(ids)))}
            )
        # The person: what is kept of them is what the kept records need.
        kept_vals = [dict(key) for (_model, key) in groups if key]
        needs = set()
        for vals in kept_vals:
            needs.update(filter(None, (vals.get("partner_fields") or "").split(",")))
        person = {"res_model": "res.partner", "record_ids": str(partner.id), "category": "person"}
        if person_holds or "*" in needs:
            lines.append(
                {
                    **person,
                    "decision": "keep",
                    "partner_fields": "*",
                    "hold_id": person_holds[:1].id,
                    "obligation": self.env._(
                        "Kept as is, restricted, while records kept whole name the person."
                    ),
                }
            )
        else:
            lines.append({**person, "decision": "erase"})
            if needs:
                dates = [vals.get("keep_until") for vals in kept_vals]
                lines.append(
                    {
                        **person,
                        "decision": "keep",
                        "partner_fields": ",".join(sorted(needs)),
                        "keep_until": max(dates) if all(dates) else False,
                        "obligation": self.env._(
                            "Name and address kept, restricted, for the posted invoices."
                        ),
                    }
                )
        self.line_ids.unlink()
        self.write(
            {
                "line_ids": [fields.Command.create(vals) for vals in lines],
                "computed_at": fields.Datetime.now(),
            }
        )
        self.env["law.gdpr.log"]._append("erasure_planned", self, request=self.request_id)

    # -- Actions -------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        plans = super().create(vals_list)
        for plan in plans:
            plan._compute_plan()
        return plans

    def action_compute(self):
        for plan in self:
            plan._compute_plan()
        return True

    def action_execute(self):
        """Recompute (so that nothing added since is missed), then erase what
        is not kept, restrict the person while anything is kept."""
        for plan in self:
            if plan.state != "draft":
                raise UserError(self.env._("This erasure plan has already been executed."))
            plan.check_access("write")
            plan._compute_plan()
            plan._apply(plan.line_ids.filtered(lambda line: line.decision == "erase"))
            plan.write({"executed_at": fields.Datetime.now(), "executed_by_id": self.env.uid})
            self.env["law.gdpr.log"]._append("erasure_executed", plan, request=plan.request_id)
            kept = plan.line_ids.filtered(lambda line: line.decision == "keep")
            for line in kept:
                self.env["law.gdpr.log"]._append(
                    "erasure_kept",
                    self.env[line.res_model].browse(line._ids_list()),
                    request=plan.request_id,
                    hold=line.hold_id,
                    policy=line.policy_id,
                )
            if kept:
                # sudo: restricting is the compliance officer's decision here;
                # only the restriction fields are written.
                plan.partner_id.sudo().with_context(active_test=False)._law_gdpr_restrict(
                    self.env._(
                        "Erasure plan %(plan)s: records kept under a statutory duty or legal "
                        "hold until their date.",
                        plan=plan.id,
                    )
                )
            if plan.request_id:
                plan.request_id.action_taken = self.env._(
                    "Erasure plan %(plan)s executed on %(date)s: %(erased)s records erased, "
                    "%(kept)s kept until their date.",
                    plan=plan.id,
                    date=fields.Date.context_today(self),
                    erased=plan.erase_count,
                    kept=plan.keep_count,
                )
        return True

    def _apply(self, due_lines):
        """Erase ``due_lines`` now, leaving the plan's other pending kept lines."""
        self.ensure_one()
        pending = self.line_ids.filtered(lambda line: line.state == "pending")
        remaining = pending.filtered(lambda line: line.decision == "keep") - due_lines
        found, kept, minimised = defaultdict(set), defaultdict(set), defaultdict(set)
        keep_fields = set()
        for line in due_lines:
            found[line.res_model].update(line._ids_list())
        for line in remaining:
            kept[line.res_model].update(line._ids_list())
            if line.category != "person" or line.hold_id:
                keep_fields.update(filter(None, (line.partner_fields or "").split(",")))
            if line.minimise:
                minimised[line.res_model].update(line._ids_list())
        # sudo: erasure runs firm-wide; only compliance executes plans and
        # the cron acts on executed plans.
        partner = self.partner_id.sudo().with_context(active_test=False)
        self.env["law.gdpr.anonymiser"]._anonymise(
            partner,
            {model: sorted(ids) for model, ids in found.items()},
            kept=kept,
            keep_fields=frozenset(keep_fields),
            minimised=minimised,
            request=self.request_id,
        )
        due_lines.write({"state": "done"})
        self.state = "kept" if remaining else "done"

    @api.model
    def _cron_erase_due(self):
        """Erase the kept parts whose date has passed or whose hold is released."""
        today = fields.Date.context_today(self)
        Line = self.env["law.gdpr.erasure.plan.line"]
        due = Line.search(
            Domain("plan_id.state", "=", "kept")
            & Domain("decision", "=", "keep")
            & Domain("state", "=", "pending")
            & Domain("category", "!=", "person")
            & (
                Domain("keep_until", "<", today)
                | (Domain("hold_id", "!=", False) & Domain("hold_id.state", "=", "released"))
            )
        )
        plans = due.plan_id
        cron = self.env["ir.cron"]
        cron._commit_progress(remaining=len(plans))
        for plan in plans:
            lines = due.filtered(lambda line, plan=plan: line.plan_id == plan)
            others = plan.line_ids.filtered(
                lambda line: line.decision == "keep"
                and line.state == "pending"
                and line.category != "person"
            )
            if not others - lines:
                # Nothing else is kept: the person goes too.
                lines |= plan.line_ids.filtered(
                    lambda line: line.category == "person" and line.state == "pending"
                )
            plan._apply(lines)
            if not cron._commit_progress(1):
                break
