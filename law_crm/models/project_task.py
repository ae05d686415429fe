from odoo import models


class ProjectTask(models.Model):
    """Tasks of a matter inherit its visibility (rule in law_crm_rules.xml);
    their chatter, like the matter's, opens to no token or signed link."""

    _inherit = "project.task"

    def _get_thread_with_access(self, thread_id, **kwargs):
        # sudo: only to learn whether the thread is (on) a matter; nothing of
        # it is returned, and access is then decided without any token.
        if self.browse(thread_id).sudo().exists().project_id.is_matter:
            kwargs.update(hash=None, pid=None, token=None)
        return super()._get_thread_with_access(thread_id, **kwargs)
