from odoo import fields, models

from .law_gdpr_legal_basis import LEGAL_BASES


class LawGdprProcessing(models.Model):
    """One entry of the record of processing activities (GDPR Art. 30(1)).

    Each field of Art. 30(1)(a)-(g) has its own field here, so the record
    printed for Datatilsynet is complete by construction.
    """

    _name = "law.gdpr.processing"
    _description = "Processing Activity (Art. 30)"
    _inherit = ["mail.thread"]
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        string="Controller",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        help="Art. 30(1)(a): the controller; its name and contact details are printed.",
    )
    joint_controller_ids = fields.Many2many("res.partner", string="Joint Controllers")
    representative_id = fields.Many2one("res.partner", help="Art. 27 representative, if any.")
    dpo_id = fields.Many2one("res.partner", string="Data Protection Officer")
    purposes = fields.Text(required=True, help="Art. 30(1)(b).")
    purpose_ids = fields.Many2many("law.gdpr.purpose", string="Purposes Covered")
    legal_basis = fields.Selection(LEGAL_BASES, string="Main Legal Basis", required=True)
    legal_basis_note = fields.Text(
        string="Legal Basis Details", help="Statutes, Art. 9/10 conditions."
    )
    subject_categories = fields.Text(
        string="Categories of Persons", required=True, help="Art. 30(1)(c)."
    )
    data_categories = fields.Text(
        string="Categories of Personal Data",
        required=True,
        help="Art. 30(1)(c).",
    )
    special_categories = fields.Boolean(
        string="Special Categories or Criminal Offence Data", help="Art. 9 and 10."
    )
    recipient_categories = fields.Text(
        string="Categories of Recipients",
        required=True,
        help="Art. 30(1)(d), including recipients in third countries.",
    )
    processor_ids = fields.Many2many("law.gdpr.processor", string="Processors")
    transfer_ids = fields.Many2many("law.gdpr.transfer", string="Third-Country Transfers")
    transfers_note = fields.Text(
        string="Transfers and Safeguards",
        help="Art. 30(1)(e): third countries and the safeguards documented.",
    )
    erasure_time_limits = fields.Text(
        string="Time Limits for Erasure",
        required=True,
        help="Art. 30(1)(f): how long each category is kept, and why.",
    )
    security_measures = fields.Text(required=True, help="Art. 30(1)(g).")
    dpia_ids = fields.One2many("law.gdpr.dpia", "processing_id", string="DPIAs")
    review_date = fields.Date(string="Next Review", tracking=True)

    def action_print(self):
        return self.env.ref("law_crm_gdpr.action_report_law_gdpr_processing").report_action(self)
