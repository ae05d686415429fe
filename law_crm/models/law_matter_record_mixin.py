from odoo import fields, models


class LawMatterRecordMixin(models.AbstractModel):
    """Something that hangs off a matter: a party, a deadline, an event.

    One definition of the link, so every such record belongs to exactly one
    matter, dies with it, and shares its company; the need-to-know rule of
    each model then only says ``user.law_matter_domain('matter_id')``.
    """

    _name = "law.matter.record.mixin"
    _description = "Record of a Matter"

    matter_id = fields.Many2one(
        "project.project",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("is_matter", "=", True)],
    )
    company_id = fields.Many2one(related="matter_id.company_id", store=True, index=True)
