from odoo import api, fields, models
from odoo.exceptions import ValidationError


class LawGdprTransfer(models.Model):
    """A transfer of personal data to a country outside the EEA (GDPR Art. 44-49)
    and the mechanism that makes it lawful."""

    _name = "law.gdpr.transfer"
    _description = "Third-Country Transfer"
    _inherit = ["mail.thread"]
    _order = "name"

    name = fields.Char(required=True, tracking=True)
    recipient_id = fields.Many2one("res.partner", required=True, index=True)
    processor_id = fields.Many2one("law.gdpr.processor", index=True, ondelete="set null")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    country_id = fields.Many2one("res.country", required=True, tracking=True)
    mechanism = fields.Selection(
        [
            ("adequacy", "Adequacy Decision (Art. 45)"),
            ("scc", "Standard Contractual Clauses (Art. 46(2)(c))"),
            ("bcr", "Binding Corporate Rules (Art. 47)"),
            ("derogation", "Derogation (Art. 49)"),
        ],
        required=True,
        tracking=True,
    )
    derogation = fields.Selection(
        [
            ("a", "(a) Explicit consent"),
            ("b", "(b) Contract with the person"),
            ("c", "(c) Contract in the person's interest"),
            ("d", "(d) Important reasons of public interest"),
            ("e", "(e) Legal claims"),
            ("f", "(f) Vital interests"),
            ("g", "(g) Public register"),
        ],
        string="Art. 49(1) Derogation",
        tracking=True,
    )
    tia_done = fields.Boolean(string="Transfer Impact Assessment Done", tracking=True)
    tia_date = fields.Date(string="Assessed On")
    tia_summary = fields.Text(string="Assessment Summary")
    review_date = fields.Date(string="Next Review", tracking=True)
    processing_ids = fields.Many2many("law.gdpr.processing", string="Processing Activities")

    @api.constrains("mechanism", "derogation")
    def _check_derogation(self):
        for transfer in self:
            if transfer.mechanism == "derogation" and not transfer.derogation:
                raise ValidationError(
                    self.env._(
                        "Transfer %(name)s relies on a derogation: choose which one of Art. 49(1).",
                        name=transfer.name,
                    )
                )
