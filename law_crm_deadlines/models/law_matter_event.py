from odoo import api, fields, models


class LawMatterEvent(models.Model):
    """Something that happened in a matter on a date and starts deadlines.

    Recording the event creates the deadlines its type lists; correcting the
    event's date recomputes the open ones, and each deadline's chatter keeps
    the old and the new date (tracking), so nothing moves silently.
    """

    _name = "law.matter.event"
    _description = "Matter Event"
    _inherit = ["law.matter.record.mixin", "mail.thread"]
    _order = "date desc, id desc"
    _rec_name = "event_type_id"

    event_type_id = fields.Many2one("law.matter.event.type", string="Event", required=True)
    date = fields.Date(required=True, tracking=True, default=fields.Date.context_today)
    note = fields.Text()
    deadline_ids = fields.One2many("law.deadline", "event_id", string="Deadlines")

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        self.env["law.deadline"].create(
            [
                {
                    "matter_id": event.matter_id.id,
                    "event_id": event.id,
                    "rule_id": rule.id,
                    "trigger_date": event.date,
                }
                for event in events
                for rule in event.event_type_id.rule_ids
                if rule.unit != "hours"
            ]
        )
        return events

    def write(self, vals):
        res = super().write(vals)
        if "date" in vals:
            self._recompute_dependants()
        return res

    def _recompute_dependants(self):
        """Open deadlines follow the event; closed ones are history and stay."""
        for event in self:
            dependants = event.deadline_ids.filtered(lambda d: d.state in ("draft", "registered"))
            dependants.write({"trigger_date": event.date})
            if dependants:
                event.message_post(
                    body=self.env._(
                        "Date corrected to %(date)s: %(count)s open deadlines recomputed.",
                        date=event.date,
                        count=len(dependants),
                    )
                )
