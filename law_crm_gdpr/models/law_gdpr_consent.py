from odoo import api, fields, models
from odoo.exceptions import UserError

CONSENT_CHANNELS = [
    ("web_form", "Web Form"),
    ("email", "Email"),
    ("paper", "Signed Paper"),
    ("in_person", "In Person"),
    ("phone", "Phone"),
    ("portal", "Client Portal"),
    ("other", "Other"),
]

# The only fields a consent may still receive after it was given: its withdrawal.
WITHDRAWAL_FIELDS = frozenset(
    {"withdrawn_at", "withdrawn_by_id", "withdrawal_channel", "withdrawal_note"}
)


class LawGdprConsent(models.Model):
    """One consent as given (GDPR Art. 7): demonstrable and withdrawable.

    A consent record is never edited: it keeps the exact notice text and
    version the person accepted, when, through which channel and who recorded
    it. Withdrawing fills in the withdrawal once; giving consent again is a new
    record, so the history of give/withdraw is complete.
    """

    _name = "law.gdpr.consent"
    _description = "Consent"
    _order = "given_at desc, id desc"
    _rec_name = "purpose_id"

    partner_id = fields.Many2one(
        "res.partner", string="Person", required=True, index=True, ondelete="restrict"
    )
    purpose_id = fields.Many2one("law.gdpr.purpose", required=True, index=True, ondelete="restrict")
    given_at = fields.Datetime(required=True, default=fields.Datetime.now)
    channel = fields.Selection(CONSENT_CHANNELS, required=True, default="email")
    notice_version = fields.Char(
        required=True, help="Version of the privacy notice or consent text the person accepted."
    )
    notice_text = fields.Text(
        required=True, help="The exact text the person accepted, kept as evidence (Art. 7(1))."
    )
    recorded_by_id = fields.Many2one("res.users", required=True, default=lambda self: self.env.user)
    withdrawn_at = fields.Datetime()
    withdrawn_by_id = fields.Many2one("res.users", string="Withdrawal Recorded By")
    withdrawal_channel = fields.Selection(CONSENT_CHANNELS)
    withdrawal_note = fields.Char()
    state = fields.Selection(
        [("given", "Given"), ("withdrawn", "Withdrawn")],
        compute="_compute_state",
        store=True,
        index=True,
    )

    @api.depends("withdrawn_at")
    def _compute_state(self):
        for consent in self:
            consent.state = "withdrawn" if consent.withdrawn_at else "given"

    @api.model_create_multi
    def create(self, vals_list):
        consents = super().create(vals_list)
        self.env["law.gdpr.log"]._append("consent_given", consents)
        return consents

    def write(self, vals):
        """History is never overwritten: only a first withdrawal may be added."""
        changed = set(vals) - {"state"}
        if changed - WITHDRAWAL_FIELDS:
            raise UserError(
                self.env._(
                    "A recorded consent cannot be changed. Withdraw it, or record a new "
                    "consent if the person accepted another text."
                )
            )
        if self.filtered("withdrawn_at"):
            raise UserError(
                self.env._(
                    "This consent was already withdrawn. Record a new consent if the "
                    "person gives it again."
                )
            )
        result = super().write(vals)
        if vals.get("withdrawn_at"):
            self.env["law.gdpr.log"]._append("consent_withdrawn", self)
        return result

    def action_withdraw(self):
        """One click, as easy as giving consent (Art. 7(3))."""
        self.write(
            {
                "withdrawn_at": fields.Datetime.now(),
                "withdrawn_by_id": self.env.user.id,
                "withdrawal_channel": self.env.context.get("withdrawal_channel", "other"),
            }
        )
        return True
