from odoo import api, fields, models
from odoo.exceptions import UserError

from .law_matter_party import PARTY_ROLES

HIT_REASONS = [
    ("org_number", "Same Organisation Number"),
    ("national_id", "Same National Identity Number"),
    ("name", "Similar Name"),
    ("alias", "Similar Other Name"),
    ("family", "Corporate Family"),
]

HIT_ROLES = [*PARTY_ROLES, ("prospect", "Prospect"), ("contact", "Contact Only")]

CLASSIFICATIONS = [
    ("direct", "Direct Conflict"),
    ("potential", "Potential Conflict"),
    ("none", "No Conflict"),
]


class LawConflictHit(models.Model):
    """What a conflict check found: one contact, in one role, in one matter.

    Written once when the check runs and never changed. A hit in a matter or
    on a person that the user who ran the check may not see is stored
    *redacted*: no contact, no matter, no names, only the classification and
    whom to ask. Unredacted hits point at their matter and contact, and the
    record rule shows them only to users who may see both, so a hit never
    tells anyone more than the matter itself would.
    """

    _name = "law.conflict.hit"
    _description = "Conflict Check Hit"
    _order = "check_id, classification_rank, score desc, id"
    _rec_name = "summary"

    check_id = fields.Many2one("law.conflict.check", required=True, index=True, ondelete="cascade")
    subject_id = fields.Many2one("law.conflict.subject", index=True, ondelete="cascade")
    partner_id = fields.Many2one("res.partner", string="Contact", index=True)
    matter_id = fields.Many2one("project.project", index=True)
    role = fields.Selection(HIT_ROLES, string="Role in Matter")
    matter_state = fields.Selection(
        [("open", "Open"), ("closed", "Closed")],
        help="Intake and open matters are open; closed and archived ones are "
        "closed (a former client).",
    )
    reason = fields.Selection(HIT_REASONS, string="Why It Matched")
    score = fields.Float(
        digits=(3, 2), help="Name similarity, 0 to 1 (1 for the same identity number)."
    )
    matched_name = fields.Char(help="The name or other name that matched.")
    family_partner_id = fields.Many2one(
        "res.partner",
        string="Through",
        help="For a corporate-family hit: the company found by the search, "
        "whose parent, subsidiary or commercial entity holds the role.",
    )
    classification = fields.Selection(
        CLASSIFICATIONS,
        required=True,
        help="Direct: acting against an existing client in an open matter. Potential: "
        "against a former client or a prospect, or through a related company; a "
        "partner judges it (Regler for god advokatskikk 3.2).",
    )
    classification_rank = fields.Integer(
        help="0 direct, 1 potential, 2 none: orders the worst hits first."
    )
    restricted = fields.Boolean(
        help="The hit is in a matter or on a person the user who ran the check "
        "may not see: details withheld."
    )
    contact_user_id = fields.Many2one(
        "res.users",
        string="Contact About Hit",
        help="Whom to ask about a restricted hit: the matter's responsible "
        "lawyer, or nobody, meaning compliance.",
    )
    summary = fields.Char(
        help="What the hit means, written for the user who ran the check when it ran."
    )

    def write(self, vals):
        if not self.env.su:
            raise UserError(self.env._("The hits of a conflict check cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("The hits of a conflict check cannot be deleted."))
