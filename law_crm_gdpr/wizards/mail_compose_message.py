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

    def _law_gdpr_blocked_res_ids(self, res_ids):
        """Ids among ``res_ids`` (records of the composer's model) who must not
        be mailed for the purpose.

        Contacts are checked directly. Other recipients of a newsletter
        (mailing list subscribers, leads) are persons only through their email
        address: one is mailed only when a contact with that address has a valid
        basis and none objected (an objection, Art. 21, beats a consent kept on a
        duplicate contact); with none on file, the newsletter has no basis to
        reach them.
        """
        purpose = self.law_gdpr_purpose_id
        if self.model == "res.partner":
            return set(self.env["res.partner"].browse(res_ids)._law_gdpr_mailing_blocked(purpose))
        records = self.env[self.model].browse(res_ids)
        if not self.mass_mailing_id or "email_normalized" not in records._fields:
            return set()
        emails = {record.email_normalized for record in records if record.email_normalized}
        # sudo: only the decision leaves this method; a confidential person the
        # sender may not see must still count for or against the mailing.
        partners = self.env["res.partner"].sudo().search([("email_normalized", "in", list(emails))])
        blocked = set(partners._law_gdpr_mailing_blocked(purpose))
        objected = set(partners._law_gdpr_objected(purpose))
        allowed = {p.email_normalized for p in partners if p.id not in blocked} - {
            p.email_normalized for p in partners if p.id in objected
        }
        return {
            record.id
            for record in records
            if record.email_normalized and record.email_normalized not in allowed
        }

    def _process_mail_values_state(self, mail_values_dict):
        mail_values_dict = super()._process_mail_values_state(mail_values_dict)
        if not self.law_gdpr_purpose_id or not mail_values_dict:
            return mail_values_dict
        for res_id in self._law_gdpr_blocked_res_ids(list(mail_values_dict)):
            values = mail_values_dict[res_id]
            if values.get("state") == "cancel":
                continue  # already skipped (opted out, blacklisted): keep that reason
            values["state"] = "cancel"
            values["failure_type"] = "law_gdpr_no_basis"
            # As for the blacklist: nothing is posted in the person's chatter.
            values["is_notification"] = False
        return mail_values_dict
