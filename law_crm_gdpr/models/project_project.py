from odoo import api, fields, models


class ProjectProject(models.Model):
    """Matters: the closing date indexed for retention runs, and no restricted
    person (GDPR Art. 18) as the client of a matter except by compliance."""

    _inherit = "project.project"

    date_closed = fields.Date(index="btree_not_null")

    @api.model_create_multi
    def create(self, vals_list):
        partner_ids = [vals["partner_id"] for vals in vals_list if vals.get("partner_id")]
        self.env["res.partner"].browse(partner_ids)._law_gdpr_check_not_restricted()
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("partner_id"):
            self.env["res.partner"].browse(vals["partner_id"])._law_gdpr_check_not_restricted()
        return super().write(vals)
