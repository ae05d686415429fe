from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

DECISIONS = [
    ("pending", "Pending"),
    ("confirmed", "Confirmed"),
    ("revoked", "Revoked"),
]
# The reasons need-to-know gives a user access to a matter, as flags on a line.
# Same facts as res.users.law_matter_domain() (and the billing bridge's
# extension of it); only team membership can be revoked from a line.
REASON_FIELDS = ("via_responsible", "via_supervisor", "via_team", "via_partner", "via_billing")
DECISION_FIELDS = ("decision", "decided_by_id", "decided_at")


class LawGdprAccessReviewLine(models.Model):
    """One user's access to one matter in an access review, and why they have it.

    Lines are generated in one set-based query per campaign (see
    :meth:`_law_grants_query`) from the facts the need-to-know record rules
    read: responsible lawyer, supervising partner, team, Law: Partner on
    matters that are not confidential (and Law: Billing where the billing
    bridge grants it), never behind the matter's ethical wall. The reviewer
    confirms or revokes each line; both are logged in the GDPR log.
    """

    _name = "law.gdpr.access.review.line"
    _description = "Access Review Line"
    _order = "review_id, user_id, matter_id"
    _rec_name = "matter_number"

    review_id = fields.Many2one(
        "law.gdpr.access.review",
        string="Access Review",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    company_id = fields.Many2one(related="review_id.company_id", store=True, index=True)
    review_state = fields.Selection(related="review_id.state", string="Review Status")
    # restrict: a user named in a kept review is archived, not deleted.
    user_id = fields.Many2one(
        "res.users", required=True, index=True, ondelete="restrict", readonly=True
    )
    # set null: a matter deleted under a retention policy leaves the result
    # (with its number) in the review.
    matter_id = fields.Many2one("project.project", index=True, ondelete="set null", readonly=True)
    matter_number = fields.Char(readonly=True)
    via_responsible = fields.Boolean(string="Responsible Lawyer", readonly=True)
    via_supervisor = fields.Boolean(string="Supervising Partner", readonly=True)
    via_team = fields.Boolean(string="Team Member", readonly=True)
    via_partner = fields.Boolean(string="Firm Partner", readonly=True)
    via_billing = fields.Boolean(string="Billing", readonly=True)
    reason = fields.Char(
        string="Why", compute="_compute_reason", help="Why the user has access to the matter."
    )
    can_revoke = fields.Boolean(
        compute="_compute_reason",
        string="Revocable Here",
        help="Only team membership can be revoked from a review line; other access "
        "is removed by reassigning the matter or changing the user's groups.",
    )
    decision = fields.Selection(
        DECISIONS, default="pending", required=True, index=True, readonly=True
    )
    decided_by_id = fields.Many2one("res.users", readonly=True)
    decided_at = fields.Datetime(string="Decided On", readonly=True)
    note = fields.Text()

    _review_user_matter_unique = models.Constraint(
        "UNIQUE(review_id, user_id, matter_id)",
        "A user's access to a matter is listed once per access review.",
    )

    @api.depends(*REASON_FIELDS)
    def _compute_reason(self):
        for line in self:
            reasons = [name for name in REASON_FIELDS if line[name]]
            line.reason = self._law_reasons_text(reasons)
            line.can_revoke = reasons == ["via_team"]

    def _law_reasons_text(self, reasons):
        labels = {
            "via_responsible": self.env._("responsible lawyer"),
            "via_supervisor": self.env._("supervising partner"),
            "via_team": self.env._("team member"),
            "via_partner": self.env._("partner of the firm (matter not confidential)"),
            "via_billing": self.env._("billing (matter not confidential)"),
        }
        return ", ".join(labels[name] for name in reasons)

    # -- Generation -------------------------------------------------------------

    @api.model
    def _law_grants_query(self, company, user_ids=None, matter_ids=None):
        """SELECT of (user_id, matter_id, matter_number, via_* flags): every
        active internal user's access to every matter of ``company``, one row
        per user and matter, one sub-query per kind of reason.

        Mirrors res.users.law_matter_domain(): responsible lawyer, supervising
        partner, team, Law: Partner on normal matters, Law: Billing on normal
        matters when the billing bridge is installed; minus the ethical wall;
        and only matters of a company the user may work in.
        """
        # sudo: only to read who is in the groups (ids), nothing is returned.
        groups = self.env["res.groups"].sudo()
        partner_ids = groups.env.ref("law_crm.group_law_partner").all_user_ids.ids
        grants = [
            SQL(
                "SELECT id AS matter_id, user_id, 'responsible' AS reason "
                "FROM project_project WHERE is_matter AND user_id IS NOT NULL"
            ),
            SQL(
                "SELECT id, supervising_partner_id, 'supervisor' FROM project_project "
                "WHERE is_matter AND supervising_partner_id IS NOT NULL"
            ),
            SQL("SELECT matter_id, user_id, 'team' FROM law_matter_team_rel"),
            SQL(
                "SELECT p.id, g.uid, 'partner' FROM project_project p "
                "CROSS JOIN unnest(%s::int[]) AS g(uid) "
                "WHERE p.is_matter AND p.confidentiality = 'normal'",
                partner_ids,
            ),
        ]
        billing = self.env["ir.module.module"]._get("law_crm_billing_bridge")
        if billing.state in ("installed", "to upgrade"):
            billing_ids = groups.env.ref("law_crm.group_law_billing").all_user_ids.ids
            grants.append(
                SQL(
                    "SELECT p.id, g.uid, 'billing' FROM project_project p "
                    "CROSS JOIN unnest(%s::int[]) AS g(uid) "
                    "WHERE p.is_matter AND p.confidentiality = 'normal'",
                    billing_ids,
                )
            )
        filters = [SQL("TRUE")]
        if user_ids is not None:
            filters.append(SQL("u.id = ANY(%s)", list(user_ids)))
        if matter_ids is not None:
            filters.append(SQL("m.id = ANY(%s)", list(matter_ids)))
        return SQL(
            """
            SELECT grants.user_id, grants.matter_id, m.matter_number,
                   bool_or(grants.reason = 'responsible') AS via_responsible,
                   bool_or(grants.reason = 'supervisor') AS via_supervisor,
                   bool_or(grants.reason = 'team') AS via_team,
                   bool_or(grants.reason = 'partner') AS via_partner,
                   bool_or(grants.reason = 'billing') AS via_billing
              FROM (%(grants)s) AS grants
              JOIN project_project m ON m.id = grants.matter_id AND m.is_matter
              JOIN res_users u ON u.id = grants.user_id AND u.active AND NOT u.share
             WHERE (m.company_id IS NULL OR m.company_id = %(company)s)
               AND (m.company_id IS NULL OR EXISTS (
                        SELECT 1 FROM res_company_users_rel cu
                         WHERE cu.cid = m.company_id AND cu.user_id = u.id))
               AND NOT EXISTS (
                        SELECT 1 FROM law_matter_wall_rel w
                         WHERE w.matter_id = m.id AND w.user_id = u.id)
               AND %(filters)s
             GROUP BY grants.user_id, grants.matter_id, m.matter_number
            """,
            grants=SQL(" UNION ALL ").join(grants),
            company=company.id,
            filters=SQL(" AND ").join(filters),
        )

    @api.model
    def _law_generate(self, review):
        """Insert the lines of ``review`` in one INSERT … SELECT and return their count.

        A firm of 200 users and thousands of matters has hundreds of thousands
        of (user, matter) pairs: they are computed and written by PostgreSQL,
        not created one by one through the ORM.
        """
        self.flush_model()
        self.env["project.project"].flush_model()
        self.env["res.users"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO law_gdpr_access_review_line
                       (review_id, company_id, user_id, matter_id, matter_number,
                        via_responsible, via_supervisor, via_team, via_partner, via_billing,
                        decision, create_uid, create_date, write_uid, write_date)
                SELECT %(review)s, %(company)s, g.user_id, g.matter_id, g.matter_number,
                       g.via_responsible, g.via_supervisor, g.via_team, g.via_partner,
                       g.via_billing, 'pending', %(uid)s, now() AT TIME ZONE 'UTC',
                       %(uid)s, now() AT TIME ZONE 'UTC'
                  FROM (%(grants)s) AS g
                ON CONFLICT (review_id, user_id, matter_id) DO NOTHING
                """,
                review=review.id,
                company=review.company_id.id,
                uid=self.env.uid,
                grants=self._law_grants_query(review.company_id),
            )
        )
        count = self.env.cr.rowcount
        self.invalidate_model()
        review.invalidate_recordset(["line_ids"])
        return count

    # -- Decisions --------------------------------------------------------------

    def write(self, vals):
        if DECISION_FIELDS & vals.keys() and not self.env.context.get("law_access_review_decide"):
            raise UserError(
                self.env._("Decide an access review line with its Confirm or Revoke button.")
            )
        if self.filtered(lambda line: line.review_id.state == "done"):
            raise UserError(
                self.env._(
                    "Access review %(review)s is done: its results are kept as they are.",
                    review=self.review_id.filtered(lambda r: r.state == "done")[:1].display_name,
                )
            )
        return super().write(vals)

    def _law_check_decidable(self):
        not_running = self.review_id.filtered(lambda review: review.state != "in_progress")
        if not_running:
            raise UserError(
                self.env._(
                    "Access review %(review)s is not in progress: start it before "
                    "deciding its lines.",
                    review=not_running[0].display_name,
                )
            )
        decided = self.filtered(lambda line: line.decision != "pending")
        if decided:
            raise UserError(
                self.env._(
                    "The access of %(user)s to matter %(matter)s was already decided.",
                    user=decided[0].user_id.name,
                    matter=decided[0].matter_number or "",
                )
            )

    def _law_decide(self, decision):
        self.with_context(law_access_review_decide=True).write(
            {
                "decision": decision,
                "decided_by_id": self.env.uid,
                "decided_at": fields.Datetime.now(),
            }
        )
        event = "access_review_confirmed" if decision == "confirmed" else "access_review_revoked"
        for review in self.review_id:
            lines = self.filtered(lambda line, review=review: line.review_id == review)
            self.env["law.gdpr.log"].with_company(review.company_id)._append(event, lines)

    def action_confirm(self):
        """The reviewer confirms the user still needs this access."""
        self._law_check_decidable()
        self._law_decide("confirmed")
        return True

    def action_revoke(self):
        """Remove the user from the matter's team, where team membership is
        the only reason for the access; anything else must be reassigned."""
        self._law_check_decidable()
        if not self:
            return True
        current = self._law_current_grants()
        for line in self:
            grant = current.get((line.user_id.id, line.matter_id.id)) or {}
            others = [name for name in REASON_FIELDS if name != "via_team" and grant.get(name)]
            if others:
                raise UserError(
                    self.env._(
                        "The access of %(user)s to matter %(matter)s cannot be revoked "
                        "here: they have it as %(reasons)s. Reassign the matter (or change "
                        "the user's groups), then confirm or revoke this line.",
                        user=line.user_id.name,
                        matter=line.matter_number or "",
                        reasons=self._law_reasons_text(others),
                    )
                )
        for matter in self.matter_id:
            users = self.filtered(lambda line, matter=matter: line.matter_id == matter).user_id
            # sudo: compliance officers cannot read matters (need-to-know); the
            # write only takes the reviewed users off this matter's team (and
            # its followers, or its email would still reach them) and returns
            # nothing of the matter.
            matter.sudo().write({"team_user_ids": [Command.unlink(user.id) for user in users]})
            matter.sudo().message_unsubscribe(partner_ids=users.partner_id.ids)
        left = self._law_current_grants()
        if left:
            raise UserError(self.env._("The access could not be removed: decide the lines again."))
        self._law_decide("revoked")
        return True

    def _law_current_grants(self):
        """{(user id, matter id): row of flags} of the access these lines are
        about that exists now, in one query."""
        self.env["project.project"].flush_model()
        self.env["res.users"].flush_model()
        grants = {}
        # One query per company of the lines (a review has one company).
        for company in self.filtered("matter_id").company_id:
            lines = self.filtered(lambda line, c=company: line.matter_id and line.company_id == c)
            self.env.cr.execute(
                self._law_grants_query(
                    company, user_ids=set(lines.user_id.ids), matter_ids=set(lines.matter_id.ids)
                )
            )
            wanted = {(line.user_id.id, line.matter_id.id) for line in lines}
            grants.update(
                ((row["user_id"], row["matter_id"]), row)
                for row in self.env.cr.dictfetchall()
                if (row["user_id"], row["matter_id"]) in wanted
            )
        return grants
