from odoo import models
from odoo.fields import Domain


class ResUsers(models.Model):
    """Need-to-know: the one definition of which matters and persons a user sees.

    Every record rule of the law addons calls these methods, so the policy is
    written once and each model only says how it reaches a matter or a person.
    The domains use ``any!`` (no nested access rules) on purpose: the rule
    states the whole policy itself, and stock visibility of non-matter
    projects and their tasks stays exactly as Odoo defines it.
    """

    _inherit = "res.users"

    def law_matter_domain(self, path=None):
        """Domain on ``project.project`` (or, with ``path``, on a model that
        points at a matter through that many2one) of what this user may see.

        A matter is visible to its responsible lawyer, supervising partner and
        team, and to Law: Partner users unless confidential; never to users on
        its ethical wall. Projects that are not matters are left alone.
        """
        self.ensure_one()
        member = (
            Domain("user_id", "=", self.id)
            | Domain("supervising_partner_id", "=", self.id)
            | Domain("team_user_ids", "in", self.id)
        )
        if self.has_group("law_crm.group_law_partner"):
            member |= Domain("confidentiality", "=", "normal")
        matters = Domain("is_matter", "=", False) | (
            Domain("wall_user_ids", "not in", self.id) & member
        )
        if not path:
            return matters
        return Domain(path, "=", False) | Domain(path, "any!", matters)

    def law_partner_domain(self, path=None):
        """Domain on ``res.partner`` (or through ``path``) of the persons this
        user may see: everyone not flagged confidential; confidential persons
        only through a matter the user can see, or for compliance officers."""
        self.ensure_one()
        if self.has_group("law_crm.group_law_compliance"):
            partners = Domain.TRUE
        else:
            matters = self.law_matter_domain()
            partners = (
                Domain("is_confidential_person", "=", False)
                | Domain("law_client_matter_ids", "any!", matters)
                | Domain("law_party_ids", "any!", Domain("matter_id", "any!", matters))
            )
        if not path:
            return partners
        return Domain(path, "any!", partners)
