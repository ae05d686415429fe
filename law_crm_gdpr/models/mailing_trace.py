from odoo import fields, models


class MailingTrace(models.Model):
    """A newsletter's trace says why a person was skipped: no valid legal
    basis, consent withdrawn, or objected (GDPR Art. 6, 7, 21)."""

    _inherit = "mailing.trace"

    failure_type = fields.Selection(
        selection_add=[("law_gdpr_no_basis", "No Valid Legal Basis or Objected (GDPR)")]
    )
