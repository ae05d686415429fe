from odoo import api, fields, models


class MailComposeMessage(models.TransientModel):
    """Mass mailing to contacts honours legal basis, consent and objection.

    In mass-mail mode the sender picks the purpose of the mailing (direct
    marketing by default); persons without a valid legal basis for it, who
    withdrew their consent or who objected are listed in the composer before
    sending and their emails are cancelled with a GDPR failure reason, so the
    skip is visible both before and after sending.
    """

    _inherit = "mail.compose.message"

    law_gdpr_purpose_id = fields.Many2one(
        "law.gdpr.purpose",
        string="Mailing Purpose",
        default=lambda self: self.env.ref(
            "law_crm_gdpr.purpose_marketing", raise_if_not_found=False
        ),
        help="Recipients without a valid legal basis for this purpose, or who objected "
        "to it, are skipped.",
    )
    law_gdpr_skipped_partner_ids = fields.Many2many(
        "res.partner",
        string="Skipped (GDPR)",
        compute="_compute_law_gdpr_skipped_partner_ids",
    )
    law_gdpr_skipped_count = fields.Integer(
        string="Skipped Recipients", compute="_compute_law_gdpr_skipped_partner_ids"
    )

    @api.depends("composition_mode", "model", "res_ids", "res_domain", "law_gdpr_purpose_id")
    def _compute_law_gdpr_skipped_partner_ids(self):
        for composer in self:
            partners = composer._law_gdpr_target_partners()
            skipped = partners._law_gdpr_mailing_blocked(composer.law_gdpr_purpose_id)
            composer.law_gdpr_skipped_partner_ids = partners.browse(skipped)
            composer.law_gdpr_skipped_count = len(skipped)

    def _law_gdpr_target_partners(self):
        """The contacts a mass mailing goes to, when it goes to contacts."""
        self.ensure_one()
        partners = self.env["res.partner"]
        if self.composition_mode != "mass_mail" or self.model != "res.partner":
            return partners
        ids = self._evaluate_res_ids()
        if not ids and self.res_domain:
            # "Select all" in the list: the composer works on a domain.
            return partners.search(self._evaluate_res_domain())
        return partners.browse(ids)

    def _process_mail_values_state(self, mail_values_dict):
        mail_values_dict = super()._process_mail_values_state(mail_values_dict)
        if self.model != "res.partner" or not self.law_gdpr_purpose_id:
            return mail_values_dict
        partners = self.env["res.partner"].browse(list(mail_values_dict))
        for partner_id in partners._law_gdpr_mailing_blocked(self.law_gdpr_purpose_id):
            values = mail_values_dict[partner_id]
            values["state"] = "cancel"
            values["failure_type"] = "law_gdpr_no_basis"
            # As for the blacklist: nothing is posted in the person's chatter.
            values["is_notification"] = False
        return mail_values_dict
