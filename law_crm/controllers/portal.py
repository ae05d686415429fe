from werkzeug.exceptions import NotFound

from odoo import Command, fields, http
from odoo.addons.project.controllers.portal import ProjectCustomerPortal
from odoo.fields import Domain
from odoo.http import request
from odoo.tools import plaintext2html
from odoo.tools.mimetypes import guess_mimetype

# Largest document a client may upload from the portal, in bytes.
MAX_UPLOAD_BYTES = 25 * 1024 * 1024
# Uploads of these types are stored as plain text: a client must not be able to
# put a page with scripts in front of the firm's staff.
ACTIVE_CONTENT = ("html", "xml", "svg", "javascript")


class LawMatterPortal(ProjectCustomerPortal):
    """The client portal: a client's shared matters, their documents, and a
    way to write to the firm or send it a document.

    Portal users get no matter through the ORM (``res.users.law_matter_domain``).
    Every route here finds the matter with ``law_portal_matter_domain()`` of
    the logged-in user first and answers 404 otherwise (the same answer for a
    matter that does not exist, is not shared, or belongs to another client).
    Only then is the matter read with sudo, and only the fields listed in
    :meth:`_law_matter_values` reach the template.
    """

    # -- access ----------------------------------------------------------------

    def _law_portal_matters(self, domain=None):
        user = request.env.user
        # sudo: portal users cannot read matters through the ORM at all; the
        # search is restricted to the user's own shared matters by the policy
        # domain, so it returns nothing another client or the firm keeps back.
        return (
            request.env["project.project"]
            .sudo()
            .search(
                Domain(domain or Domain.TRUE) & user.law_portal_matter_domain(), order="id desc"
            )
        )

    def _law_portal_matter(self, matter_id):
        matter = self._law_portal_matters(Domain("id", "=", matter_id))
        if not matter:
            raise NotFound()
        return matter

    def _document_check_access(self, model_name, document_id, access_token=None):
        """No access token opens a matter or a matter's task on Odoo's own
        portal pages (/my/projects, /my/tasks): tokens travel in notification
        emails. Clients use /my/matters instead."""
        if model_name in ("project.project", "project.task"):
            record = request.env[model_name].sudo().browse(document_id).exists()
            matter = record if model_name == "project.project" else record.project_id
            if matter.is_matter:
                access_token = None
        return super()._document_check_access(model_name, document_id, access_token)

    # -- values (whitelist) ----------------------------------------------------

    def _law_matter_values(self, matter):
        """What the client sees of a matter: nothing else leaves it."""
        states = dict(matter._fields["state"]._description_selection(request.env))
        return {
            "id": matter.id,
            "number": matter.matter_number,
            "name": matter.name,
            "state": matter.state,
            "state_label": states.get(matter.state),
            "note": matter.law_portal_note,
            "lawyer": matter.user_id.name,
            "date_opened": matter.date_opened,
        }

    def _law_document_values(self, matter):
        return [
            {"id": doc.id, "name": doc.name, "date": doc.create_date, "size": doc.file_size}
            for doc in matter.law_portal_document_ids.sorted("create_date", reverse=True)
        ]

    def _law_event_values(self, matter):
        """Upcoming meetings and hearings of the matter the lawyer chose to
        show the client (``calendar.event.law_portal_shared``)."""
        # sudo: portal users read no matter event through the ORM; these are
        # the events of this client's own shared matter (already checked),
        # the ones the lawyer ticked, and only name, time and place are shown.
        events = (
            request.env["calendar.event"]
            .sudo()
            .search(
                [
                    ("law_matter_id", "=", matter.id),
                    ("law_portal_shared", "=", True),
                    ("stop", ">=", fields.Datetime.now()),
                ],
                order="start, id",
            )
        )
        return [
            {
                "name": event.name,
                "allday": event.allday,
                "start": event.start,
                "start_date": event.start_date,
                "location": event.location,
            }
            for event in events
        ]

    def _law_own_message_values(self, matter):
        """Messages the client's own users sent from the portal (body as posted)."""
        clients = request.env.user.partner_id
        messages = matter.message_ids.filtered(
            lambda m: m.author_id == clients and m.message_type == "comment"
        )
        return [{"date": m.date, "body": m.body} for m in messages]

    def _law_matter_page_values(self, matter):
        """More for the matter page, from addons that extend the portal
        (``matter`` is sudo and access-checked; return plain values only)."""
        return {}

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "law_matter_count" in counters:
            values["law_matter_count"] = len(self._law_portal_matters())
        return values

    # -- routes ----------------------------------------------------------------

    @http.route(["/my/matters"], type="http", auth="user", website=True, readonly=True)
    def portal_my_matters(self, **kw):
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="law_matters",
            matters=[self._law_matter_values(m) for m in self._law_portal_matters()],
        )
        return request.render("law_crm.portal_my_matters", values)

    @http.route(
        ["/my/matters/<int:matter_id>"], type="http", auth="user", website=True, readonly=True
    )
    def portal_my_matter(self, matter_id, sent=None, error=None, **kw):
        matter = self._law_portal_matter(matter_id)
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="law_matter",
            matter=self._law_matter_values(matter),
            documents=self._law_document_values(matter),
            events=self._law_event_values(matter),
            own_messages=self._law_own_message_values(matter),
            sent=sent,
            error=error,
            max_upload_mb=MAX_UPLOAD_BYTES // (1024 * 1024),
        )
        values.update(self._law_matter_page_values(matter))
        return request.render("law_crm.portal_my_matter", values)

    @http.route(
        ["/my/matters/<int:matter_id>/documents/<int:document_id>"],
        type="http",
        auth="user",
        readonly=True,
    )
    def portal_my_matter_document(self, matter_id, document_id, **kw):
        matter = self._law_portal_matter(matter_id)
        document = matter.law_portal_document_ids.filtered(lambda d: d.id == document_id)
        if not document:
            raise NotFound()
        # sudo (already, from the matter): the document is one the firm shared
        # on this client's own matter; always a download, never shown inline.
        stream = request.env["ir.binary"]._get_stream_from(document)
        return stream.get_response(as_attachment=True)

    @http.route(
        ["/my/matters/<int:matter_id>/message"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_my_matter_message(self, matter_id, message="", attachment=None, **kw):
        matter = self._law_portal_matter(matter_id)
        message = (message or "").strip()
        upload = attachment if attachment and getattr(attachment, "filename", None) else None
        raw = upload.read() if upload else b""
        if upload and len(raw) > MAX_UPLOAD_BYTES:
            return request.redirect(f"/my/matters/{matter.id}?error=size")
        if not message and not raw:
            return request.redirect(f"/my/matters/{matter.id}?error=empty")
        partner = request.env.user.partner_id
        documents = request.env["ir.attachment"]
        if raw:
            mimetype = guess_mimetype(raw)
            if any(kind in mimetype for kind in ACTIVE_CONTENT):
                mimetype = "text/plain"
            # sudo: a portal user may not create attachments through the ORM;
            # this one is created pending (as the portal user, the uid is kept)
            # and message_post below moves it onto this client's own matter.
            documents = documents.sudo().create(
                {
                    "name": upload.filename[:255],
                    "raw": raw,
                    "mimetype": mimetype,
                    "res_model": "mail.compose.message",
                    "res_id": 0,
                }
            )
        body = plaintext2html(message) if message else ""
        # sudo (from the matter): posted as the client's own contact on its own
        # matter. The client is not made a follower, so it does not receive
        # the matter's other mail. The message is a comment: the correspondence
        # log records it (project.project._message_post_after_hook).
        matter.with_context(mail_post_autofollow_author_skip=True).message_post(
            body=body,
            author_id=partner.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            subject=request.env._("Message from the client portal"),
            attachment_ids=documents.ids,
        )
        if documents:
            matter.law_portal_document_ids = [Command.link(documents.id)]
        return request.redirect(f"/my/matters/{matter.id}?sent=1")
