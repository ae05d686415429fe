from odoo import fields, models


class LawMatterType(models.Model):
    """The kind of engagement (dispute, transaction, advice...).

    A type carries defaults that later steps rely on, e.g. whether anti-money
    laundering due diligence must be done before the matter may open.
    """

    _name = "law.matter.type"
    _description = "Matter Type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    practice_area_id = fields.Many2one(
        "law.practice.area",
        help="Practice area proposed for new matters of this type.",
    )
    aml_required = fields.Boolean(
        string="AML Due Diligence Required",
        help="Matters of this type need customer due diligence under the "
        "Norwegian Anti-Money Laundering Act before they are opened.",
    )
    default_confidentiality = fields.Selection(
        [("normal", "Normal"), ("confidential", "Confidential")],
        default="normal",
        required=True,
        help="Confidentiality proposed for new matters of this type.",
    )
    is_litigation = fields.Boolean(
        string="Litigation",
        help="Matters of this type are before a court or tribunal.",
    )

    _name_unique = models.Constraint(
        "UNIQUE(name)",
        "A matter type with this name already exists.",
    )
