from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import LawMailCommon, build_email


@tagged("post_install", "-at_install", "law_mail")
class TestMailRouting(LawMailCommon):
    """The routing table: where each kind of inbound email ends, through
    ``message_process`` exactly as the mail gateway calls it."""

    def assert_on_matter(self, matter, subject, direction="in"):
        message = self.emails_on(matter).filtered(lambda m: m.subject == subject)
        self.assertEqual(len(message), 1, f"{subject!r} is on {matter.name}")
        entry = self.Log.search([("mail_message_id", "=", message.id)])
        self.assertEqual(
            (entry.matter_id, entry.kind, entry.direction), (matter, "email", direction)
        )
        self.assertFalse(self.Triage.search([("subject", "=", subject)]), "and not in triage")
        return message, entry

    def assert_triaged(self, subject, reason, restricted=None):
        item = self.Triage.search([("subject", "=", subject)])
        self.assertEqual(len(item), 1, f"{subject!r} is in triage")
        self.assertEqual(item.reason, reason)
        self.assertEqual(item.restricted_matter_id, restricted or self.env["project.project"])
        self.assertEqual(len(self.emails_on(item)), 1, "the email itself is kept on the item")
        matters = self.matter | self.confidential | self.walled | self.estate
        self.assertFalse(
            self.env["mail.message"].search(
                [
                    ("model", "=", "project.project"),
                    ("res_id", "in", matters.ids),
                    ("subject", "=", subject),
                ]
            ),
            "and on no matter",
        )
        return item

    def test_01_matter_alias_with_attachment(self):
        self.assertEqual(self.matter.alias_name, f"sak-{self.matter.matter_number}")
        raw = build_email(
            self.alias_of(self.matter),
            "Nordvik Holding <post@nordvik.example>",
            "Signert avtale",
            attachment=("avtale.pdf", b"%PDF-1.4 signed"),
        )
        self.process(raw)
        message, entry = self.assert_on_matter(self.matter, "Signert avtale")
        self.assertEqual(message.author_id, self.client, "sender matched to the client")
        self.assertEqual(message.attachment_ids.mapped("name"), ["avtale.pdf"])
        self.assertEqual(entry.attachment_ids, message.attachment_ids)
        self.assertIn(self.client, entry.partner_ids)

    def test_02_logging_alias_matter_number_in_subject(self):
        subject = f"Sak {self.walled.matter_number}: tilsvar"
        raw = build_email("post@motpart.example", self.responsible.email, subject, cc=self.logging)
        self.process(raw)
        _message, entry = self.assert_on_matter(self.walled, subject, direction="out")
        self.assertEqual(entry.user_id, self.responsible)

    def test_03_reply_in_thread_to_logging_alias(self):
        sent = self.estate.message_post(
            body="Forslag til skifteoppgjør",
            subject="Skifte",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.solberg.ids,
        )
        raw = build_email(
            self.logging,
            "Nordvik Holding <post@nordvik.example>",
            "Re: Skifte",
            in_reply_to=sent.message_id,
        )
        self.process(raw)
        self.assert_on_matter(self.estate, "Re: Skifte")

    def test_04_forward_logs_original_sender_and_date(self):
        body = (
            "Til orientering.\n\n---------- Forwarded message ---------\n"
            "From: Solveig Solberg <solveig@solberg.example>\n"
            "Date: Tue, 1 Dec 2026 at 14:05\nSubject: Arven\n\nHei, se vedlagt testament.\n"
        )
        raw = build_email(self.logging, self.assistant.email, "Fwd: Arven", body=body)
        self.process(raw)
        _message, entry = self.assert_on_matter(self.estate, "Fwd: Arven")
        self.assertEqual(entry.original_sender, "Solveig Solberg <solveig@solberg.example>")
        # 14:05 in Oslo (UTC+1 in December), stored in UTC.
        self.assertEqual(str(entry.original_date), "2026-12-01 13:05:00")
        self.assertIn(self.solberg, entry.partner_ids)

    def test_05_cc_to_logging_alias_by_recipient(self):
        raw = build_email(
            "solveig@solberg.example",
            self.responsible.email,
            "Utkast til skifteavtale",
            cc=self.logging,
        )
        self.process(raw)
        self.assert_on_matter(self.estate, "Utkast til skifteavtale", direction="out")

    def test_06_unknown_sender_no_number_goes_to_triage(self):
        self.process(build_email(self.logging, "someone@unknown.example", "Hello there"))
        self.assert_triaged("Hello there", "no_match")

    def test_07_sender_with_two_open_matters_is_ambiguous(self):
        # Nordvik is the client of the lease matter and of the walled one.
        self.process(build_email(self.logging, "post@nordvik.example", "Spørsmål"))
        item = self.assert_triaged("Spørsmål", "ambiguous")
        self.assertEqual(item.candidate_matter_ids, self.matter | self.walled)

    def test_08_confidential_alias_unknown_sender_goes_to_lawyer(self):
        raw = build_email(self.alias_of(self.confidential), "stranger@evil.example", "Falcon?")
        self.process(raw)
        item = self.assert_triaged("Falcon?", "unknown_sender", restricted=self.confidential)
        self.assertEqual(item.responsible_user_id, self.responsible)
        self.assertFalse(
            self.env["mail.mail"].search([("email_to", "ilike", "evil.example")]),
            "no bounce or answer tells the outsider anything",
        )
        self.assert_visible(self.responsible, item)
        for user in (self.assistant, self.lawyer_out, self.partner_other):
            with self.subTest(user=user.login):
                self.assert_hidden(user, item)
                Triage = self.Triage.with_user(user)
                self.assertFalse(Triage.name_search("Falcon"))
                groups = Triage.formatted_read_group([], ["reason"], ["__count"])
                self.assertNotIn("unknown_sender", [group["reason"] for group in groups])

    def test_09_confidential_alias_known_sender_lands(self):
        raw = build_email(self.alias_of(self.confidential), "Eva <eva@example.no>", "Nytt bilag")
        self.process(raw)
        self.assert_on_matter(self.confidential, "Nytt bilag")

    def test_10_walled_user_forwarding_goes_to_triage(self):
        subject = f"VS: {self.walled.matter_number} motpartens brev"
        self.process(build_email(self.logging, self.partner_walled.email, subject))
        item = self.assert_triaged(subject, "not_visible", restricted=self.walled)
        with self.assertRaises(AccessError):
            item.with_user(self.partner_walled).read(["subject"])

    def test_11_walled_user_writing_to_matter_alias_goes_to_triage(self):
        self.process(build_email(self.alias_of(self.walled), self.partner_walled.email, "Innspill"))
        self.assert_triaged("Innspill", "not_visible", restricted=self.walled)

    def test_12_confidential_number_from_outsider_goes_to_lawyer(self):
        subject = f"Ang. {self.confidential.matter_number}"
        self.process(build_email(self.logging, "press@avis.example", subject))
        self.assert_triaged(subject, "unknown_sender", restricted=self.confidential)

    def test_13_unknown_number_no_match(self):
        self.process(build_email(self.logging, "someone@unknown.example", "Sak 2031-9999"))
        self.assert_triaged("Sak 2031-9999", "no_match")

    def test_14_unknown_matter_address_answers_like_a_known_one(self):
        mails_before = self.env["mail.mail"].search_count([])
        self.process(build_email(f"sak-2031-9999@{self.domain}", "x@probe.example", "Probe A"))
        self.process(build_email(self.alias_of(self.confidential), "x@probe.example", "Probe B"))
        self.assert_triaged("Probe A", "unknown_address")
        self.assert_triaged("Probe B", "unknown_sender", restricted=self.confidential)
        self.assertEqual(self.env["mail.mail"].search_count([]), mails_before, "no bounce")

    def test_15_duplicate_is_ignored(self):
        raw = build_email(
            self.alias_of(self.matter),
            "post@nordvik.example",
            "Twice",
            message_id="<twice@nordvik.example>",
        )
        self.process(raw)
        self.assertFalse(self.process(raw))
        self.assert_on_matter(self.matter, "Twice")

    def test_16_other_addresses_keep_odoo_behaviour(self):
        with self.assertRaisesRegex(ValueError, "No possible route"):
            self.process(build_email(f"nobody@{self.domain}", "x@probe.example", "Lost"))
        self.assertFalse(self.Triage.search([("subject", "=", "Lost")]))


@tagged("post_install", "-at_install", "law_mail")
class TestMailTriage(LawMailCommon):
    """Working the triage queue: filing moves the email, with its attachments,
    onto the matter and its log; nobody files onto a matter they cannot see."""

    def _unfiled(self, subject):
        raw = build_email(
            self.logging,
            "someone@unknown.example",
            subject,
            attachment=("bilag.pdf", b"%PDF-1.4 x"),
        )
        self.process(raw)
        return self.Triage.search([("subject", "=", subject)])

    def test_file_on_matter(self):
        item = self._unfiled("Til riktig sak")
        email = self.emails_on(item)
        as_assistant = item.with_user(self.assistant)
        as_assistant.matter_id = self.estate
        as_assistant.action_file()
        self.assertEqual(item.state, "filed")
        self.assertEqual((email.model, email.res_id), ("project.project", self.estate.id))
        self.assertEqual(email.attachment_ids.res_id, self.estate.id)
        entry = self.Log.search([("mail_message_id", "=", email.id)])
        self.assertEqual(entry.matter_id, self.estate)
        self.assertEqual(item.correspondence_ids, entry)
        self.assertEqual(self.estate.with_user(self.assistant).correspondence_count, 1)
        with self.assertRaisesRegex(Exception, "already been handled"):
            as_assistant.action_file()

    def test_cannot_file_on_hidden_matter(self):
        item = self._unfiled("Feil sak")
        as_assistant = item.with_user(self.assistant)
        with self.assertRaises(AccessError):
            as_assistant.write({"matter_id": self.confidential.id})
            as_assistant.action_file()
        self.env.invalidate_all()
        self.assertEqual(item.state, "new")
        self.assertEqual(self.emails_on(item).model, "law.mail.triage")

    def test_discard_needs_reason_and_keeps_email(self):
        item = self._unfiled("Reklame")
        with self.assertRaisesRegex(Exception, "why"):
            item.with_user(self.assistant).action_discard()
        item.with_user(self.assistant).write({"discard_reason": "Spam"})
        item.with_user(self.assistant).action_discard()
        self.assertEqual(item.state, "discarded")
        self.assertEqual(len(self.emails_on(item)), 1)
        with self.assertRaises(AccessError):
            item.with_user(self.assistant).unlink()
