from odoo import fields, models


class LawMatterEventType(models.Model):
    """A kind of event in a case that starts deadlines (e.g. "judgment served"
    starts the appeal period). The trigger chain is its list of rules."""

    _name = "law.matter.event.type"
    _description = "Matter Event Type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    rule_ids = fields.Many2many(
        "law.deadline.rule",
        string="Deadlines It Starts",
        help="Each rule becomes a deadline on the matter, running from the event's date.",
    )
