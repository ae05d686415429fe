from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

# What may still change on a hold once placed: its release.
RELEASE_FIELDS = frozenset({"released_at", "released_by_id", "release_reason"})


class LawGdprHold(models.Model):
    """A legal hold (lovpålagt oppbevaring / rettslig pålegg) on a matter or a person.

    While a hold is in force no retention policy touches the matter, the
    person, or anything of theirs: litigation, an authority's order or a
    complaint outweighs storage limitation. Placing and releasing are logged.
    """

    _name = "law.gdpr.hold"
    _description = "Legal Hold"
    _order = "released_at desc, id desc"
    _rec_name = "reason"

    reason = fields.Text(
        required=True,
        help="Why the data must be kept: a lawsuit, an authority's order, a complaint.",
    )
    matter_id = fields.Many2one(
        "project.project",
        index="btree_not_null",
        ondelete="restrict",
        domain=[("is_matter", "=", True)],
        help="Hold the whole matter, and its client: no retention policy archives, "
        "anonymises or deletes anything of theirs until the hold is released.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        index="btree_not_null",
        ondelete="restrict",
        help="Hold one person: retention and erasure leave them and their records alone "
        "until the hold is released.",
    )
    placed_by_id = fields.Many2one(
        "res.users", required=True, readonly=True, default=lambda self: self.env.user
    )
    placed_at = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    released_at = fields.Datetime(readonly=True, index=True)
    released_by_id = fields.Many2one("res.users", readonly=True)
    release_reason = fields.Text()
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        [("active", "In Force"), ("released", "Released")],
        compute="_compute_state",
        store=True,
        index=True,
    )

    _one_subject = models.Constraint(
        "CHECK((matter_id IS NULL) != (partner_id IS NULL))",
        "A legal hold is on either a matter or a person.",
    )

    @api.depends("released_at")
    def _compute_state(self):
        for hold in self:
            hold.state = "released" if hold.released_at else "active"

    @api.model_create_multi
    def create(self, vals_list):
        holds = super().create(vals_list)
        for hold in holds:
            self.env["law.gdpr.log"]._append("hold_placed", hold, hold=hold)
        return holds

    def write(self, vals):
        if set(vals) - RELEASE_FIELDS - {"state"}:
            raise UserError(
                self.env._("A legal hold cannot be changed. Release it and place a new one.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("A legal hold cannot be deleted; release it instead."))

    def action_release(self):
        for hold in self:
            if hold.released_at:
                raise UserError(self.env._("This legal hold is already released."))
            if not (hold.release_reason or "").strip():
                raise ValidationError(self.env._("Say why the legal hold is released."))
            hold.write({"released_at": fields.Datetime.now(), "released_by_id": self.env.uid})
            self.env["law.gdpr.log"]._append("hold_released", hold, hold=hold)
        return True

    @api.model
    def _exclusion_domain(self, model_name):
        """The domain that keeps records of ``model_name`` under a hold out of
        every retention run: the held matters and persons, what hangs off them,
        matters in which a held person is client or party, and the clients and
        parties of held matters."""
        # sudo: only ids of held matters and persons are used, to exclude.
        holds = self.sudo().search_fetch([("state", "=", "active")], ["matter_id", "partner_id"])
        matters, persons = holds.matter_id.ids, holds.partner_id.ids
        Model = self.env[model_name]
        if model_name == "project.project":
            return (
                Domain("id", "not in", matters)
                & Domain("partner_id", "not in", persons)
                & Domain("party_ids", "not any", [("partner_id", "in", persons)])
            )
        if model_name == "res.partner":
            return (
                Domain("id", "not in", persons)
                & Domain("law_party_ids", "not any", [("matter_id", "in", matters)])
                & Domain("law_client_matter_ids", "not any", [("id", "in", matters)])
            )
        domain = Domain.TRUE
        if "matter_id" in Model._fields:
            domain &= Domain("matter_id", "not in", matters)
        if "partner_id" in Model._fields:
            domain &= Domain("partner_id", "not in", persons)
        return domain
