from odoo import fields, models


class LawGdprDpia(models.Model):
    """A data protection impact assessment (GDPR Art. 35) and its review date."""

    _name = "law.gdpr.dpia"
    _description = "Data Protection Impact Assessment"
    _inherit = ["mail.thread"]
    _order = "review_date, id"

    name = fields.Char(required=True, tracking=True)
    processing_id = fields.Many2one(
        "law.gdpr.processing", string="Processing Activity", index=True, ondelete="set null"
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    trigger_special_categories = fields.Boolean(
        string="Large-scale Special-category or Criminal Data", help="Art. 35(3)(b)."
    )
    trigger_monitoring = fields.Boolean(
        string="Systematic Monitoring", help="Art. 35(3)(c): of a publicly accessible area."
    )
    trigger_profiling = fields.Boolean(
        string="Profiling or Automated Decisions", help="Art. 35(3)(a)."
    )
    trigger_other = fields.Text(
        string="Other Criteria",
        help="E.g. Datatilsynet's list, new technology, vulnerable persons.",
    )
    description = fields.Text(help="Art. 35(7)(a): the processing and its purposes.")
    necessity = fields.Text(string="Necessity and Proportionality", help="Art. 35(7)(b).")
    risks = fields.Text(help="Art. 35(7)(c): risks to the rights and freedoms of persons.")
    measures = fields.Text(help="Art. 35(7)(d): measures to address the risks.")
    outcome = fields.Selection(
        [
            ("draft", "In Progress"),
            ("acceptable", "Residual Risk Acceptable"),
            ("consult", "Prior Consultation of Datatilsynet (Art. 36)"),
            ("rejected", "Processing Not Started"),
        ],
        default="draft",
        required=True,
        tracking=True,
    )
    dpo_advice = fields.Text(string="Advice of the DPO", help="Art. 35(2).")
    review_date = fields.Date(string="Next Review", tracking=True)
