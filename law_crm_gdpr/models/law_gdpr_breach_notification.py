from odoo import api, fields, models


class LawGdprBreachNotification(models.Model):
    """One notification of a breach to Datatilsynet (Art. 33).

    Art. 33(4) allows the information to be given in phases: an initial
    notification within 72 hours, supplemented later.
    """

    _name = "law.gdpr.breach.notification"
    _description = "Breach Notification"
    _order = "notified_at, id"

    breach_id = fields.Many2one("law.gdpr.breach", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="breach_id.company_id", store=True, index=True)
    notified_at = fields.Datetime(required=True, default=fields.Datetime.now)
    phase = fields.Selection(
        [("initial", "Initial"), ("supplementary", "Supplementary"), ("final", "Final")],
        required=True,
        default="initial",
    )
    channel = fields.Selection(
        [("altinn", "Altinn Form"), ("email", "Email"), ("phone", "Phone"), ("other", "Other")],
        required=True,
        default="altinn",
    )
    reference = fields.Char(help="Datatilsynet's case number or the form receipt.")
    note = fields.Text()

    @api.model_create_multi
    def create(self, vals_list):
        notifications = super().create(vals_list)
        # The first notification stops the 72-hour clock: close its activity.
        notifications.breach_id._law_gdpr_sync_activity()
        return notifications
