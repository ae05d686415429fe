from odoo import fields, models


class LawGdprPurpose(models.Model):
    """A purpose for which the firm processes personal data (GDPR Art. 5(1)(b)).

    Legal bases, consents and objections are recorded per person *and*
    purpose: a client may have consented to the newsletter and objected to
    event invitations. The Art. 30 record lists the purposes it covers.
    """

    _name = "law.gdpr.purpose"
    _description = "Processing Purpose"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    is_marketing = fields.Boolean(
        string="Direct Marketing",
        help="Mailings for this purpose are sent only to persons with a valid legal "
        "basis who have not objected (Art. 21(2)).",
    )
    active = fields.Boolean(default=True)

    _name_unique = models.Constraint("UNIQUE(name)", "A purpose with this name already exists.")
