from odoo import fields, models


class LawPartnerOtherName(models.Model):
    """Another name a party is or was known by.

    Conflict checks must find a company under its former name and a person
    under a maiden or trade name, so these names are searchable (trigram).
    """

    _name = "law.partner.other.name"
    _description = "Other Name of a Party"
    _order = "partner_id, kind, name"

    partner_id = fields.Many2one("res.partner", required=True, index=True, ondelete="cascade")
    name = fields.Char(required=True, index="trigram")
    kind = fields.Selection(
        [
            ("alias", "Also Known As"),
            ("former", "Former Name"),
            ("trade", "Trade Name"),
        ],
        required=True,
        default="alias",
    )
    valid_until = fields.Date(help="When a former name stopped being used.")
