from odoo import fields, models

PARTY_ROLES = [
    ("client", "Client"),
    ("counterparty", "Counterparty"),
    ("opposing_counsel", "Counterparty's Lawyer"),
    ("court", "Court"),
    ("witness", "Witness"),
    ("expert", "Expert"),
    ("authority", "Authority"),
    ("related", "Related Party"),
    ("other", "Other"),
]


class LawMatterParty(models.Model):
    """A person or organisation and the role it plays in one matter.

    Parties are what the conflict-of-interest check searches, so every person
    involved in a matter belongs here, not in free text.
    """

    _name = "law.matter.party"
    _description = "Matter Party"
    _inherit = ["law.matter.record.mixin"]
    _order = "matter_id, sequence, id"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner", string="Party", required=True, index=True, ondelete="restrict"
    )
    role = fields.Selection(PARTY_ROLES, required=True, default="counterparty")
    sequence = fields.Integer(default=10)
    note = fields.Text()
    matter_state = fields.Selection(related="matter_id.state", string="Matter Status")

    _party_role_unique = models.Constraint(
        "UNIQUE(matter_id, partner_id, role)",
        "This party already has this role on the matter.",
    )

    def _compute_display_name(self):
        roles = dict(self._fields["role"]._description_selection(self.env))
        for party in self:
            party.display_name = f"{party.partner_id.display_name} ({roles.get(party.role, '')})"
