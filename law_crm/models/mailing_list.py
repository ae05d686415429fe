from odoo import fields, models


class MailingList(models.Model):
    """A newsletter list may belong to a practice area (its news)."""

    _inherit = "mailing.list"

    law_practice_area_id = fields.Many2one(
        "law.practice.area", string="Practice Area", index="btree_not_null", ondelete="set null"
    )
