from odoo import api, fields, models
from odoo.fields import Domain


class ResPartner(models.Model):
    """A person's legal bases and consents, and the check mailings use."""

    _inherit = "res.partner"

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
        return [pid for pid in self.ids if pid in objected or pid not in valid]

    def action_law_gdpr_export(self):
        """Queue an access/portability export of this person (compliance only)."""
        self.ensure_one()
        export = self.env["law.gdpr.export"].create({"partner_id": self.id})
        return export._get_records_action(name=self.env._("Export"))
