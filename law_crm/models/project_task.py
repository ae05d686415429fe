from odoo import fields, models


class ProjectTask(models.Model):
    """A step in a matter. Tasks of a matter inherit its visibility (rule in
    law_crm_rules.xml); their chatter, like the matter's, opens to no token or
    signed link. The lawyer may mark a step as shareable with the client:
    only such steps appear in the client's status reports."""

    _inherit = "project.task"

    law_share_with_client = fields.Boolean(
        string="Share with Client",
        help="Mention this step in the client's status reports: when done, as a "
        "recent step; while open and due, as what comes next.",
    )

    def _get_thread_with_access(self, thread_id, **kwargs):
        # sudo: only to learn whether the thread is (on) a matter; nothing of
        # it is returned, and access is then decided without any token.
        if self.browse(thread_id).sudo().exists().project_id.is_matter:
            kwargs.update(hash=None, pid=None, token=None)
        return super()._get_thread_with_access(thread_id, **kwargs)
