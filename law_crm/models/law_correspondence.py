from zoneinfo import ZoneInfo

from odoo import api, fields, models
from odoo.tools import html2plaintext

from .. import inbound_email


class LawCorrespondence(models.Model):
    """One entry of a matter's correspondence log: who said what to whom, when.

    Emails are logged by themselves (inbound through the mail gateway,
    outbound from the matter's chatter); calls, meetings and letters are
    logged by hand. The entry points at the ``mail.message`` of an email
    instead of copying it, so chatter stays the one record of what was sent.
    Visibility is the matter's (need-to-know rule in law_crm_rules.xml).
    """

    _name = "law.correspondence"
    _description = "Correspondence Log Entry"
    _inherit = ["mail.thread", "law.matter.record.mixin"]
    _order = "date desc, id desc"
    _rec_name = "subject"

    kind = fields.Selection(
        [
            ("email", "Email"),
            ("phone", "Phone call"),
            ("meeting", "Meeting"),
            ("letter", "Letter"),
            ("other", "Other"),
        ],
        required=True,
        default="phone",
        tracking=True,
        index=True,
    )
    direction = fields.Selection(
        [("in", "Incoming"), ("out", "Outgoing"), ("internal", "Internal")],
        required=True,
        default="in",
        tracking=True,
        help="Incoming: the other side contacted us. Outgoing: we contacted them. "
        "Internal: within the firm (a meeting about the matter, a note to file).",
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, tracking=True, index=True)
    duration = fields.Float(help="Length of the call or meeting, in hours.")
    subject = fields.Char(required=True, tracking=True)
    summary = fields.Html(help="What was said or agreed.")
    email_body = fields.Html(
        related="mail_message_id.body", string="Email Text", help="The email as received or sent."
    )
    partner_ids = fields.Many2many(
        "res.partner",
        "law_correspondence_partner_rel",
        "correspondence_id",
        "partner_id",
        string="Involved",
        help="Clients, counterparties and others who took part.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Handled by",
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "law_correspondence_attachment_rel",
        "correspondence_id",
        "attachment_id",
        string="Attachments",
    )
    mail_message_id = fields.Many2one(
        "mail.message",
        string="Email",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        help="The email in the matter's chatter that this entry logs.",
    )
    original_sender = fields.Char(
        readonly=True, help="Who wrote a forwarded email, as the forward says."
    )
    original_date = fields.Datetime(
        readonly=True, help="When a forwarded email was first sent, as the forward says."
    )
    client_id = fields.Many2one(
        related="matter_id.partner_id", string="Client", store=True, index=True
    )

    _message_unique = models.Constraint(
        "UNIQUE(mail_message_id)", "This email is already in the correspondence log."
    )

    @api.model
    def _log_emails(self, messages, new=False):
        """Log ``messages`` (emails and chatter messages on matters) in one
        batch; messages already logged or not on a matter are ignored
        (``new``: the messages were just posted, so none can be logged yet)."""
        messages = messages.filtered(lambda m: m.model == "project.project" and m.res_id)
        if not messages:
            return self.browse()
        if not new:
            logged = self.sudo().search([("mail_message_id", "in", messages.ids)])
            messages -= logged.mail_message_id
        # Messages cascade with their record, so every res_id exists.
        matters = self.env["project.project"].sudo().browse(messages.mapped("res_id"))
        matters = matters.filtered("is_matter")
        # The firm's timezone is its company contact's; a Norwegian firm by default.
        firm_tz = ZoneInfo(self.env.company.partner_id.tz or "Europe/Oslo")
        vals_list = [
            self._email_values(message, firm_tz)
            for message in messages
            if message.res_id in matters.ids
        ]
        # sudo: the caller is the gateway or the poster of the message, who
        # wrote the message onto this matter; the entry only restates it and
        # inherits the matter's visibility rule. No "created" note and no
        # followers: the email itself is the record, on the matter's chatter.
        return (
            self.sudo()
            .with_context(
                mail_create_nolog=True, mail_create_nosubscribe=True, tracking_disable=True
            )
            .create(vals_list)
        )

    def _email_values(self, message, firm_tz):
        """Values of the log entry for one email or chatter message."""
        author = message.author_id
        internal_author = author and any(not user.share for user in author.user_ids)
        subject = message.subject or message.record_name or self.env._("(no subject)")
        forward = None
        if inbound_email.is_forward(subject):
            forward = inbound_email.parse_forward(html2plaintext(message.body or ""))
        vals = {
            "matter_id": message.res_id,
            "kind": "email",
            "subject": subject,
            "date": message.date,
            "mail_message_id": message.id,
            "attachment_ids": [fields.Command.set(message.attachment_ids.ids)],
            "partner_ids": [fields.Command.set((message.partner_ids | author).ids)],
        }
        if forward:
            name, email, sent = forward
            vals["original_sender"] = f"{name} <{email}>" if name != email else email
            if sent:
                vals["original_date"] = inbound_email.to_utc_naive(sent, firm_tz)
            senders = (
                self.env["res.partner"].sudo().search([("email_normalized", "=", email)], limit=1)
            )
            if senders:
                vals["partner_ids"].append(fields.Command.link(senders.id))
        vals["direction"] = "out" if internal_author and not forward else "in"
        vals["user_id"] = author.user_ids.filtered(lambda user: not user.share)[:1].id or False
        return vals
