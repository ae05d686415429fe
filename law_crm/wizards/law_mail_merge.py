from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class LawMailMerge(models.TransientModel):
    """Mail merge (serienbrev): one template, many recipients, each copy with
    its own fields, sent as email or printed as a letter for the post.

    Recipients are contacts or matters (the matter's client); the template is
    rendered per record in the recipient's language. Each copy is logged:
    on a matter as correspondence (which the client's correspondence log
    shows too), on a contact in its chatter. A matter's copy is never noted on
    the contact's chatter, which people outside the matter can read.
    """

    _name = "law.mail.merge"
    _description = "Mail Merge"

    target = fields.Selection(
        [("partner", "Contacts"), ("matter", "Matters")],
        required=True,
        default=lambda self: "matter"
        if self.env.context.get("active_model") == "project.project"
        else "partner",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        string="Contacts",
        default=lambda self: self._default_records("res.partner"),
    )
    matter_ids = fields.Many2many(
        "project.project",
        string="Matters",
        domain=[("is_matter", "=", True)],
        default=lambda self: self._default_records("project.project"),
        help="Each matter's client receives one copy.",
    )
    template_model = fields.Char(compute="_compute_template_model")
    template_id = fields.Many2one(
        "mail.template",
        required=True,
        domain="[('model', '=', template_model)]",
        help="Placeholders such as {{ object.name }} are filled in for each recipient.",
    )
    output = fields.Selection(
        [("email", "Email"), ("letter", "Letter (PDF)")],
        required=True,
        default="email",
        help="Email: one email per recipient through the mail queue. Letter: one PDF "
        "per recipient, kept with the copy, and all letters in one file to print.",
    )
    recipient_count = fields.Integer(compute="_compute_recipient_count")
    letters_attachment_id = fields.Many2one("ir.attachment", readonly=True)

    def _default_records(self, model):
        context = self.env.context
        if context.get("active_model") == model and context.get("active_ids"):
            return [Command.set(context["active_ids"])]
        return []

    @api.depends("target")
    def _compute_template_model(self):
        for merge in self:
            merge.template_model = "project.project" if merge.target == "matter" else "res.partner"

    @api.depends("target", "partner_ids", "matter_ids")
    def _compute_recipient_count(self):
        for merge in self:
            merge.recipient_count = len(merge._records())

    def _chosen_records(self):
        """The contacts or matters the user chose."""
        self.ensure_one()
        return self.matter_ids if self.target == "matter" else self.partner_ids

    def _records(self):
        """The chosen records that get a copy."""
        records = self._chosen_records()
        return records - self._skipped_records(records)

    def _skipped_records(self, records):
        """Those of ``records`` that get no copy: none here; law_crm_gdpr
        skips recipients without a legal basis for the merge's purpose."""
        return records.browse()

    def _recipient(self, record):
        return record.partner_id if record._name == "project.project" else record

    def action_send(self):
        """Render the template for every recipient and send or print the copies."""
        self.ensure_one()
        records = self._records()
        if not records:
            raise UserError(self.env._("Choose at least one recipient for the mail merge."))
        if self.template_id.model != records._name:
            raise UserError(
                self.env._("Choose a template made for %(model)s.", model=records._description)
            )
        without = records.filtered(lambda record: not self._recipient(record))
        if without:
            raise UserError(
                self.env._(
                    "%(records)s have no client to write to. Set the client or remove them.",
                    records=", ".join(without.mapped("display_name")),
                )
            )
        subjects = self.template_id._render_field("subject", records.ids, compute_lang=True)
        bodies = self.template_id._render_field("body_html", records.ids, compute_lang=True)
        if self.output == "email":
            return self._send_emails(records, subjects, bodies)
        return self._print_letters(records, subjects, bodies)

    def _send_emails(self, records, subjects, bodies):
        no_email = records.filtered(lambda record: not self._recipient(record).email_normalized)
        if no_email:
            raise UserError(
                self.env._(
                    "%(recipients)s have no email address. Add one, or print letters instead.",
                    recipients=", ".join(
                        no_email.mapped(lambda r: self._recipient(r).display_name)
                    ),
                )
            )
        # Through the mail queue, not SMTP inside this request.
        for record in records.with_context(mail_notify_force_send=False):
            # A comment (not a note) with the recipient: an email, and on a
            # matter logged in its correspondence log by the matter itself.
            record.message_post(
                body=bodies[record.id],
                subject=subjects[record.id],
                partner_ids=self._recipient(record).ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        return self._done(len(records))

    def _print_letters(self, records, subjects, bodies):
        letters = [
            {
                "partner": self._recipient(record),
                "subject": subjects[record.id],
                "body": Markup(bodies[record.id]),
            }
            for record in records
        ]
        Correspondence = self.env["law.correspondence"]
        for record, letter in zip(records, letters, strict=True):
            content, extension = self._render_letters([letter])
            attachment = self.env["ir.attachment"].create(
                {
                    "name": f"{letter['subject']}.{extension}",
                    "raw": content,
                    "res_model": record._name,
                    "res_id": record.id,
                }
            )
            if record._name == "project.project":
                Correspondence.create(
                    {
                        "matter_id": record.id,
                        "kind": "letter",
                        "direction": "out",
                        "subject": letter["subject"],
                        "summary": letter["body"],
                        "partner_ids": [Command.set(letter["partner"].ids)],
                        "attachment_ids": [Command.set(attachment.ids)],
                    }
                )
            else:
                record.message_post(
                    body=self.env._("Letter printed: %(subject)s", subject=letter["subject"]),
                    attachment_ids=attachment.ids,
                    message_type="comment",
                    subtype_xmlid="mail.mt_note",
                )
        content, extension = self._render_letters(letters)
        self.letters_attachment_id = self.env["ir.attachment"].create(
            {
                "name": f"{self.env._('Letters')}.{extension}",
                "raw": content,
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.letters_attachment_id.id}?download=true",
            "target": "self",
        }

    def _render_letters(self, letters):
        """(content, extension) of ``letters``, one per page: a PDF, or the HTML
        when the server cannot make PDFs (no wkhtmltopdf)."""
        Report = self.env["ir.actions.report"]
        report = "law_crm.report_law_mail_merge_letter"
        data = {"letters": letters}
        if Report.get_wkhtmltopdf_state() in ("install", "broken"):
            return Report._render_qweb_html(report, self.ids, data=data)[0], "html"
        return Report._render_qweb_pdf(report, self.ids, data=data)[0], "pdf"

    def _done(self, count):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("%(count)s emails queued.", count=count),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
