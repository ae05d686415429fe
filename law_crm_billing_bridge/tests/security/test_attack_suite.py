import contextlib
import json

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.http import Request
from odoo.tests import tagged

from .common import AttackSetup


@tagged("post_install", "-at_install", "law_security")
class TestAttackSuite(AttackSetup):
    """Issue 9's attack suite: every door to one protected matter, tried by
    every kind of attacker. Each test is one attempt; it fails if anything of
    the matter comes back (content, names, or a count that reveals it).
    Doors covered elsewhere are listed in docs/security.md."""

    # == ORM: the matter itself ==============================================

    def test_01_orm_search_by_id(self):
        self.each_attacker(
            lambda u: self.assertFalse(
                self.try_orm(
                    u, lambda env: env["project.project"].search([("id", "=", self.protected.id)])
                )
            )
        )

    def test_02_orm_search_domain_on_name(self):
        self.each_attacker(
            lambda u: self.assertFalse(
                self.try_orm(
                    u, lambda env: env["project.project"].search([("name", "ilike", "Motpart")])
                )
            )
        )

    def test_03_orm_search_count_reveals_nothing(self):
        def attempt(user):
            count = self.try_orm(
                user,
                lambda env: env["project.project"].search_count(
                    [("matter_number", "=", self.protected.matter_number)]
                ),
            )
            self.assertIn(count, (None, 0))

        self.each_attacker(attempt)

    def test_04_orm_read_by_id(self):
        self.each_attacker(
            lambda u: self.assertIsNone(
                self.try_orm(
                    u, lambda env: env["project.project"].browse(self.protected.id).read(["name"])
                )
            )
        )

    def test_05_orm_search_read(self):
        self.each_attacker(
            lambda u: self.assertFalse(
                self.try_orm(
                    u,
                    lambda env: env["project.project"].search_read(
                        [("partner_id", "=", self.client.id), ("id", "=", self.protected.id)],
                        ["name", "matter_number"],
                    ),
                )
            )
        )

    def test_06_orm_read_group_counts(self):
        def attempt(user):
            groups = self.try_orm(
                user,
                lambda env: env["project.project"].formatted_read_group(
                    [("name", "=", self.protected.name)], ["partner_id"], ["__count"]
                ),
            )
            self.assertFalse(groups)

        self.each_attacker(attempt)

    def test_07_orm_name_search_by_number(self):
        self.each_attacker(
            lambda u: self.assertFalse(
                self.try_orm(
                    u, lambda env: env["project.project"].name_search(self.protected.matter_number)
                )
            )
        )

    def test_08_orm_export_data(self):
        self.each_attacker(
            lambda u: self.assertIsNone(
                self.try_orm(
                    u,
                    lambda env: env["project.project"]
                    .browse(self.protected.id)
                    .export_data(["name", "party_ids/partner_id/name"]),
                )
            )
        )

    def test_09_orm_fields_get_and_web_search_read(self):
        """fields_get carries no record data; web_search_read (the web
        client's list) returns no row and a zero length."""

        def attempt(user):
            self.try_orm(user, lambda env: env["project.project"].fields_get())
            result = self.try_orm(
                user,
                lambda env: env["project.project"].web_search_read(
                    [("id", "=", self.protected.id)], {"display_name": {}}
                ),
            )
            if result is not None:
                self.assertEqual(result["length"], 0)

        self.each_attacker(attempt)

    def test_10_orm_analytic_account_named_after_matter(self):
        """Timesheets give every matter an analytic account named after it.
        Leak found by this suite: every employee could name_search it."""
        account = self.protected.account_id
        self.assertTrue(account, "the matter has an analytic account")
        self.each_attacker(
            lambda u: self.assertFalse(
                self.try_orm(
                    u,
                    lambda env: env["account.analytic.account"].name_search(self.protected.name),
                )
            )
        )

    # == Related and computed fields on other models ============================

    def test_11_partner_search_through_matter_fields(self):
        """A domain on the client's matters (one2many to the matter) must not
        tell which contact is the protected matter's client."""
        self.each_attacker(
            lambda u: self.assertFalse(
                self.try_orm(
                    u,
                    lambda env: env["res.partner"].search(
                        [("law_client_matter_ids.name", "=", self.protected.name)]
                    ),
                )
            )
        )

    def test_12_counterparty_roles_on_partner(self):
        self.each_attacker(
            lambda u: self.assertFalse(
                self.try_orm(
                    u,
                    lambda env: env["res.partner"]
                    .browse(self.counterparty.id)
                    .read(["law_party_ids"])[0]["law_party_ids"],
                )
            )
        )

    def test_13_parties_of_matter(self):
        self.each_attacker(
            lambda u: self.assertFalse(
                self.try_orm(
                    u,
                    lambda env: env["law.matter.party"].search(
                        [("matter_id", "=", self.protected.id)]
                    ),
                )
            )
        )

    def test_14_tasks_by_project_domain(self):
        self.each_attacker(
            lambda u: self.assertFalse(
                self.try_orm(
                    u,
                    lambda env: env["project.task"].search(
                        [("project_id.name", "=", self.protected.name)]
                    ),
                )
            )
        )

    def test_15_task_read_group_by_project(self):
        self.each_attacker(
            lambda u: self.assertFalse(
                self.try_orm(
                    u,
                    lambda env: env["project.task"].formatted_read_group(
                        [("project_id", "=", self.protected.id)], ["project_id"], ["__count"]
                    ),
                )
            )
        )

    def test_16_task_read_by_id(self):
        self.each_attacker(
            lambda u: self.assertIsNone(
                self.try_orm(
                    u, lambda env: env["project.task"].browse(self.secret_task.id).read(["name"])
                )
            )
        )

    # == Chatter, documents, followers, activities ===============================

    def test_17_messages_by_record(self):
        self.each_attacker(
            lambda u: self.assertFalse(
                self.try_orm(
                    u,
                    lambda env: env["mail.message"].search(
                        [("model", "=", "project.project"), ("res_id", "=", self.protected.id)]
                    ),
                )
            )
        )

    def test_18_message_by_body_search(self):
        self.each_attacker(
            lambda u: self.assertFalse(
                self.try_orm(
                    u,
                    lambda env: env["mail.message"].search(
                        [("body", "ilike", "Privileged advice")]
                    ),
                )
            )
        )

    def test_19_message_read_by_id(self):
        self.each_attacker(
            lambda u: self.assertIsNone(
                self.try_orm(
                    u, lambda env: env["mail.message"].browse(self.secret_message.id).read(["body"])
                )
            )
        )

    def test_20_attachment_read_by_id(self):
        self.each_attacker(
            lambda u: self.assertIsNone(
                self.try_orm(
                    u,
                    lambda env: env["ir.attachment"]
                    .browse(self.secret_doc.id)
                    .read(["name", "datas"]),
                )
            )
        )

    def test_21_attachment_search_by_res_id(self):
        self.each_attacker(
            lambda u: self.assertFalse(
                self.try_orm(
                    u,
                    lambda env: env["ir.attachment"].search(
                        [("res_model", "=", "project.project"), ("res_id", "=", self.protected.id)]
                    ),
                )
            )
        )

    def test_22_followers_search(self):
        """Leak found while writing this suite: mail.followers had no rule."""
        self.each_attacker(
            lambda u: self.assertFalse(
                self.try_orm(
                    u,
                    lambda env: env["mail.followers"].search_read(
                        [("res_model", "=", "project.project"), ("res_id", "=", self.protected.id)],
                        ["partner_id"],
                    ),
                )
            )
        )

    def test_23_followers_read_by_id_and_count(self):
        followers = self.env["mail.followers"].search(
            [("res_model", "=", "project.project"), ("res_id", "=", self.protected.id)]
        )
        self.assertTrue(followers)

        def attempt(user):
            self.assertIsNone(
                self.try_orm(
                    user,
                    lambda env: env["mail.followers"].browse(followers.ids).read(["partner_id"]),
                )
            )
            count = self.try_orm(
                user,
                lambda env: env["mail.followers"].search_count(
                    [("res_model", "=", "project.project"), ("res_id", "=", self.protected.id)]
                ),
            )
            self.assertIn(count, (None, 0))

        self.each_attacker(attempt)

    def test_24_activities(self):
        def attempt(user):
            self.assertFalse(
                self.try_orm(
                    user,
                    lambda env: env["mail.activity"].search(
                        [("res_model", "=", "project.project"), ("res_id", "=", self.protected.id)]
                    ),
                )
            )
            self.assertIsNone(
                self.try_orm(
                    user,
                    lambda env: env["mail.activity"]
                    .browse(self.secret_activity.id)
                    .read(["summary"]),
                )
            )

        self.each_attacker(attempt)

    def test_25_correspondence_log(self):
        def attempt(user):
            self.assertFalse(
                self.try_orm(
                    user,
                    lambda env: env["law.correspondence"].search(
                        [("subject", "ilike", "Settlement")]
                    ),
                )
            )
            self.assertIsNone(
                self.try_orm(
                    user,
                    lambda env: env["law.correspondence"]
                    .browse(self.secret_log.id)
                    .read(["subject"]),
                )
            )

        self.each_attacker(attempt)

    def test_26_correspondence_stored_client_related(self):
        """law.correspondence.client_id is a stored related field: grouping by
        it must not count the protected matter's entries."""
        self.each_attacker(
            lambda u: self.assertFalse(
                self.try_orm(
                    u,
                    lambda env: env["law.correspondence"].formatted_read_group(
                        [("client_id", "=", self.client.id), ("matter_id", "=", self.protected.id)],
                        ["client_id"],
                        ["__count"],
                    ),
                )
            )
        )

    # == Money and time ==========================================================

    def test_27_timesheets(self):
        def attempt(user):
            self.assertFalse(
                self.try_orm(
                    user,
                    lambda env: env["account.analytic.line"].search(
                        [("project_id", "=", self.protected.id)]
                    ),
                )
            )
            self.assertFalse(
                self.try_orm(
                    user,
                    lambda env: env["account.analytic.line"].formatted_read_group(
                        [("name", "=", "Settlement strategy")], [], ["unit_amount:sum"]
                    )[0]["unit_amount:sum"],
                )
            )

        self.each_attacker(attempt)

    def test_28_invoice_naming_matter(self):
        def attempt(user):
            self.assertFalse(
                self.try_orm(
                    user,
                    lambda env: env["account.move"].search(
                        [("law_matter_id", "=", self.protected.id)]
                    ),
                )
            )
            self.assertIsNone(
                self.try_orm(
                    user,
                    lambda env: env["account.move"].browse(self.secret_invoice.id).read(["name"]),
                )
            )

        self.each_attacker(attempt, (*self.orm_attackers, self.billing_walled))

    def test_29_invoice_lines_by_label(self):
        self.each_attacker(
            lambda u: self.assertFalse(
                self.try_orm(
                    u,
                    lambda env: env["account.move.line"].search(
                        [("name", "=", "Settlement negotiations")]
                    ),
                )
            ),
            (*self.orm_attackers, self.billing_walled),
        )

    def test_30_client_funds(self):
        self.each_attacker(
            lambda u: self.assertFalse(
                self.try_orm(
                    u,
                    lambda env: env["law.client.fund.entry"].search(
                        [("matter_id", "=", self.protected.id)]
                    ),
                )
            ),
            (*self.orm_attackers, self.billing_walled),
        )

    # == HTTP: downloads, chatter routes, reports ================================

    def test_31_web_content_by_attachment_id(self):
        def attempt(_login):
            response = self.url_open(f"/web/content/{self.secret_doc.id}?download=true")
            self.assertNotEqual(response.status_code, 200)
            self.assert_clean(response.content, "/web/content")

        self.each_http(attempt)

    def test_32_web_image_by_attachment_id(self):
        def attempt(_login):
            response = self.url_open(f"/web/image/{self.secret_doc.id}")
            self.assert_clean(response.content, "/web/image")

        self.each_http(attempt)

    def test_33_web_content_by_model_and_field(self):
        def attempt(_login):
            response = self.url_open(
                f"/web/content/ir.attachment/{self.secret_doc.id}/datas?download=true"
            )
            self.assert_clean(response.content, "/web/content model/field")

        self.each_http(attempt)

    def test_34_chatter_messages_route(self):
        def attempt(_login):
            response = self.url_open(
                "/mail/thread/messages",
                data=json.dumps(
                    {
                        "params": {
                            "thread_model": "project.project",
                            "thread_id": self.protected.id,
                            "fetch_params": {"limit": 30},
                        }
                    }
                ),
                headers={"Content-Type": "application/json"},
            )
            self.assert_clean(response.content, "/mail/thread/messages")

        self.each_http(attempt)

    def test_35_chatter_route_with_leaked_token(self):
        """A matter's access token (it lands in notification emails) opens no
        chatter: the token is ignored on matters."""

        def attempt(_login):
            response = self.url_open(
                "/mail/thread/messages",
                data=json.dumps(
                    {
                        "params": {
                            "thread_model": "project.project",
                            "thread_id": self.protected.id,
                            "fetch_params": {"limit": 30},
                            "token": self.matter_token,
                        }
                    }
                ),
                headers={"Content-Type": "application/json"},
            )
            self.assert_clean(response.content, "/mail/thread/messages + token")

        self.each_http(attempt)

    def test_36_chatter_thread_data_route(self):
        def attempt(_login):
            response = self.url_open(
                "/mail/thread/data",
                data=json.dumps(
                    {
                        "params": {
                            "thread_model": "project.project",
                            "thread_id": self.protected.id,
                            "request_list": ["followers", "attachments", "activities"],
                        }
                    }
                ),
                headers={"Content-Type": "application/json"},
            )
            self.assert_clean(response.content, "/mail/thread/data")

        self.each_http(attempt)

    def test_37_invoice_pdf_report_by_id(self):
        self.each_http(
            lambda _login: self.assert_report_refused(
                "account.report_invoice", self.secret_invoice.id
            )
        )

    def test_38_portal_invoice_with_guessed_id(self):
        def attempt(_login):
            response = self.url_open(f"/my/invoices/{self.secret_invoice.id}")
            self.assert_clean(response.content, "/my/invoices/<id>")
            pdf = self.url_open(f"/my/invoices/{self.secret_invoice.id}?report_type=pdf")
            self.assertNotEqual(pdf.content[:4], b"%PDF")

        self.each_http(attempt)

    # == Portal routes ==========================================================

    def test_39_portal_matter_with_guessed_id(self):
        def attempt(_login):
            for url in (
                f"/my/matters/{self.protected.id}",
                f"/my/matters/{self.protected.id}/documents/{self.secret_doc.id}",
                f"/my/matters/{self.fjell_matter.id}/documents/{self.secret_doc.id}",
            ):
                response = self.url_open(url)
                self.assert_clean(response.content, url)

        self.each_http(attempt)

    def test_40_stock_project_portal_with_leaked_token(self):
        def attempt(_login):
            for url in (
                f"/my/projects/{self.protected.id}?access_token={self.matter_token}",
                f"/my/projects/{self.protected.id}/task/{self.secret_task.id}"
                f"?access_token={self.matter_token}",
                f"/my/tasks/{self.secret_task.id}?access_token={self.task_token}",
                f"/my/projects/{self.protected.id}/project_sharing",
            ):
                response = self.url_open(url)
                self.assert_clean(response.content, url)

        self.each_http(attempt)

    def test_41_portal_post_to_foreign_matter(self):
        before = len(self.protected.message_ids)

        def attempt(login):
            if not login:
                return  # anonymous: auth="user" sends it to the login page
            self.url_open(
                f"/my/matters/{self.protected.id}/message",
                data={"message": "planted", "csrf_token": Request.csrf_token(self)},
            )

        self.each_http(attempt)
        self.protected.invalidate_recordset(["message_ids"])
        self.assertEqual(len(self.protected.message_ids), before)

    def test_42_portal_own_matter_with_foreign_document(self):
        """A lawyer of another matter cannot put the protected matter's
        document on a matter shared with its client either."""
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.fjell_matter.law_portal_document_ids = [Command.link(self.secret_doc.id)]

    # == Mail gateway ===========================================================

    def test_43_mail_alias_posting_does_not_answer(self):
        """An outsider writing to the matter's address gets nothing back and is
        not made a follower (who would then receive the matter's mail)."""
        company = self.env.company
        if not company.alias_domain_id:
            company.alias_domain_id = self.env["mail.alias.domain"].create({"name": "firm.example"})
        domain = company.alias_domain_id.name
        raw = (
            f"From: Spy <spy@evil.example>\r\nTo: {self.protected.alias_name}@{domain}\r\n"
            "Subject: Status?\r\nMessage-Id: <spy-1@evil.example>\r\n\r\nWhat is the status?\r\n"
        ).encode()
        # Refused outright (ValueError) would leak nothing either.
        with contextlib.suppress(ValueError):
            self.env["mail.thread"].message_process(False, raw)
        outgoing = self.env["mail.mail"].search([("email_to", "ilike", "evil.example")])
        for mail in outgoing:
            self.assert_clean(f"{mail.subject} {mail.body_html}", "reply to the outsider")
        spy = self.env["res.partner"].search([("email", "=", "spy@evil.example")])
        self.assertFalse(spy & self.protected.message_partner_ids)

    # == External API: XML-RPC and JSON-2 ========================================

    def test_44_xmlrpc_search_read_count_name_search(self):
        for user in (*self.internal_attackers, self.other_client):
            with self.subTest(attacker=user.login):
                for model, domain in (
                    ("project.project", [("id", "=", self.protected.id)]),
                    ("project.task", [("project_id", "=", self.protected.id)]),
                    (
                        "mail.message",
                        [("res_id", "=", self.protected.id), ("model", "=", "project.project")],
                    ),
                    ("ir.attachment", [("id", "=", self.secret_doc.id)]),
                    (
                        "mail.followers",
                        [("res_id", "=", self.protected.id), ("res_model", "=", "project.project")],
                    ),
                    ("law.correspondence", [("matter_id", "=", self.protected.id)]),
                    ("account.analytic.line", [("project_id", "=", self.protected.id)]),
                    ("account.move", [("law_matter_id", "=", self.protected.id)]),
                ):
                    rows = self.try_rpc(user, model, "search_read", domain, fields=["display_name"])
                    self.assertFalse(rows, model)
                    count = self.try_rpc(user, model, "search_count", domain)
                    self.assertIn(count, (None, 0), model)
                names = self.try_rpc(
                    user, "project.project", "name_search", self.protected.matter_number
                )
                self.assertFalse(names)

    def test_45_xmlrpc_read_and_export_by_id(self):
        for user in (*self.internal_attackers, self.other_client):
            with self.subTest(attacker=user.login):
                for model, record in (
                    ("project.project", self.protected),
                    ("mail.message", self.secret_message),
                    ("ir.attachment", self.secret_doc),
                    ("account.move", self.secret_invoice),
                ):
                    self.assertIsNone(
                        self.try_rpc(user, model, "read", record.ids, ["display_name"])
                    )
                    self.assertIsNone(
                        self.try_rpc(user, model, "export_data", record.ids, ["display_name"])
                    )

    def test_46_json2_search_read_and_read(self):
        for user in (*self.internal_attackers, self.other_client, None):
            with self.subTest(attacker=user.login if user else "anonymous"):
                for model, body in (
                    (
                        "project.project",
                        {"domain": [["id", "=", self.protected.id]], "fields": ["name"]},
                    ),
                    (
                        "mail.message",
                        {
                            "domain": [
                                ["res_id", "=", self.protected.id],
                                ["model", "=", "project.project"],
                            ],
                            "fields": ["body"],
                        },
                    ),
                    (
                        "mail.followers",
                        {
                            "domain": [
                                ["res_id", "=", self.protected.id],
                                ["res_model", "=", "project.project"],
                            ],
                            "fields": ["partner_id"],
                        },
                    ),
                ):
                    response = self.json2(user, model, "search_read", **body)
                    self.assert_clean(response.content, f"json2 {model}")
                    if response.status_code == 200:
                        self.assertEqual(response.json(), [])
                response = self.json2(
                    user, "project.project", "read", ids=self.protected.ids, fields=["name"]
                )
                self.assertNotEqual(response.status_code, 200)
                self.assert_clean(response.content, "json2 read")

    # == Calendar, intake, more chatter and web client routes ====================

    def test_47_calendar_event_of_matter(self):
        """A meeting scheduled on the matter: not found by its name, not
        counted, not read by id (Odoo opens every event to every employee)."""

        def attempt(user):
            self.assertFalse(
                self.try_orm(
                    user,
                    lambda env: env["calendar.event"].search(
                        [("name", "ilike", "Settlement meeting")]
                    ),
                )
            )
            count = self.try_orm(
                user,
                lambda env: env["calendar.event"].search_count(
                    [("res_model", "=", "project.project"), ("res_id", "=", self.protected.id)]
                ),
            )
            self.assertIn(count, (None, 0))
            self.assertIsNone(
                self.try_orm(
                    user,
                    lambda env: env["calendar.event"]
                    .browse(self.secret_meeting.id)
                    .read(["name", "description"]),
                )
            )

        self.each_attacker(attempt)

    def test_48_calendar_attendee_names_its_event(self):
        """Reading a many2one gives the target's name as superuser: an
        attendee of the matter's meeting must not name the meeting."""
        attendees = self.secret_meeting.attendee_ids
        self.assertTrue(attendees)

        def attempt(user):
            self.try_orm(
                user,
                lambda env: env["calendar.attendee"].browse(attendees.ids).read(["event_id"]),
            )
            self.assertFalse(
                self.try_orm(
                    user,
                    lambda env: env["calendar.attendee"].search_read(
                        [("event_id", "=", self.secret_meeting.id)], ["event_id"]
                    ),
                )
            )

        self.each_attacker(attempt)

    def test_49_intake_inquiry_names_its_matter(self):
        """The inquiry the matter came from (crm.lead.law_matter_id): its
        many2one would name the matter, and the inquiry is the matter's."""

        def attempt(user):
            self.assertFalse(
                self.try_orm(
                    user,
                    lambda env: env["crm.lead"].search_read(
                        [("law_matter_id", "=", self.protected.id)], ["law_matter_id"]
                    ),
                )
            )
            self.try_orm(
                user,
                lambda env: env["crm.lead"]
                .browse(self.secret_lead.id)
                .read(["name", "law_matter_id"]),
            )

        self.each_attacker(attempt)

    def test_50_activity_by_document_name(self):
        """mail.activity stores the document's name (res_name): a search on
        it must not find the matter's activity."""
        self.each_attacker(
            lambda u: self.assertFalse(
                self.try_orm(
                    u,
                    lambda env: env["mail.activity"].search_read(
                        [("res_name", "ilike", self.protected.name)], ["res_name"]
                    ),
                )
            )
        )

    def test_51_chatter_post_and_upload_routes(self):
        """The chatter's own write routes: no message or file lands on the
        matter, and the answer names nothing of it."""
        before = len(self.protected.message_ids)
        files = self.env["ir.attachment"].search_count([("res_id", "=", self.protected.id)])

        def attempt(_login):
            response = self.url_open(
                "/mail/message/post",
                data=json.dumps(
                    {
                        "params": {
                            "thread_model": "project.project",
                            "thread_id": self.protected.id,
                            "post_data": {"body": "planted", "message_type": "comment"},
                            "token": self.matter_token,
                        }
                    }
                ),
                headers={"Content-Type": "application/json"},
            )
            self.assert_clean(response.content, "/mail/message/post")
            response = self.url_open(
                "/mail/attachment/upload",
                data={
                    "thread_model": "project.project",
                    "thread_id": self.protected.id,
                    "csrf_token": Request.csrf_token(self),
                },
                files={"ufile": ("planted.txt", b"planted", "text/plain")},
            )
            self.assert_clean(response.content, "/mail/attachment/upload")

        self.each_http(attempt)
        self.env.invalidate_all()
        self.assertEqual(len(self.protected.message_ids), before)
        self.assertEqual(
            self.env["ir.attachment"].search_count([("res_id", "=", self.protected.id)]), files
        )

    def test_52_web_client_call_kw(self):
        """The web client's own RPC route (/web/dataset/call_kw): web_read and
        web_search_read of the matter, its meeting and its inquiry."""

        def attempt(login):
            for model, method, args, kwargs in (
                (
                    "project.project",
                    "web_read",
                    [self.protected.ids],
                    {"specification": {"name": {}}},
                ),
                (
                    "calendar.event",
                    "web_search_read",
                    [],
                    {
                        "domain": [["name", "ilike", "Settlement meeting"]],
                        "specification": {"name": {}},
                    },
                ),
                (
                    "crm.lead",
                    "web_search_read",
                    [],
                    {
                        "domain": [["law_matter_id", "=", self.protected.id]],
                        "specification": {"law_matter_id": {"fields": {"display_name": {}}}},
                    },
                ),
            ):
                response = self.url_open(
                    f"/web/dataset/call_kw/{model}/{method}",
                    data=json.dumps(
                        {
                            "params": {
                                "model": model,
                                "method": method,
                                "args": args,
                                "kwargs": kwargs,
                            }
                        }
                    ),
                    headers={"Content-Type": "application/json"},
                )
                self.assert_clean(response.content, f"call_kw {model}.{method}")

        self.each_http(attempt)

    def test_53_json2_calendar_lead_followers_by_id(self):
        for user in (*self.internal_attackers, self.other_client):
            with self.subTest(attacker=user.login):
                for model, ids in (
                    ("calendar.event", self.secret_meeting.ids),
                    ("crm.lead", self.secret_lead.ids),
                    ("law.correspondence", self.secret_log.ids),
                    ("account.analytic.line", self.secret_time.ids),
                ):
                    response = self.json2(user, model, "read", ids=ids, fields=["display_name"])
                    self.assert_clean(response.content, f"json2 {model}.read")
