from odoo import models
from odoo.fields import Domain
from odoo.tools import SQL, Query


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
        matters = self._law_visible_matters()
        if not path:
            return matters
        if "." not in path and self._law_sees_most_matters():
            return self._law_no_hidden_matter(path, self._law_hidden_matters())
        return Domain(path, "=", False) | Domain(path, "any!", matters)

    def _law_visible_matters(self):
        """The need-to-know policy itself, as a domain on ``project.project``."""
        if self.share:
            # Portal and public users: no matter through the ORM, whatever
            # stock portal rules (project sharing, followers) would open.
            # The client portal shows shared matters through
            # law_portal_matter_domain() and whitelisted fields only.
            return Domain("is_matter", "=", False)
        return Domain("is_matter", "=", False) | (
            ~self._law_matter_walled() & self._law_matter_insider()
        )

    def _law_matter_walled(self):
        """Domain on ``project.project`` of the matters this user is walled off from."""
        return Domain("id", "any!", self._law_matters_of("wall_user_ids"))

    def _law_matter_insider(self):
        """Domain on ``project.project`` of the matters this user is inside of
        unless walled off: responsible, supervising, on the team; a partner
        also every matter that is not confidential. Written with
        ``!= 'confidential'`` so that its negation, in the hidden matters,
        is the equality PostgreSQL finds with the field's index."""
        insider = (
            Domain("user_id", "=", self.id)
            | Domain("supervising_partner_id", "=", self.id)
            | Domain("id", "any!", self._law_matters_of("team_user_ids"))
        )
        if self.has_group("law_crm.group_law_partner"):
            insider |= Domain("confidentiality", "!=", "confidential")
        return insider

    def _law_hidden_matters(self):
        """The matters this user may not see, in two parts that PostgreSQL
        each finds by an index (the wall table's, the confidentiality's)
        instead of testing every matter: those the user is walled off from,
        and those the user is not inside of. Together they are exactly the
        matters :meth:`_law_visible_matters` leaves out."""
        matter = Domain("is_matter", "=", True)
        return [
            matter & self._law_matter_walled(),
            matter & ~self._law_matter_insider(),
        ]

    def _law_matters_of(self, fname):
        """``SELECT matter_id`` of the matters whose many2many ``fname`` (team,
        wall) holds this user: an uncorrelated sub-select.

        ``("team_user_ids", "in", uid)`` renders as an ``EXISTS`` correlated
        to each matter; PostgreSQL runs it as a hashed subplan but costs it as
        the per-row alternative, which estimated a lawyer's open matters at
        1.1 million against the admin's 17,000, past ``jit_above_cost``: 352
        against 51 ms, most of it JIT compilation (tests/perf/bench_dashboard.py).
        This form is costed as what it is, one hashed look-up per row (a user is
        walled off from or staffed on a few matters; ``matter_id`` is never
        NULL, so ``NOT IN`` is safe). The user is ``self`` (never a share user
        here), so the field's ``share`` domain adds nothing. Like the ORM's
        own form it reads the relation table, which Odoo writes at once when
        the team or wall changes.
        """
        field = self.env["project.project"]._fields[fname]
        return SQL(
            "SELECT %s FROM %s WHERE %s = %s",
            SQL.identifier(field.column1),
            SQL.identifier(field.relation),
            SQL.identifier(field.column2),
            self.id,
        )

    def _law_sees_most_matters(self):
        """Whether the user sees nearly every matter of the firm (a partner:
        all but the confidential ones and those behind a wall), so that the
        rule is better written as "none of the few hidden matters"."""
        return self.has_group("law_crm.group_law_partner")

    @staticmethod
    def _law_no_hidden_matter(path, hidden_parts):
        """Domain "``path`` is empty or in none of the ``hidden_parts``
        (domains on ``project.project``)", as ``path IS NULL OR (path NOT IN
        (SELECT id FROM project_project WHERE part) AND ...)``, for the users
        who see most matters.

        Same records as ``path = False OR path any! visible``, but ``any!``
        renders as a LEFT JOIN of the matters and a filter on every row; for
        a partner who sees 95 % of the matters that doubled the time of the
        dashboard's correspondence volume (tests/perf/bench_dashboard.py).
        Each sub-select is uncorrelated, so PostgreSQL runs it once, by index,
        and hashes the few hidden matters, also where the rule is ORed with
        another condition (a user's own time), where a correlated ``NOT
        EXISTS`` runs once per row. A hashed ``NOT IN`` needs the hidden set
        to fit in ``work_mem``: confidential and walled matters are a few
        percent of a firm's (8,000 ids, about 0.3 MB, at 200,000 matters). Odoo's own
        ``not any!`` picks LEFT JOIN or ``NOT IN`` from the operators, hence
        the custom domain. The SQL is built when the query is, from the
        domains, so the rule cache holds no cursor, no ids and no stale set
        of matters.
        """

        def to_sql(model, alias, query):
            matters = model.env["project.project"]
            field = model._field_to_sql(alias, path, query)
            conditions = []
            for index, hidden in enumerate(hidden_parts):
                hidden_alias = Query.make_alias(alias, f"{path}__hidden{index}")
                subquery = Query(model.env, hidden_alias, SQL.identifier(matters._table))
                # Domain._to_sql is how Odoo's own relational fields render a
                # domain on an alias (fields_relational.Many2one).
                subquery.add_where(
                    hidden.optimize_full(matters)._to_sql(matters, hidden_alias, subquery)
                )
                conditions.append(SQL("%s NOT IN %s", field, subquery.subselect()))
            return SQL("(%s IS NULL OR (%s))", field, SQL(" AND ").join(conditions))

        return Domain.custom(to_sql=to_sql)

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
