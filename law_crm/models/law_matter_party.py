from odoo import api, fields, models

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

    @api.model_create_multi
    def create(self, vals_list):
        """A party added to an open matter is checked at once; the matter is
        flagged (conflict check required) until a partner decides."""
        parties = super().create(vals_list)
        parties._law_check_on_open_matter()
        return parties

    def write(self, vals):
        res = super().write(vals)
        if {"partner_id", "role"} & vals.keys():
            self._law_check_on_open_matter()
        return res

    def _law_check_on_open_matter(self):
        for matter, parties in (
            self.filtered(lambda p: p.matter_id.state == "open").grouped("matter_id").items()
        ):
            self.env["law.conflict.check"]._create_and_run(
                [(party.partner_id, party.role) for party in parties], matter=matter
            )
