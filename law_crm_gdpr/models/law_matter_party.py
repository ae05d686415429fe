from odoo import api, models


class LawMatterParty(models.Model):
    """No restricted person (GDPR Art. 18) becomes a party except by compliance."""

    _inherit = "law.matter.party"

    @api.model_create_multi
    def create(self, vals_list):
        partner_ids = [vals["partner_id"] for vals in vals_list if vals.get("partner_id")]
        self.env["res.partner"].browse(partner_ids)._law_gdpr_check_not_restricted()
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("partner_id"):
            self.env["res.partner"].browse(vals["partner_id"])._law_gdpr_check_not_restricted()
        return super().write(vals)
