from odoo import api, fields, models
from odoo.exceptions import ValidationError

LEGAL_BASES = [
    ("consent", "(a) Consent"),
    ("contract", "(b) Contract"),
    ("legal_obligation", "(c) Legal Obligation"),
    ("vital_interest", "(d) Vital Interests"),
    ("public_task", "(e) Public Task"),
    ("legitimate_interest", "(f) Legitimate Interests"),
]


class LawGdprLegalBasis(models.Model):
    """The legal basis (GDPR Art. 6(1)) on which the firm processes one person's
    data for one purpose, with its justification, and any objection (Art. 21).

    A basis "consent" is valid only while a consent for the same person and
    purpose is given and not withdrawn. Changes are tracked in the chatter.
    """

    _name = "law.gdpr.legal.basis"
    _description = "Legal Basis"
    _inherit = ["mail.thread"]
    _order = "partner_id, purpose_id, id desc"
    _rec_name = "purpose_id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    purpose_id = fields.Many2one(
        "law.gdpr.purpose", required=True, index=True, ondelete="restrict", tracking=True
    )
    basis = fields.Selection(LEGAL_BASES, string="Legal Basis", required=True, tracking=True)
    justification = fields.Text(
        tracking=True,
        help="Why this basis applies, e.g. the engagement letter, the statute, or the "
        "balancing test for legitimate interests.",
    )
    date_start = fields.Date(string="From", required=True, default=fields.Date.context_today)
    date_end = fields.Date(string="Until", tracking=True)
    objected_at = fields.Datetime(
        tracking=True,
        help="The person objected to this processing (Art. 21); it stops unless the "
        "firm records compelling legitimate grounds.",
    )
    objection_note = fields.Text(tracking=True)
    is_valid = fields.Boolean(
        string="Valid",
        compute="_compute_is_valid",
        help="In force today, not objected to and, for consent, backed by a consent "
        "that has not been withdrawn.",
    )

    @api.depends("basis", "date_start", "date_end", "objected_at")
    def _compute_is_valid(self):
        today = fields.Date.context_today(self)
        consented = self.env["res.partner"]._law_gdpr_consented_pairs(
            self.partner_id, self.purpose_id
        )
        for basis in self:
            basis.is_valid = (
                not basis.objected_at
                and basis.date_start <= today
                and (not basis.date_end or basis.date_end >= today)
                and (
                    basis.basis != "consent"
                    or (basis.partner_id.id, basis.purpose_id.id) in consented
                )
            )

    @api.constrains("basis", "justification")
    def _check_justification(self):
        for basis in self:
            if basis.basis != "consent" and not (basis.justification or "").strip():
                raise ValidationError(
                    self.env._(
                        "Say why the legal basis %(basis)s applies to %(person)s.",
                        basis=dict(LEGAL_BASES)[basis.basis],
                        person=basis.partner_id.display_name,
                    )
                )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for basis in self:
            if basis.date_end and basis.date_end < basis.date_start:
                raise ValidationError(self.env._("A legal basis cannot end before it starts."))

    @api.model_create_multi
    def create(self, vals_list):
        bases = super().create(vals_list)
        if bases.filtered("objected_at"):
            self.env["law.gdpr.log"]._append("objection", bases.filtered("objected_at"))
        return bases

    def write(self, vals):
        objecting = self.filtered(lambda b: not b.objected_at) if vals.get("objected_at") else None
        result = super().write(vals)
        if objecting:
            self.env["law.gdpr.log"]._append("objection", objecting)
        return result

    def action_object(self):
        """Record the person's objection (Art. 21) in one click."""
        self.filtered(lambda b: not b.objected_at).write({"objected_at": fields.Datetime.now()})
        return True
