from email.utils import formatdate

from odoo.tests import tagged

from .common import LawTourCase, build_email

LOGGING = "logg@advokatfirma-demo.no"


@tagged("post_install", "-at_install", "law_crm_tour")
class TestMailTour(LawTourCase):
    """Issue 12, flow 3, in Chromium as the demo lawyer Ingrid: an email she
    forwarded to the logging address is on her matter, and an email the
    gateway could not place is filed from triage onto the right matter.
    The emails come in through the real gateway (message_process)."""

    def run_as(self, lang):
        ingrid = self.env.ref("law_crm.demo_user_ingrid")
        matter = self.env.ref("law_crm.demo_matter_fjord_charter")
        self.set_user_lang(ingrid, lang)
        Thread = self.env["mail.thread"]
        now = formatdate(localtime=True)
        forward = f"Fwd: Sak {matter.matter_number}: laytime calculation"
        body = (
            "FYI.\n\n---------- Forwarded message ---------\n"
            "From: Fjord Shipping ASA <post@fjordshipping.example>\n"
            "Date: Thu, 3 Dec 2026 at 09:15\nSubject: Laytime calculation\n\n"
            "Please find our laytime calculation.\n"
        )
        Thread.message_process(
            False, build_email(LOGGING, ingrid.email_formatted, forward, body=body, date=now)
        )
        forwarded = matter.message_ids.filtered(lambda m: m.subject == forward)
        self.assertEqual(len(forwarded), 1, "the gateway put the forward on the matter")
        Thread.message_process(
            False,
            build_email(LOGGING, "someone@unknown.example", "Laytime documents", date=now),
        )
        item = self.env["law.mail.triage"].search([("subject", "=", "Laytime documents")])
        self.assertEqual((len(item), item.state), (1, "new"), "the gateway could not place it")
        self.env.flush_all()

        self.start_tour("/odoo/matters", "law_crm_mail", login="ingrid")

        self.assertEqual((item.state, item.matter_id), ("filed", matter))
        email = item.correspondence_ids.mail_message_id
        self.assertEqual((email.model, email.res_id), ("project.project", matter.id))
        self.assertEqual(item.correspondence_ids.matter_id, matter)
        logged = self.env["law.correspondence"].search([("mail_message_id", "=", forwarded.id)])
        self.assertEqual(logged.matter_id, matter)

    def test_mail_english(self):
        self.run_as("en_US")

    def test_mail_bokmal(self):
        self.run_as("nb_NO")
