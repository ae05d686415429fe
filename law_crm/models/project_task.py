from odoo import fields, models


class ProjectTask(models.Model):
    """A step in a matter, which the lawyer may mark as shareable with the
    client: only such steps appear in the client's status reports."""

    _inherit = "project.task"

    law_share_with_client = fields.Boolean(
        string="Share with Client",
        help="Mention this step in the client's status reports: when done, as a "
        "recent step; while open and due, as what comes next.",
    )
