from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class CrmLead(models.Model):
    """Client intake on Odoo's CRM pipeline.

    An inquiry goes through the conflict check, due diligence and the
    engagement letter before it becomes a matter; declining it is CRM's
    "lost" with a lost reason. Converting creates the matter with the
    client and the other side as parties, linked to the inquiry's checks.
    """

    _inherit = "crm.lead"

    law_matter_type_id = fields.Many2one("law.matter.type", string="Matter Type")
    law_counterparty_ids = fields.Many2many(
        "res.partner",
        "law_lead_counterparty_rel",
        "lead_id",
        "partner_id",
        string="Other Side",
        help="Counterparties of the intended matter; they are conflict-checked with the client.",
    )
    law_conflict_check_ids = fields.One2many(
        "law.conflict.check", "lead_id", string="Conflict Checks"
    )
    law_engagement_letter_date = fields.Date(
        string="Engagement Letter Sent",
        help="Due diligence must be complete by then for transaction work.",
    )
    law_matter_id = fields.Many2one(
        "project.project", string="Matter", readonly=True, copy=False, index=True
    )
    law_converted = fields.Float(
        string="Conversion",
        compute="_compute_law_converted",
        store=True,
        aggregator="avg",
        help="1 when the inquiry became a matter, else 0: averaged over inquiries, "
        "the share of intakes that became matters.",
    )
    law_intake_step = fields.Selection(
        [
            ("inquiry", "Inquiry"),
            ("conflict_check", "Conflict Check"),
            ("due_diligence", "Due Diligence"),
            ("engagement", "Engagement Letter"),
            ("ready", "Ready for Matter"),
            ("matter", "Matter Created"),
            ("declined", "Declined"),
        ],
        string="Intake Step",
        compute="_compute_law_intake_step",
    )

    @api.depends("law_matter_id")
    def _compute_law_converted(self):
        for lead in self:
            lead.law_converted = 1.0 if lead.law_matter_id else 0.0

    def _law_subjects(self):
        """(contact, role) pairs to check: the client and the other side."""
        self.ensure_one()
        if not self.partner_id:
            raise UserError(
                self.env._("Set the customer of inquiry %(lead)s first.", lead=self.name)
            )
        return [(self.partner_id, "client")] + [
            (partner, "counterparty") for partner in self.law_counterparty_ids
        ]

    def _law_uncovered_subjects(self):
        self.ensure_one()
        covered = {
            (subject.partner_id, subject.role)
            for check in self.law_conflict_check_ids
            if check.state in ("cleared", "waived")
            for subject in check.subject_ids
        }
        return [pair for pair in self._law_subjects() if pair not in covered]

    @api.depends_context("uid")
    @api.depends(
        "active",
        "partner_id",
        "law_counterparty_ids",
        "law_conflict_check_ids.state",
        "law_engagement_letter_date",
        "law_matter_id",
    )
    def _compute_law_intake_step(self):
        for lead in self:
            if lead.law_matter_id:
                lead.law_intake_step = "matter"
            elif not lead.active and lead.lost_reason_id:
                lead.law_intake_step = "declined"
            elif not lead.partner_id or not lead.law_conflict_check_ids:
                lead.law_intake_step = "inquiry"
            elif lead._law_uncovered_subjects():
                lead.law_intake_step = "conflict_check"
            elif lead.law_matter_type_id.aml_required and self.env["law.kyc"]._client_kyc_problems(
                lead.partner_id
            ):
                lead.law_intake_step = "due_diligence"
            elif not lead.law_engagement_letter_date:
                lead.law_intake_step = "engagement"
            else:
                lead.law_intake_step = "ready"

    def action_law_conflict_check(self):
        """Check the client and the other side now; open the new check."""
        self.ensure_one()
        check = self.env["law.conflict.check"]._create_and_run(self._law_subjects(), lead=self)
        return check._open_action()

    def action_law_create_matter(self):
        """Create the matter (in intake) with its parties, linked to this
        inquiry and so to its conflict checks; the lead is won."""
        self.ensure_one()
        if self.law_matter_id:
            raise UserError(self.env._("Inquiry %(lead)s already has a matter.", lead=self.name))
        uncovered = self._law_uncovered_subjects()
        if uncovered:
            raise UserError(
                self.env._(
                    "Inquiry %(lead)s cannot become a matter: %(parties)s not covered "
                    "by a cleared or waived conflict check.",
                    lead=self.name,
                    parties=", ".join(sorted(p.display_name for p, _role in uncovered)),
                )
            )
        if self.law_matter_type_id.aml_required:
            self.env["law.kyc"]._check_client_cleared(self.partner_id, self)
        matter = self.env["project.project"].create(
            {
                "is_matter": True,
                "name": self.name,
                "partner_id": self.partner_id.id,
                "user_id": (self.user_id or self.env.user).id,
                "matter_type_id": self.law_matter_type_id.id,
                "practice_area_id": self.law_matter_type_id.practice_area_id.id,
                "law_lead_id": self.id,
                "party_ids": [
                    Command.create({"partner_id": partner.id, "role": "counterparty"})
                    for partner in self.law_counterparty_ids
                ],
            }
        )
        self.write({"law_matter_id": matter.id})
        self.action_set_won()
        action = self.env["ir.actions.act_window"]._for_xml_id("law_crm.law_matter_action")
        action.update(
            res_id=matter.id,
            view_mode="form",
            views=[(self.env.ref("law_crm.law_matter_view_form").id, "form")],
        )
        return action

    def action_view_law_conflict_checks(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("law_crm.law_conflict_check_action")
        action["domain"] = [("lead_id", "=", self.id)]
        action["context"] = {"default_lead_id": self.id}
        return action
