from odoo import fields, models

DEADLINE_UNITS = [
    ("hours", "Hours"),
    ("days", "Days"),
    ("weeks", "Weeks"),
    ("months", "Months"),
    ("years", "Years"),
]
CRITICALITY = [("normal", "Normal"), ("critical", "Critical")]


class LawDeadlineRule(models.Model):
    """A statutory or customary deadline the firm computes the same way every
    time (e.g. civil appeal: 1 month from service, suspended in court recess).

    Shipped with the catalogue of the Norwegian rules; firms add their own.
    """

    _name = "law.deadline.rule"
    _description = "Deadline Rule"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, index=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    amount = fields.Integer(string="Length", required=True)
    unit = fields.Selection(DEADLINE_UNITS, required=True, default="days")
    trigger_description = fields.Char(
        string="Runs From", translate=True, help="The event the deadline runs from."
    )
    law_reference = fields.Char(
        string="Legal Basis", help="Act and section, e.g. tvisteloven § 29-5."
    )
    recess_suspends = fields.Boolean(
        string="Suspended in Court Recess",
        help="The deadline does not run during court recess (domstolloven § 140).",
    )
    criticality = fields.Selection(
        CRITICALITY,
        default="normal",
        required=True,
        help="Critical deadlines must be confirmed by a second person.",
    )
    note = fields.Text(translate=True)

    _code_unique = models.Constraint(
        "UNIQUE(code)", "A deadline rule with this code already exists."
    )
    _amount_positive = models.Constraint(
        "CHECK(amount >= 0)", "The length of a deadline cannot be negative."
    )
