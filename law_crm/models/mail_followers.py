import functools

from odoo import api, models
from odoo.exceptions import AccessError
from odoo.fields import Domain


class MailFollowers(models.Model):
    """Who follows a matter is the matter's business.

    Odoo gives every employee read access to ``mail.followers`` and no record
    rule, so anyone could list the followers of ``project.project`` id N (the
    client, the team) for a matter they may not see. Found while writing the
    attack suite; closed here for every way in: ``search``, ``search_count``,
    ``read_group`` and ``name_search`` go through :meth:`_search`, ``read`` and
    ``export_data`` through :meth:`_check_access`. Followers of other records
    are left as Odoo has them.
    """

    _inherit = "mail.followers"

    def _law_hidden_matter_followers(self):
        """Followers in ``self`` of matters the current user may not read."""
        followers = self.filtered(lambda f: f.res_model == "project.project" and f.res_id)
        if not followers:
            return self.browse()
        # sudo: only to list which of these project ids are matters; the
        # answer is used to refuse, and nothing of it is returned.
        projects = self.env["project.project"].sudo().browse(set(followers.mapped("res_id")))
        matters = projects.exists().filtered("is_matter")
        readable = matters.sudo(False)._filtered_access("read")
        hidden = set((matters - readable).ids)
        return followers.filtered(lambda f: f.res_id in hidden)

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if result or self.env.su:
            return result
        # sudo: read res_model/res_id of the followers being checked only.
        forbidden = self.sudo()._law_hidden_matter_followers().sudo(False)
        if forbidden:
            return forbidden, functools.partial(
                AccessError,
                self.env._(
                    "You may not see who follows a matter you have no access to. "
                    "Ask its responsible lawyer."
                ),
            )
        return None

    @api.model
    def _search(
        self, domain, offset=0, limit=None, order=None, *, active_test=True, bypass_access=False
    ):
        if not self.env.su and not bypass_access:
            Project = self.env["project.project"].with_context(active_test=False)
            # Followers of a project that is a matter only when the user may
            # read that matter (the subqueries apply the user's record rules
            # to the second one, and none to the first).
            all_matters = Project.sudo()._search([("is_matter", "=", True)])
            if Project.has_access("read"):
                readable = Project._search([("is_matter", "=", True)])
            else:
                readable = []
            domain = Domain(domain) & (
                Domain("res_model", "!=", "project.project")
                | Domain("res_id", "not in", all_matters)
                | Domain("res_id", "in", readable)
            )
        return super()._search(
            domain, offset, limit, order, active_test=active_test, bypass_access=bypass_access
        )
