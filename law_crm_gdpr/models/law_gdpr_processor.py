from odoo import api, fields, models

# Art. 28(3)(a)-(h): what a processor agreement must oblige the processor to do.
CHECKLIST = [
    ("clause_a_instructions", "(a) Processes only on documented instructions"),
    ("clause_b_confidentiality", "(b) Persons bound by confidentiality"),
    ("clause_c_security", "(c) Security measures of Art. 32"),
    ("clause_d_subprocessors", "(d) Sub-processors only with authorisation, same duties"),
    ("clause_e_subject_rights", "(e) Helps answer data-subject requests"),
    ("clause_f_assistance", "(f) Helps with Art. 32-36 (security, breaches, DPIAs)"),
    ("clause_g_end_of_service", "(g) Deletes or returns the data at the end"),
    ("clause_h_audits", "(h) Provides information and allows audits"),
]


class LawGdprProcessor(models.Model):
    """A processor and its agreement (GDPR Art. 28): who processes personal data
    on the firm's behalf, under which agreement, and whether the agreement has
    every clause Art. 28(3) requires."""

    _name = "law.gdpr.processor"
    _description = "Processor"
    _inherit = ["mail.thread"]
    _order = "name"

    name = fields.Char(string="Service", required=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner", string="Processor", required=True, index=True, tracking=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    agreement_date = fields.Date(string="Agreement Signed On", tracking=True)
    agreement_attachment_ids = fields.Many2many(
        "ir.attachment", string="Agreement Documents", help="The signed processor agreement."
    )
    subject_matter = fields.Text(help="Art. 28(3): what is processed.")
    duration = fields.Char(help="Art. 28(3): how long the processing lasts.")
    nature_purpose = fields.Text(string="Nature and Purpose")
    data_types = fields.Text(string="Types of Personal Data")
    subject_categories = fields.Text(string="Categories of Persons")
    clause_a_instructions = fields.Boolean(string=CHECKLIST[0][1], tracking=True)
    clause_b_confidentiality = fields.Boolean(string=CHECKLIST[1][1], tracking=True)
    clause_c_security = fields.Boolean(string=CHECKLIST[2][1], tracking=True)
    clause_d_subprocessors = fields.Boolean(string=CHECKLIST[3][1], tracking=True)
    clause_e_subject_rights = fields.Boolean(string=CHECKLIST[4][1], tracking=True)
    clause_f_assistance = fields.Boolean(string=CHECKLIST[5][1], tracking=True)
    clause_g_end_of_service = fields.Boolean(string=CHECKLIST[6][1], tracking=True)
    clause_h_audits = fields.Boolean(string=CHECKLIST[7][1], tracking=True)
    checklist_complete = fields.Boolean(
        string="All Art. 28(3) Clauses",
        compute="_compute_checklist_complete",
        store=True,
        help="The agreement contains every clause of Art. 28(3)(a)-(h).",
    )
    sub_processor_ids = fields.Many2many(
        "law.gdpr.processor",
        "law_gdpr_processor_sub_rel",
        "processor_id",
        "sub_processor_id",
        string="Sub-processors",
    )
    transfer_ids = fields.One2many("law.gdpr.transfer", "processor_id", string="Transfers")
    review_date = fields.Date(string="Next Review", tracking=True)
    active = fields.Boolean(default=True)

    @api.depends(*(name for name, _label in CHECKLIST))
    def _compute_checklist_complete(self):
        for processor in self:
            processor.checklist_complete = all(processor[name] for name, _label in CHECKLIST)
