from odoo import api, fields, models
from odoo.exceptions import UserError


class LawMailMerge(models.TransientModel):
    """A mail merge to contacts is often direct marketing (a seminar
    invitation, an information letter), so, like the mass-mail composer, it
    skips the persons without a valid legal basis for its purpose, who
    withdrew their consent or who objected; by email and by letter alike, as
    an objection (Art. 21) covers all direct marketing. A merge to matters'
    clients is correspondence under the engagement and has no purpose by
    default; the sender may set or clear it either way."""

    _inherit = "law.mail.merge"

    law_gdpr_purpose_id = fields.Many2one(
        "law.gdpr.purpose",
        string="Mailing Purpose",
        compute="_compute_law_gdpr_purpose_id",
        store=True,
        readonly=False,
        help="Recipients without a valid legal basis for this purpose, or who objected "
        "to it, are skipped. Leave it empty for correspondence with clients about "
        "their matters.",
    )
    law_gdpr_skipped_partner_ids = fields.Many2many(
        "res.partner",
        string="Skipped (GDPR)",
        compute="_compute_law_gdpr_skipped_partner_ids",
        help="No valid legal basis for the purpose, consent withdrawn, or objected: "
        "they get no copy.",
    )
    law_gdpr_skipped_count = fields.Integer(
        string="Skipped Recipients", compute="_compute_law_gdpr_skipped_partner_ids"
    )

    @api.depends("target")
    def _compute_law_gdpr_purpose_id(self):
        marketing = self.env.ref("law_crm_gdpr.purpose_marketing", raise_if_not_found=False)
        for merge in self:
            merge.law_gdpr_purpose_id = marketing if merge.target == "partner" else False

    @api.depends("target", "partner_ids", "matter_ids", "law_gdpr_purpose_id")
    def _compute_law_gdpr_skipped_partner_ids(self):
        for merge in self:
            recipients = merge._chosen_records().mapped(merge._recipient)
            skipped = recipients._law_gdpr_mailing_blocked(merge.law_gdpr_purpose_id)
            merge.law_gdpr_skipped_partner_ids = recipients.browse(skipped)
            merge.law_gdpr_skipped_count = len(skipped)

    @api.depends("target", "partner_ids", "matter_ids", "law_gdpr_purpose_id")
    def _compute_recipient_count(self):
        # The count leaves out the skipped recipients, so it follows the purpose too.
        return super()._compute_recipient_count()

    def _skipped_records(self, records):
        skipped = self.law_gdpr_skipped_partner_ids
        return super()._skipped_records(records) | records.filtered(
            lambda record: self._recipient(record) in skipped
        )

    def action_send(self):
        self.ensure_one()
        if self.law_gdpr_skipped_partner_ids and not self._records():
            raise UserError(
                self.env._(
                    "Every recipient is skipped: none has a valid legal basis for "
                    "%(purpose)s, or they objected to it.",
                    purpose=self.law_gdpr_purpose_id.display_name,
                )
            )
        return super().action_send()
