from odoo import api, fields, models
from odoo.tools.sql import column_exists, create_column

from ..names import name_key
from .res_partner import fill_normalised_column


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
    name_normalised = fields.Char(
        compute="_compute_name_normalised",
        store=True,
        index="trigram",
        help="The name in the comparable form the conflict check searches.",
    )

    @api.depends("name")
    def _compute_name_normalised(self):
        for other_name in self:
            other_name.name_normalised = name_key(other_name.name)

    def _auto_init(self):
        """Fill existing rows in SQL batches when the column is added."""
        if column_exists(self.env.cr, self._table, "id") and not column_exists(
            self.env.cr, self._table, "name_normalised"
        ):
            create_column(self.env.cr, self._table, "name_normalised", "varchar")
            fill_normalised_column(self.env.cr, self._table, "name", "name_normalised")
        return super()._auto_init()
