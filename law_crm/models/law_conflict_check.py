from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .law_conflict_hit import CLASSIFICATIONS

DECIDED = ("cleared", "waived", "declined")
OUR_SIDE = {"client", "related"}
OTHER_SIDE = {"counterparty", "opposing_counsel"}
RANK = {code: rank for rank, (code, _label) in enumerate(CLASSIFICATIONS)}
# Hits kept per searched name: enough for the most common Norwegian names in a
# large firm; a name matching more needs an identity number to be useful.
HITS_PER_NAME = 100
DEFAULT_SIMILARITY = "0.6"
# Set only by running and deciding, never by a plain write (e.g. over RPC).
PROTECTED_FIELDS = {
    "state",
    "user_id",
    "date_checked",
    "classification",
    "decided_by_id",
    "date_decided",
}


def classify(subject_role, hit_role, matter_open, through_family):
    """Regler for god advokatskikk 3.2, as a table.

    Acting against our own (existing) client is a direct conflict, against a
    former client or a prospect a potential one; a client's relative or
    company counts as the client's side. Through a corporate family link
    the conflict is never more than potential: a partner must judge it.
    """
    if subject_role in OUR_SIDE:
        adverse = hit_role in OTHER_SIDE
    elif subject_role in OTHER_SIDE:
        adverse = hit_role in OUR_SIDE or hit_role == "prospect"
    else:
        adverse = False
    if not adverse:
        if subject_role not in OUR_SIDE | OTHER_SIDE and hit_role in OUR_SIDE and matter_open:
            return "potential"  # a witness or expert who is also our client
        return "none"
    if matter_open and hit_role != "prospect" and not through_family:
        return "direct"
    return "potential"


class LawConflictCheck(models.Model):
    """A conflict-of-interest check (RGA 3.2): what was searched, by whom and
    when, what was found, and the partner's decision.

    The search covers the whole firm (all matters, closed and walled ones
    included, prospects and plain contacts), because the duty binds the whole
    firm; what the user who runs it is shown is cut to what that user may see.
    Once decided, a check is a record of that decision and never changes: a
    new search makes a new check.
    """

    _name = "law.conflict.check"
    _description = "Conflict Check"
    _order = "create_date desc, id desc"

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
    )
    matter_id = fields.Many2one(
        "project.project",
        index=True,
        domain=[("is_matter", "=", True)],
        help="The matter the check is for; its own parties are not reported as hits.",
    )
    lead_id = fields.Many2one("crm.lead", string="Inquiry", index=True)
    subject_ids = fields.One2many(
        "law.conflict.subject", "check_id", string="Searched For", copy=True
    )
    hit_ids = fields.One2many("law.conflict.hit", "check_id", string="Hits")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("pending", "Awaiting Decision"),
            ("cleared", "Cleared"),
            ("waived", "Waived with Consent"),
            ("declined", "Declined"),
        ],
        default="draft",
        required=True,
        index=True,
        readonly=True,
        copy=False,
    )
    user_id = fields.Many2one(
        "res.users", string="Checked By", readonly=True, copy=False, index=True
    )
    date_checked = fields.Datetime(string="Checked On", readonly=True, copy=False)
    classification = fields.Selection(
        CLASSIFICATIONS,
        string="Result",
        readonly=True,
        copy=False,
        help="The worst classification among the hits.",
    )
    decided_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_decided = fields.Datetime(string="Decided On", readonly=True, copy=False)
    decision_reason = fields.Text(copy=False)
    consent_attachment_ids = fields.Many2many(
        "ir.attachment",
        string="Clients' Consent",
        copy=False,
        help="The written consent of the clients concerned; required to waive a conflict.",
    )
    hit_count = fields.Integer(compute="_compute_hit_count")

    @api.depends("hit_ids")
    def _compute_hit_count(self):
        for check in self:
            check.hit_count = len(check.hit_ids)

    # -- Life cycle ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", self.env._("New")) == self.env._("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("law.conflict.check")
        return super().create(vals_list)

    def _check_editable(self):
        """Only a draft check changes: once run, its search and hits are
        evidence, and once decided, so is the decision."""
        if any(check.state != "draft" for check in self):
            raise UserError(
                self.env._(
                    "Conflict check %(check)s has been run and cannot be changed. "
                    "Run a new check instead.",
                    check=self.filtered(lambda c: c.state != "draft")[0].name,
                )
            )

    def write(self, vals):
        decided = self.filtered(lambda check: check.state in DECIDED)
        if decided:
            raise UserError(
                self.env._(
                    "Conflict check %(check)s has been decided and cannot be "
                    "changed. Run a new check instead.",
                    check=decided[0].name,
                )
            )
        protected = vals.keys() & PROTECTED_FIELDS
        if protected and not self.env.su:
            raise UserError(
                self.env._(
                    "Conflict checks are run and decided with their buttons; "
                    "%(fields)s cannot be written directly.",
                    fields=", ".join(sorted(protected)),
                )
            )
        if vals.keys() - PROTECTED_FIELDS - {"decision_reason", "consent_attachment_ids"}:
            self._check_editable()
        return super().write(vals)

    def _write_outcome(self, vals):
        """Store the result of running or deciding: fields no user writes
        directly. Callers have checked the state and the user's right to do
        it; sudo() writes only these values, computed by the caller."""
        return self.sudo().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        self._check_editable()

    # -- Search ----------------------------------------------------------------

    def _similarity_threshold(self):
        return (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("law_crm.conflict_similarity_threshold", DEFAULT_SIMILARITY)
        )

    @api.model
    def _search_parties(self, names, org_numbers, national_ids):
        """Contacts of the whole firm matching normalised names (trigram
        similarity on names and other names) or identity numbers (equality),
        as ``{partner_id: (reason, score, matched_name)}``, best reason kept.

        One SQL statement over the trigram (GIN) indexes of
        ``res_partner.law_name_normalised`` and
        ``law_partner_other_name.name_normalised``: archived contacts and those
        the user cannot see are included on purpose. Callers redact.
        """
        self.env["res.partner"].flush_model(
            ["law_name_normalised", "name", "org_number", "national_id_number"]
        )
        self.env["law.partner.other.name"].flush_model(["name_normalised", "name", "partner_id"])
        self.env.cr.execute(
            SQL(
                "SELECT set_config('pg_trgm.similarity_threshold', %s, true)",
                self._similarity_threshold(),
            )
        )
        self.env.cr.execute(
            SQL(
                """
            SELECT p.id, 'org_number', 1.0, NULL FROM res_partner p
             WHERE p.org_number = ANY(%(org)s)
            UNION ALL
            SELECT p.id, 'national_id', 1.0, NULL FROM res_partner p
             WHERE p.national_id_number = ANY(%(nid)s)
            UNION ALL
            SELECT hit.* FROM unnest(%(names)s::varchar[]) AS term(value),
              LATERAL (SELECT p.id, 'name', similarity(p.law_name_normalised, term.value), p.name
                         FROM res_partner p
                        WHERE p.law_name_normalised %% term.value
                     ORDER BY 3 DESC LIMIT %(limit)s) AS hit
            UNION ALL
            SELECT hit.* FROM unnest(%(names)s::varchar[]) AS term(value),
              LATERAL (SELECT o.partner_id, 'alias', similarity(o.name_normalised, term.value),
                              o.name
                         FROM law_partner_other_name o
                        WHERE o.name_normalised %% term.value
                     ORDER BY 3 DESC LIMIT %(limit)s) AS hit
            """,
                org=list(org_numbers),
                nid=list(national_ids),
                names=list(names),
                limit=HITS_PER_NAME,
            )
        )
        found = {}
        for partner_id, reason, score, matched in self.env.cr.fetchall():
            if partner_id not in found or found[partner_id][1] < score:
                found[partner_id] = (reason, float(score), matched)
        return found

    @api.model
    def _family_of(self, partner_ids):
        """``{relative_id: partner_id}``: parent companies, subsidiaries
        (companies whose parent it is), commercial entities, declared owners
        and companies owned, of the given contacts, in SQL so archived and
        hidden ones count too."""
        if not partner_ids:
            return {}
        self.env["res.partner"].flush_model(
            ["parent_id", "commercial_partner_id", "is_company", "law_owner_ids"]
        )
        # Index lookups (primary key, parent_id, owner table): an OR join of them
        # makes PostgreSQL scan the whole table once ids are many.
        self.env.cr.execute(
            SQL(
                """
            SELECT p.parent_id, p.id FROM res_partner p
             WHERE p.id = ANY(%(ids)s) AND p.parent_id IS NOT NULL
            UNION
            SELECT p.commercial_partner_id, p.id FROM res_partner p
             WHERE p.id = ANY(%(ids)s) AND p.commercial_partner_id <> p.id
            UNION
            SELECT f.id, f.parent_id FROM res_partner f
             WHERE f.parent_id = ANY(%(ids)s) AND f.is_company
            UNION
            SELECT o.owner_id, o.company_id FROM law_partner_owner_rel o
             WHERE o.company_id = ANY(%(ids)s)
            UNION
            SELECT o.company_id, o.owner_id FROM law_partner_owner_rel o
             WHERE o.owner_id = ANY(%(ids)s)
            """,
                ids=list(partner_ids),
            )
        )
        return dict(self.env.cr.fetchall())

    @api.model
    def _roles_of(self, partner_ids, exclude_matter, exclude_lead):
        """``{partner_id: [(role, matter_id, matter_state, responsible_id)]}``
        over every matter of the firm, and prospects (open inquiries without a
        matter)."""
        roles = {}
        if not partner_ids:
            return roles
        self.env["project.project"].flush_model(["is_matter", "partner_id", "state", "user_id"])
        self.env["law.matter.party"].flush_model(["partner_id", "role", "matter_id"])
        self.env["crm.lead"].flush_model(["partner_id", "active", "law_matter_id", "user_id"])
        self.env.cr.execute(
            SQL(
                """
            SELECT m.partner_id, 'client', m.id, m.state, m.user_id FROM project_project m
             WHERE m.is_matter AND m.partner_id = ANY(%(ids)s) AND m.id <> %(exclude)s
            UNION
            SELECT pa.partner_id, pa.role, m.id, m.state, m.user_id
              FROM law_matter_party pa JOIN project_project m ON m.id = pa.matter_id
             WHERE pa.partner_id = ANY(%(ids)s) AND m.id <> %(exclude)s
            UNION
            SELECT l.partner_id, 'prospect', NULL, NULL, l.user_id FROM crm_lead l
             WHERE l.partner_id = ANY(%(ids)s) AND l.active AND l.law_matter_id IS NULL
               AND l.id <> %(exclude_lead)s
            """,
                ids=list(partner_ids),
                exclude=exclude_matter.id or 0,
                exclude_lead=exclude_lead.id or 0,
            )
        )
        for partner_id, role, matter_id, state, responsible_id in self.env.cr.fetchall():
            roles.setdefault(partner_id, []).append((role, matter_id, state, responsible_id))
        return roles

    def _visible_ids(self, model, ids):
        """Those of ``ids`` the current user may read, archived ones included."""
        Model = self.env[model].with_context(active_test=False)
        if not ids or not Model.has_access("read"):
            return set()
        return set(Model.search([("id", "in", list(ids))]).ids)

    def _hits_for_subject(self, subject):
        """Hit values for one subject, as the checking user may see them."""
        names, org_numbers, national_ids = subject._search_terms()
        found = self._search_parties(names, org_numbers, national_ids)
        family = {
            relative: partner
            for relative, partner in self._family_of(found).items()
            if relative not in found
        }
        roles = self._roles_of(set(found) | set(family), self.matter_id, self.lead_id)
        # What the checking user may see, asked with the user's own rights.
        matter_ids = {r[1] for partner_roles in roles.values() for r in partner_roles if r[1]}
        visible_matters = self._visible_ids("project.project", matter_ids)
        visible_partners = self._visible_ids("res.partner", set(found) | set(family))
        values = []
        for partner_id in [*found, *family]:
            through = family.get(partner_id)
            reason, score, matched = found.get(partner_id) or (
                "family",
                found[through][1],
                False,
            )
            for role, matter_id, state, responsible_id in roles.get(partner_id) or [
                ("contact", None, None, None)
            ]:
                is_open = state in (None, "intake", "open")
                classification = classify(
                    subject.role, role, is_open if matter_id else True, bool(through)
                )
                if role == "contact" and (through or partner_id == subject.partner_id.id):
                    continue  # no role anywhere: a relative, or the subject itself
                visible = partner_id in visible_partners and (
                    not matter_id or matter_id in visible_matters
                )
                vals = {
                    "check_id": self.id,
                    "subject_id": subject.id,
                    "classification": classification,
                    "classification_rank": RANK[classification],
                    "matter_state": matter_id and ("open" if is_open else "closed"),
                    "restricted": not visible,
                }
                if visible:
                    vals.update(
                        partner_id=partner_id,
                        matter_id=matter_id,
                        role=role,
                        reason=reason,
                        score=score,
                        matched_name=matched,
                        family_partner_id=through if through in visible_partners else False,
                    )
                else:
                    vals.update(contact_user_id=responsible_id)
                vals["summary"] = self._hit_summary(vals, responsible_id)
                values.append(vals)
        return values

    def _hit_summary(self, vals, responsible_id):
        """One sentence for the user who runs the check, in their language."""
        labels = dict(
            self.env["law.conflict.hit"]._fields["classification"]._description_selection(self.env)
        )
        if vals["restricted"]:
            contact = (
                self.env["res.users"].browse(responsible_id).sudo().name
                if responsible_id
                else self.env._("compliance")
            )
            # sudo() above reads only the name of a colleague (the responsible
            # lawyer), which every user may know; nothing of the matter.
            return self.env._(
                "%(classification)s: possible conflict in a restricted matter — "
                "contact %(contact)s",
                classification=labels[vals["classification"]],
                contact=contact,
            )
        return labels[vals["classification"]]

    def action_run(self):
        """Search for every subject and store the hits, redacted for the
        user who runs it. A check runs once."""
        self._check_editable()
        for check in self:
            if not check.subject_ids:
                raise UserError(
                    self.env._("Add at least one person or organisation to search for.")
                )
            values = []
            for subject in check.subject_ids:
                values += check._hits_for_subject(subject)
            # sudo(): users may read hits but never write them, so that a hit
            # cannot be forged or hidden; the values were computed above for
            # this user and redacted to what this user may see.
            self.env["law.conflict.hit"].sudo().create(values)
            worst = min((v["classification_rank"] for v in values), default=RANK["none"])
            check._write_outcome(
                {
                    "state": "pending",
                    "user_id": self.env.uid,
                    "date_checked": fields.Datetime.now(),
                    "classification": CLASSIFICATIONS[worst][0],
                }
            )
        return True

    # -- Decision ----------------------------------------------------------------

    def _decide(self, decision):
        if not self.env.user.has_group("law_crm.group_law_partner"):
            raise UserError(
                self.env._("Only a partner of the firm (Law: Partner) can decide a conflict check.")
            )
        for check in self:
            if check.state != "pending":
                raise UserError(
                    self.env._(
                        "Conflict check %(check)s must be run, and not yet decided, "
                        "before it can be decided.",
                        check=check.name,
                    )
                )
            if not (check.decision_reason or "").strip():
                raise UserError(
                    self.env._(
                        "Write down why you decide as you do on check %(check)s.", check=check.name
                    )
                )
            if decision == "waived" and not check.consent_attachment_ids:
                raise UserError(
                    self.env._(
                        "A conflict can only be waived with the clients' consent: "
                        "attach it to check %(check)s first.",
                        check=check.name,
                    )
                )
            # sudo(): counts only; tells whether hits exist that this partner
            # cannot see, without reading any of them.
            Hit = self.env["law.conflict.hit"]
            domain = [("check_id", "=", check.id)]
            if Hit.sudo().search_count(domain) != Hit.search_count(domain):
                raise UserError(
                    self.env._(
                        "Check %(check)s found hits in matters you may not see. "
                        "A partner who can see them, or compliance, must decide it.",
                        check=check.name,
                    )
                )
        self._write_outcome(
            {
                "state": decision,
                "decided_by_id": self.env.uid,
                "date_decided": fields.Datetime.now(),
            }
        )
        return True

    def action_clear(self):
        return self._decide("cleared")

    def action_waive(self):
        return self._decide("waived")

    def action_decline(self):
        return self._decide("declined")

    def action_rerun(self):
        """A new check with the same subjects, run now."""
        self.ensure_one()
        check = self.copy({"matter_id": self.matter_id.id, "lead_id": self.lead_id.id})
        check.action_run()
        return check._open_action()

    def _open_action(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    @api.model
    def _create_and_run(self, subjects, matter=None, lead=None):
        """A check of ``subjects`` (``[(partner, role)]``) for a matter or an
        inquiry, run at once by the current user."""
        check = self.create(
            {
                "matter_id": matter.id if matter else False,
                "lead_id": lead.id if lead else False,
                "subject_ids": [
                    Command.create({"partner_id": partner.id, "name": partner.name, "role": role})
                    for partner, role in subjects
                ],
            }
        )
        check.action_run()
        return check
