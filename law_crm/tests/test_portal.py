from odoo.http import Request
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import LawCrmHttpCommon
from .portal_common import LawPortalSetup


class PortalAssertions:
    """What the client's tour must have left on the matter."""

    def assert_upload_filed(self, user):
        """The tour's message and document are on the matter, in its shared
        documents and in its correspondence log, posted as the client."""
        self.env.invalidate_all()
        document = self.env["ir.attachment"].search(
            [("name", "=", "signed-lease.txt"), ("res_model", "=", "project.project")]
        )
        self.assertEqual(len(document), 1)
        self.assertEqual(document.res_id, self.matter.id)
        self.assertEqual(document.raw, b"Signed lease, page 1")
        self.assertIn(document, self.matter.law_portal_document_ids)
        message = self.matter.message_ids.filtered(lambda m: document in m.attachment_ids)
        self.assertEqual(message.author_id, user.partner_id)
        self.assertIn("Here is the signed lease.", message.body)
        self.assertFalse(message.subtype_id.internal)
        entry = self.env["law.correspondence"].search([("mail_message_id", "=", message.id)])
        self.assertEqual(entry.matter_id, self.matter)
        self.assertEqual(entry.direction, "in")
        self.assertEqual(entry.attachment_ids, document)
        # Posting did not make the client a follower (it would get the
        # matter's other mail by email).
        self.assertNotIn(user.partner_id, self.matter.message_partner_ids)


@tagged("post_install", "-at_install", "law_portal")
class TestClientPortal(PortalAssertions, LawPortalSetup, LawCrmHttpCommon):
    """The client portal in a real browser, and what another client gets."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_portal()

    def test_client_tour_english(self):
        self.start_tour("/my/matters", "law_crm_portal_matter_tour", login="client_en")
        self.assert_upload_filed(self.client_en)

    def test_client_tour_bokmal(self):
        self.start_tour("/my/matters", "law_crm_portal_matter_tour", login="client_nb")
        self.assert_upload_filed(self.client_nb)
        self.authenticate("client_nb", "client_nb" * 2)
        page = self.url_open(f"/my/matters/{self.matter.id}").text
        for bokmal in (
            "Status og neste steg",
            "Dokumenter",
            "Kommende rettsmøter og møter",
            "Skriv til oss",
            "Send",
        ):
            self.assertIn(bokmal, page)

    def test_client_sees_only_shared(self):
        # Notification emails link a matter to the client portal.
        self.assertEqual(self.matter.access_url, f"/my/matters/{self.matter.id}")
        self.authenticate("client_en", "client_en" * 2)
        page = self.url_open("/my/matters").text
        self.assertIn(self.matter.name, page)
        for hidden in (self.walled, self.confidential, self.fjell_matter):
            self.assertNotIn(hidden.name, page)
        page = self.url_open(f"/my/matters/{self.matter.id}").text
        self.assertIn("engagement-letter.txt", page)
        self.assertNotIn("internal-memo.txt", page)
        self.assertIn("Main hearing, Oslo tingrett", page)
        self.assertIn("Oslo tingrett, room 3", page)
        self.assertNotIn("witness strategy", page)
        self.assertNotIn(self.counterparty.name, page)
        self.assertNotIn(self.assistant.name, page)
        response = self.url_open(f"/my/matters/{self.matter.id}/documents/{self.shared_doc.id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"Engagement letter")
        self.assertIn("attachment", response.headers["Content-Disposition"])

    @mute_logger("odoo.http")
    def test_second_client_sees_none_of_it(self):
        self.authenticate("other_client", "other_client" * 2)
        page = self.url_open("/my/matters").text
        self.assertIn(self.fjell_matter.name, page)
        self.assertNotIn(self.matter.name, page)
        self.assertNotIn(self.matter.matter_number, page)
        home = self.make_jsonrpc_request("/my/counters", {"counters": ["law_matter_count"]})
        self.assertEqual(home["law_matter_count"], 1)
        for url in (
            f"/my/matters/{self.matter.id}",
            f"/my/matters/{self.walled.id}",
            f"/my/matters/{self.matter.id}/documents/{self.shared_doc.id}",
            f"/my/matters/{self.fjell_matter.id}/documents/{self.shared_doc.id}",
        ):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn(self.matter.name, response.text)
                self.assertNotIn("Engagement letter", response.text)
                self.assertNotIn("Main hearing", response.text)
        before = len(self.matter.message_ids)
        response = self.url_open(
            f"/my/matters/{self.matter.id}/message",
            data={"message": "planted", "csrf_token": Request.csrf_token(self)},
        )
        self.assertEqual(response.status_code, 404)
        self.matter.invalidate_recordset(["message_ids"])
        self.assertEqual(len(self.matter.message_ids), before)

    def test_unshared_matter_of_own_client_hidden(self):
        self.authenticate("client_en", "client_en" * 2)
        with mute_logger("odoo.http"):
            response = self.url_open(f"/my/matters/{self.walled.id}")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("Not for the client yet", response.text)


@tagged("post_install", "-at_install", "law_portal")
class TestClientPortalPhone(PortalAssertions, LawPortalSetup, LawCrmHttpCommon):
    """The same client tour on a phone: a small touch screen."""

    browser_size = "375x667"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_portal()

    def test_client_tour_on_a_phone(self):
        self.start_tour("/my/matters", "law_crm_portal_matter_tour", login="client_nb")
        self.assert_upload_filed(self.client_nb)
