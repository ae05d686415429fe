from odoo import fields, models


class CalendarEvent(models.Model):
    """A hearing or meeting in a matter's calendar that the lawyer may choose
    to announce in the client's status reports."""

    _inherit = "calendar.event"

    law_share_with_client = fields.Boolean(
        string="Share with Client",
        help="List this event (a hearing, a meeting) under what comes next in the "
        "status reports of the matter it belongs to.",
    )
