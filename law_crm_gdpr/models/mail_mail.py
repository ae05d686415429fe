from odoo import fields, models


class MailMail(models.Model):
    """A mailing email cancelled because the person has no valid legal basis
    for the mailing's purpose, withdrew consent or objected (GDPR Art. 6, 7, 21)."""

    _inherit = "mail.mail"

    failure_type = fields.Selection(
        selection_add=[("law_gdpr_no_basis", "No Valid Legal Basis or Objected (GDPR)")]
    )
