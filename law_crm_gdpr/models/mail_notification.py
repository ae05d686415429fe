from odoo import fields, models


class MailNotification(models.Model):
    """Same reason as on mail.mail, which copies its failure type here."""

    _inherit = "mail.notification"

    failure_type = fields.Selection(
        selection_add=[("law_gdpr_no_basis", "No Valid Legal Basis or Objected (GDPR)")]
    )
