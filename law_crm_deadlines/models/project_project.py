from odoo import fields, models


class ProjectProject(models.Model):
    """Deadlines of a matter, on the matter."""

    _inherit = "project.project"

    deadline_ids = fields.One2many("law.deadline", "matter_id", string="Deadlines")
    event_ids = fields.One2many("law.matter.event", "matter_id", string="Events")
    open_deadline_count = fields.Integer(compute="_compute_open_deadline_count")

    def _compute_open_deadline_count(self):
        counts = dict(
            self.env["law.deadline"]._read_group(
                [("matter_id", "in", self.ids), ("state", "in", ("draft", "registered"))],
                ["matter_id"],
                ["__count"],
            )
        )
        for matter in self:
            matter.open_deadline_count = counts.get(matter, 0)

    def _law_status_report_upcoming(self):
        """Shared open deadlines join the shared tasks and hearings in the
        status report."""
        items = super()._law_status_report_upcoming()
        deadlines = self.env["law.deadline"].search(
            [
                ("matter_id", "=", self.id),
                ("share_with_client", "=", True),
                ("state", "in", ("draft", "registered")),
                ("date_deadline", ">=", self._law_firm_today()),
            ]
        )
        items += [{"date": d.date_deadline, "name": d.name} for d in deadlines]
        return sorted(items, key=lambda item: item["date"])

    def action_view_deadlines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "law_crm_deadlines.law_deadline_action"
        )
        action["domain"] = [("matter_id", "=", self.id)]
        action["context"] = {"default_matter_id": self.id, "search_default_open": 1}
        return action
