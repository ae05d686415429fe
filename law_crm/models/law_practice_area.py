from odoo import fields, models


class LawPracticeArea(models.Model):
    """A field of law the firm practises (family, employment, real estate...).

    Used to group matters for reporting and to route work to the right team.
    """

    _name = "law.practice.area"
    _description = "Practice Area"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Short code used in reports, e.g. FAM or ARB.")
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)

    _name_unique = models.Constraint(
        "UNIQUE(name)",
        "A practice area with this name already exists.",
    )
