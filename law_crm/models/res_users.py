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
        if self.share:
            # Portal and public users: no matter through the ORM, whatever
            # stock portal rules (project sharing, followers) would open.
            # The client portal shows shared matters through
            # law_portal_matter_domain() and whitelisted fields only.
            matters = Domain("is_matter", "=", False)
            return matters if not path else Domain(path, "=", False) | Domain(path, "any!", matters)
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
                # A user's own contact and company, for portal clients who
                # are confidential persons themselves.
                | Domain("id", "in", (self.partner_id | self.partner_id.commercial_partner_id).ids)
                | Domain("law_client_matter_ids", "any!", matters)
                | Domain("law_party_ids", "any!", Domain("matter_id", "any!", matters))
            )
        if not path:
            return partners
        return Domain(path, "any!", partners)

    def law_conflict_check_domain(self, path=None):
        """Domain on ``law.conflict.check`` (or through ``path``) of the checks
        this user may see: their own, those of matters (or of inquiries that
        became matters) the user may see, checks not yet tied to a matter
        for the partners who decide them, and all of them for compliance.
        What each hit says is further cut by :meth:`law_conflict_hit_domain`."""
        self.ensure_one()
        if self.has_group("law_crm.group_law_compliance"):
            checks = Domain.TRUE
        else:
            matters = self.law_matter_domain()
            checks = (
                Domain("create_uid", "=", self.id)
                | Domain("matter_id", "any!", matters)
                | Domain("lead_id", "any!", Domain("law_matter_id", "any!", matters))
            )
            if self.has_group("law_crm.group_law_partner"):
                checks |= Domain("matter_id", "=", False)
        if not path:
            return checks
        return Domain(path, "any!", checks)

    def law_conflict_hit_domain(self):
        """Domain on ``law.conflict.hit``: hits of checks the user may see,
        and only those whose matter and contact the user may see as well
        (redacted hits have neither)."""
        self.ensure_one()
        return (
            self.law_conflict_check_domain("check_id")
            & self.law_matter_domain("matter_id")
            & (Domain("partner_id", "=", False) | self.law_partner_domain("partner_id"))
        )

    def law_kyc_domain(self):
        """Domain on ``law.kyc``: compliance sees all due diligence; others
        the records they made and those of clients of matters they may see;
        partners, who approve politically exposed clients, also those of
        clients without any matter yet (intake)."""
        self.ensure_one()
        if self.has_group("law_crm.group_law_compliance"):
            return Domain.TRUE
        kyc = Domain("create_uid", "=", self.id) | Domain(
            "partner_id", "any!", Domain("law_client_matter_ids", "any!", self.law_matter_domain())
        )
        if self.has_group("law_crm.group_law_partner"):
            kyc |= Domain("partner_id", "any!", Domain("law_client_matter_ids", "=", False))
        return kyc

    def law_portal_matter_domain(self):
        """Domain on ``project.project`` of the matters this portal user's
        client portal shows: matters the firm shared (``law_portal_shared``)
        whose client is the user's own contact or the company the user
        belongs to. Never anything for the public user or for employees
        (they use the back office); confidentiality does not hide a matter
        from its own client."""
        self.ensure_one()
        if not self.share or self._is_public() or not self.active:
            return Domain.FALSE
        clients = (self.partner_id | self.partner_id.commercial_partner_id).ids
        return (
            Domain("is_matter", "=", True)
            & Domain("law_portal_shared", "=", True)
            & Domain("partner_id", "in", clients)
        )
