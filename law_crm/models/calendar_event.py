from odoo import api, fields, models


class CalendarEvent(models.Model):
    """A meeting or hearing of a matter is as secret as the matter.

    Odoo lets every employee read every calendar event (private ones with
    their name masked, but still found by a search on the name). An event
    scheduled on a matter or on one of its tasks (``res_model``/``res_id``,
    as Odoo's activities and the deadline engine set them) gets the matter in
    ``law_matter_id``, and the need-to-know rule on that field hides it from
    everyone who may not see the matter. The lawyer may show an upcoming event
    to the client on the portal (``law_portal_shared``).
    """

    _inherit = "calendar.event"

    law_matter_id = fields.Many2one(
        "project.project",
        string="Matter",
        compute="_compute_law_matter_id",
        store=True,
        index="btree_not_null",
        help="The matter this event belongs to: it is seen by those who may see the matter.",
    )
    law_portal_shared = fields.Boolean(
        string="Show to Client",
        copy=False,
        help="The client sees this event's name, time and place on the matter's portal page.",
    )

    @api.depends("res_model", "res_id")
    def _compute_law_matter_id(self):
        # sudo: only to find the matter the event was scheduled on; the event
        # stores nothing but its id, and the rule on law_matter_id then hides
        # the event from whoever may not see that matter.
        Project = self.env["project.project"].sudo().with_context(active_test=False)
        Task = self.env["project.task"].sudo().with_context(active_test=False)
        for event in self:
            matter = Project
            if event.res_id and event.res_model == "project.project":
                matter = Project.browse(event.res_id).exists()
            elif event.res_id and event.res_model == "project.task":
                matter = Task.browse(event.res_id).exists().project_id
            event.law_matter_id = matter.id if matter.is_matter else False
