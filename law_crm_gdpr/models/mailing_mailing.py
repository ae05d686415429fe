from odoo import fields, models


class MailingMailing(models.Model):
    """A newsletter goes only to people with a valid legal basis for its purpose.

    The purpose (direct marketing by default) is handed to the mass-mail
    composer, which cancels the emails of people without a valid basis, who
    withdrew consent or objected (see ``mail.compose.message`` in this addon),
    on top of ``mass_mailing``'s own opt-out and blacklist.
    """

    _inherit = "mailing.mailing"

    law_gdpr_purpose_id = fields.Many2one(
        "law.gdpr.purpose",
        string="Mailing Purpose",
        default=lambda self: self.env.ref(
            "law_crm_gdpr.purpose_marketing", raise_if_not_found=False
        ),
        help="Recipients without a valid legal basis for this purpose, or who objected "
        "to it, are skipped. A list subscriber counts only through a contact with the "
        "same email address that has such a basis, e.g. a consent.",
    )

    def _get_mass_mailing_context(self):
        context = super()._get_mass_mailing_context()
        if self.law_gdpr_purpose_id:
            # Without one, the composer's default purpose (direct marketing) holds.
            context["default_law_gdpr_purpose_id"] = self.law_gdpr_purpose_id.id
        return context
