from odoo import Command
from odoo.tests import tagged

from .common import GdprCommon


@tagged("post_install", "-at_install")
class TestNewsletter(GdprCommon):
    """A practice area's newsletter (mass_mailing) reaches only subscribers
    with a valid legal basis for direct marketing who did not unsubscribe."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        area = cls.env["law.practice.area"].create({"name": "Employment law news"})
        cls.mailing_list = area.mailing_list_id
        Partner = cls.env["res.partner"]
        cls.consented, cls.unsubscribed, cls.no_consent, cls.withdrawn = Partner.create(
            [
                {"name": name, "email": f"{name.lower().replace(' ', '.')}@example.no"}
                for name in ("Consented", "Unsubscribed", "No Consent", "Withdrawn")
            ]
        )
        for partner in cls.consented | cls.unsubscribed:
            cls.give_consent(partner, cls.marketing)
        cls.give_consent(cls.withdrawn, cls.marketing).action_withdraw()
        contacts = cls.env["mailing.contact"].create(
            [
                {
                    "name": partner.name,
                    "email": partner.email,
                    "list_ids": [Command.link(cls.mailing_list.id)],
                }
                for partner in cls.consented | cls.unsubscribed | cls.no_consent | cls.withdrawn
            ]
            + [
                {
                    "name": "Stranger",
                    "email": "stranger@example.no",
                    "list_ids": [Command.link(cls.mailing_list.id)],
                }
            ]
        )
        cls.contacts = dict(
            zip(
                ("consented", "unsubscribed", "no_consent", "withdrawn", "stranger"),
                contacts,
                strict=True,
            )
        )
        cls.contacts["unsubscribed"].subscription_ids.opt_out = True

    def test_practice_area_has_public_list(self):
        self.assertTrue(self.mailing_list.is_public, "on the subscription page")
        self.assertEqual(self.mailing_list.law_practice_area_id.name, "Employment law news")

    def test_newsletter_skips_without_consent_and_unsubscribed(self):
        mailing = self.env["mailing.mailing"].create(
            {
                "subject": "Nytt i arbeidsretten",
                "body_html": "<p>Nyheter</p>",
                "mailing_model_id": self.env["ir.model"]._get_id("mailing.list"),
                "contact_list_ids": [Command.set(self.mailing_list.ids)],
            }
        )
        self.assertEqual(mailing.law_gdpr_purpose_id, self.marketing)
        mailing.action_send_mail()
        traces = {trace.res_id: trace for trace in mailing.mailing_trace_ids}
        status = {key: traces[contact.id] for key, contact in self.contacts.items()}
        self.assertNotEqual(status["consented"].trace_status, "cancel")
        for key in ("unsubscribed", "no_consent", "withdrawn", "stranger"):
            self.assertEqual(status[key].trace_status, "cancel", key)
        self.assertEqual(status["unsubscribed"].failure_type, "mail_optout")
        for key in ("no_consent", "withdrawn", "stranger"):
            self.assertEqual(status[key].failure_type, "law_gdpr_no_basis", key)
        sent = (
            self.env["mail.mail"]
            .sudo()
            .search([("mailing_id", "=", mailing.id), ("state", "!=", "cancel")])
        )
        self.assertEqual(sent.mapped("email_to"), [self.consented.email])

    def test_objection_on_a_duplicate_contact_wins(self):
        """Consent on one contact, an objection on another with the same
        address: the subscriber with that address is not mailed."""
        duplicate = self.env["res.partner"].create(
            {"name": "Consented (old record)", "email": self.consented.email}
        )
        self.env["law.gdpr.legal.basis"].create(
            {
                "partner_id": duplicate.id,
                "purpose_id": self.marketing.id,
                "basis": "legitimate_interest",
                "justification": "Former client",
            }
        ).action_object()
        mailing = self.env["mailing.mailing"].create(
            {
                "subject": "Nytt i arbeidsretten",
                "body_html": "<p>Nyheter</p>",
                "mailing_model_id": self.env["ir.model"]._get_id("mailing.list"),
                "contact_list_ids": [Command.set(self.mailing_list.ids)],
            }
        )
        mailing.action_send_mail()
        trace = mailing.mailing_trace_ids.filtered(
            lambda t: t.res_id == self.contacts["consented"].id
        )
        self.assertEqual(trace.trace_status, "cancel")
        self.assertEqual(trace.failure_type, "law_gdpr_no_basis")
