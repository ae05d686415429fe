from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

RESTRICTION_FIELDS = frozenset(
    {"law_gdpr_restricted", "law_gdpr_restricted_since", "law_gdpr_restriction_reason"}
)


class ResPartner(models.Model):
    """A person's legal bases and consents, the check mailings use, and the
    restriction of processing (GDPR Art. 18, sperring): a restricted person
    is not mailed, edited or added to new matters except by compliance."""

    _inherit = "res.partner"

    law_gdpr_restricted = fields.Boolean(
        string="Processing Restricted",
        index=True,
        copy=False,
        readonly=True,
        help="GDPR Art. 18: the person's data is kept but not used; they are not mailed, "
        "edited or added to new matters, except by the compliance officer.",
    )
    law_gdpr_restricted_since = fields.Datetime(
        string="Restricted Since", copy=False, readonly=True
    )
    law_gdpr_restriction_reason = fields.Text(string="Reason for Restriction", copy=False)

    law_gdpr_consent_ids = fields.One2many("law.gdpr.consent", "partner_id", string="Consents")
    law_gdpr_legal_basis_ids = fields.One2many(
        "law.gdpr.legal.basis", "partner_id", string="Legal Bases"
    )

    @api.model
    def _law_gdpr_consented_pairs(self, partners, purposes):
        """{(partner id, purpose id)} with a consent given and not withdrawn."""
        if not partners or not purposes:
            return set()
        # sudo: the answer is only the set of pairs, used to decide validity or
        # skipping; no consent content is returned.
        consents = (
            self.env["law.gdpr.consent"]
            .sudo()
            .search_fetch(
                Domain("partner_id", "in", partners.ids)
                & Domain("purpose_id", "in", purposes.ids)
                & Domain("state", "=", "given"),
                ["partner_id", "purpose_id"],
            )
        )
        return {(c.partner_id.id, c.purpose_id.id) for c in consents}

    def _law_gdpr_objected(self, purpose):
        """Ids of the partners in ``self`` who objected to ``purpose`` (Art. 21)."""
        if not self or not purpose:
            return []
        # sudo: as in _law_gdpr_mailing_blocked, only ids leave this method.
        bases = (
            self.env["law.gdpr.legal.basis"]
            .sudo()
            .search_fetch(
                Domain("partner_id", "in", self.ids)
                & Domain("purpose_id", "=", purpose.id)
                & Domain("objected_at", "!=", False),
                ["partner_id"],
            )
        )
        return bases.partner_id.ids

    def _law_gdpr_mailing_blocked(self, purpose):
        """Ids of the partners in ``self`` who must not be mailed for ``purpose``.

        Blocked: anyone who objected to the purpose (Art. 21), and anyone without
        a valid basis for it: a consent not withdrawn, or another basis in force.
        """
        if not self or not purpose:
            return []
        today = fields.Date.context_today(self)
        # sudo: as in _law_gdpr_consented_pairs, only ids leave this method.
        bases = (
            self.env["law.gdpr.legal.basis"]
            .sudo()
            .search_fetch(
                Domain("partner_id", "in", self.ids) & Domain("purpose_id", "=", purpose.id),
                ["partner_id", "basis", "date_start", "date_end", "objected_at"],
            )
        )
        objected = {b.partner_id.id for b in bases if b.objected_at}
        valid = {
            b.partner_id.id
            for b in bases
            if b.basis != "consent"
            and not b.objected_at
            and b.date_start <= today
            and (not b.date_end or b.date_end >= today)
        }
        valid |= {pid for pid, _purpose in self._law_gdpr_consented_pairs(self, purpose)}
        restricted = set(self.filtered("law_gdpr_restricted").ids)
        return [pid for pid in self.ids if pid in objected or pid in restricted or pid not in valid]

    def _law_gdpr_is_compliance(self):
        return self.env.su or self.env.user.has_group("law_crm.group_law_compliance")

    def _law_gdpr_check_not_restricted(self):
        """Refuse processing of restricted persons to everyone but compliance."""
        restricted = self.filtered("law_gdpr_restricted")
        if restricted and not self._law_gdpr_is_compliance():
            raise UserError(
                self.env._(
                    "Processing of %(person)s is restricted (GDPR Art. 18). Only the "
                    "compliance officer can change the person or use them in a matter.",
                    person=restricted[0].display_name,
                )
            )

    def write(self, vals):
        if RESTRICTION_FIELDS & set(vals):
            if not self._law_gdpr_is_compliance():
                raise UserError(self.env._("Only the compliance officer can restrict processing."))
            if not self.env.su and not set(vals) - RESTRICTION_FIELDS:
                # sudo: restricting is the compliance officer's duty even without
                # contact rights; only the restriction fields are written, on
                # persons already read (need-to-know applied) by this officer.
                self.check_access("read")
                return self.sudo().write(vals)
        self._law_gdpr_check_not_restricted()
        changed = self.filtered(
            lambda p: "law_gdpr_restricted" in vals
            and p.law_gdpr_restricted != bool(vals["law_gdpr_restricted"])
        )
        result = super().write(vals)
        # A retention run (superuser only) logs the restriction itself, under its policy.
        if changed and not (self.env.su and self.env.context.get("law_gdpr_logged_by_policy")):
            event = "restriction_set" if vals["law_gdpr_restricted"] else "restriction_lifted"
            self.env["law.gdpr.log"]._append(event, changed)
        return result

    def _law_gdpr_restrict(self, reason):
        """Restrict processing of these persons from now on, for ``reason``."""
        self.write(
            {
                "law_gdpr_restricted": True,
                "law_gdpr_restricted_since": fields.Datetime.now(),
                "law_gdpr_restriction_reason": reason,
            }
        )

    def action_law_gdpr_restrict(self):
        for partner in self:
            if not (partner.law_gdpr_restriction_reason or "").strip():
                raise UserError(self.env._("Enter the reason for the restriction first."))
        self.filtered(lambda p: not p.law_gdpr_restricted).write(
            {"law_gdpr_restricted": True, "law_gdpr_restricted_since": fields.Datetime.now()}
        )
        return True

    def action_law_gdpr_lift_restriction(self):
        self.filtered("law_gdpr_restricted").write(
            {"law_gdpr_restricted": False, "law_gdpr_restricted_since": False}
        )
        return True

    def action_law_gdpr_erasure_plan(self):
        """Compute an erasure plan for this person (compliance only) and open it."""
        self.ensure_one()
        plan = self.env["law.gdpr.erasure.plan"].create({"partner_id": self.id})
        return plan._get_records_action(name=self.env._("Erasure Plan"))

    def action_law_gdpr_export(self):
        """Queue an access/portability export of this person (compliance only)."""
        self.ensure_one()
        export = self.env["law.gdpr.export"].create({"partner_id": self.id})
        return export._get_records_action(name=self.env._("Export"))
