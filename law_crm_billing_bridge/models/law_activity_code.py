from odoo import fields, models


class LawActivityCode(models.Model):
    """What the time was spent on (meeting, drafting, court, travel ...):
    the firm's own list, used to group invoices and report on work."""

    _name = "law.activity.code"
    _description = "Activity Code"
    _order = "sequence, code"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    billable = fields.Boolean(
        default=True, help="Time recorded with this code is billable unless changed on the line."
    )
    active = fields.Boolean(default=True)

    _code_unique = models.Constraint("UNIQUE(code)", "An activity code must be unique.")
