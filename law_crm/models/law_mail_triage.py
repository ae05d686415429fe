from odoo import api, fields, models
from odoo.exceptions import UserError


class LawMailTriage(models.Model):
    """An inbound email the gateway could not file on a matter by itself.

    Mail to the firm's logging address that names no matter, matches several,
    or would cross a confidentiality line lands here instead of being dropped;
    assistants file it on the right matter or discard it with a reason. The
    email itself is this record's chatter message (with its attachments) until
    it is filed, when it moves to the matter's chatter and its log.

    An item about a matter the gateway kept it away from (confidential matter,
    ethical wall) is restricted to that matter: only users who see the matter
    see the item (rule in law_crm_rules.xml).
    """

    _name = "law.mail.triage"
    _description = "Unfiled Email"
    _inherit = ["mail.thread"]
    _order = "id desc"
    _rec_name = "subject"
    _primary_email = "email_from"

    subject = fields.Char(readonly=True)
    email_from = fields.Char(string="From", readonly=True)
    author_id = fields.Many2one("res.partner", string="Sender", readonly=True)
    received = fields.Datetime(default=fields.Datetime.now, readonly=True)
    reason = fields.Selection(
        [
            ("no_match", "No matter found"),
            ("ambiguous", "Several matters match"),
            ("unknown_sender", "Unknown sender to a confidential matter"),
            ("not_visible", "Sender may not see the matter"),
            ("unknown_address", "Unknown matter address"),
        ],
        default="no_match",
        readonly=True,
        required=True,
    )
    state = fields.Selection(
        [("new", "To file"), ("filed", "Filed"), ("discarded", "Discarded")],
        default="new",
        required=True,
        tracking=True,
        index=True,
    )
    candidate_matter_ids = fields.Many2many(
        "project.project",
        "law_mail_triage_candidate_rel",
        "triage_id",
        "matter_id",
        string="Suggested Matters",
        readonly=True,
    )
    restricted_matter_id = fields.Many2one(
        "project.project",
        string="Restricted to Matter",
        readonly=True,
        index="btree_not_null",
        ondelete="cascade",
        help="Only people who may see this matter see this email.",
    )
    responsible_user_id = fields.Many2one(
        "res.users",
        string="To be handled by",
        index=True,
        tracking=True,
        help="Who should decide where this email belongs; empty means any assistant.",
    )
    matter_id = fields.Many2one(
        "project.project",
        string="File on Matter",
        domain=[("is_matter", "=", True)],
        tracking=True,
    )
    discard_reason = fields.Char(tracking=True)
    correspondence_ids = fields.Many2many(
        "law.correspondence",
        "law_mail_triage_correspondence_rel",
        "triage_id",
        "correspondence_id",
        string="Log Entries",
        readonly=True,
    )

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        values = {
            "subject": msg_dict.get("subject") or self.env._("(no subject)"),
            "email_from": msg_dict.get("email_from"),
            "author_id": msg_dict.get("author_id"),
            **(custom_values or {}),
        }
        return super().message_new(msg_dict, custom_values=values)

    def _emails(self):
        return self.message_ids.filtered(lambda message: message.message_type == "email")

    def action_file(self):
        """Move the email onto the chosen matter and log it there."""
        for item in self:
            if item.state != "new":
                raise UserError(self.env._("This email has already been handled."))
            if not item.matter_id:
                raise UserError(self.env._("Choose the matter to file this email on."))
            # The filer must be able to read and write the matter; the ORM
            # raises the usual access error otherwise, before anything moves.
            item.matter_id.check_access("write")
            emails = item._emails()
            # sudo: moving messages and attachments between documents needs
            # write access on mail.message, which users never have; both ends
            # were checked above (this item is readable, the matter writable).
            emails.sudo().write({"model": "project.project", "res_id": item.matter_id.id})
            emails.attachment_ids.sudo().write(
                {"res_model": "project.project", "res_id": item.matter_id.id}
            )
            entries = self.env["law.correspondence"]._log_emails(emails.sudo())
            item.write({"state": "filed", "correspondence_ids": [fields.Command.set(entries.ids)]})
            item.message_post(
                body=self.env._("Filed on %(matter)s.", matter=item.matter_id.display_name),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_discard(self):
        for item in self:
            if item.state != "new":
                raise UserError(self.env._("This email has already been handled."))
            if not item.discard_reason:
                raise UserError(self.env._("Say why this email is discarded (spam, not ours, …)."))
        self.write({"state": "discarded"})
        return True

    def action_reopen(self):
        self.filtered(lambda item: item.state == "discarded").write({"state": "new"})
        return True
