from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import LawMailCommon, build_email


@tagged("post_install", "-at_install", "law_mail")
class TestCorrespondence(LawMailCommon):
    """The log fills itself from email and takes calls, meetings and letters by
    hand; it is exactly as visible as its matter."""

    def test_outbound_message_is_logged_notes_are_not(self):
        matter = self.matter.with_user(self.responsible)
        matter.message_post(
            body="Vedlagt vårt tilsvar.",
            subject="Tilsvar",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.client.ids,
        )
        matter.message_post(body="Internt: ring klienten", subtype_xmlid="mail.mt_note")
        entries = self.Log.search([("matter_id", "=", self.matter.id)])
        self.assertEqual(len(entries), 1)
        self.assertEqual(
            (entries.kind, entries.direction, entries.subject), ("email", "out", "Tilsvar")
        )
        self.assertEqual(entries.user_id, self.responsible)
        self.assertIn(self.client, entries.partner_ids)

    def test_inbound_email_is_logged_once(self):
        self.process(build_email(self.alias_of(self.estate), "solveig@solberg.example", "Spørsmål"))
        entry = self.Log.search([("matter_id", "=", self.estate.id)])
        self.assertEqual((entry.kind, entry.direction, entry.user_id.id), ("email", "in", False))
        self.assertEqual(entry.client_id, self.solberg)
        # Logging the same message again adds nothing.
        self.assertFalse(self.Log._log_emails(entry.mail_message_id))

    def test_log_a_call_from_the_matter(self):
        action = self.matter.with_user(self.assistant).action_log_correspondence()
        self.assertEqual(action["context"]["default_matter_id"], self.matter.id)
        form = Form(
            self.Log.with_user(self.assistant).with_context(**action["context"]),
            view="law_crm.law_correspondence_view_form_quick",
        )
        form.subject = "Klienten ringte om befaring"
        form.partner_ids.add(self.client)
        form.duration = 0.25
        call = form.save()
        self.assertEqual((call.kind, call.direction, call.matter_id), ("phone", "in", self.matter))
        self.assertEqual(call.user_id, self.assistant)
        self.assertEqual(self.matter.with_user(self.assistant).correspondence_count, 1)
        self.assertEqual(self.client.with_user(self.assistant).law_correspondence_count, 1)
        timeline = self.client.with_user(self.assistant).action_view_correspondence()
        self.assertEqual(self.Log.with_user(self.assistant).search(timeline["domain"]), call)

    def test_meetings_and_letters_and_volumes(self):
        Log = self.Log.with_user(self.responsible)
        Log.create(
            [
                {
                    "matter_id": self.matter.id,
                    "kind": "meeting",
                    "subject": "Møte",
                    "duration": 1.5,
                    "direction": "internal",
                },
                {
                    "matter_id": self.matter.id,
                    "kind": "letter",
                    "subject": "Brev",
                    "direction": "out",
                },
                {
                    "matter_id": self.walled.id,
                    "kind": "letter",
                    "subject": "Brev 2",
                    "direction": "in",
                },
            ]
        )
        groups = Log.formatted_read_group(
            [("matter_id", "in", (self.matter | self.walled).ids)],
            ["kind"],
            ["__count", "duration:sum"],
        )
        volumes = {group["kind"]: (group["__count"], group["duration:sum"]) for group in groups}
        self.assertEqual(volumes, {"meeting": (1, 1.5), "letter": (2, 0.0)})

    def test_need_to_know(self):
        entries = self.Log.create(
            [
                {
                    "matter_id": matter.id,
                    "subject": f"Samtale {matter.name}",
                    "partner_ids": [Command.link(self.counterparty.id)],
                    "attachment_ids": [
                        Command.create(
                            {
                                "name": "notat.txt",
                                "raw": b"privileged",
                                "res_model": "project.project",
                                "res_id": matter.id,
                            }
                        )
                    ],
                }
                for matter in self.matter | self.hidden_matters
            ]
        )
        for entry in entries:
            entry.message_post(body="Privileged", message_type="comment")
        for user, hidden in self.attackers:
            hidden_entries = entries.filtered(lambda e, h=hidden: e.matter_id in h)
            with self.subTest(user=user.login):
                self.assert_hidden(user, hidden_entries)
                Log = self.Log.with_user(user)
                if not Log.has_access("read"):
                    continue
                for entry in hidden_entries:
                    self.assertNotIn(entry.id, [r[0] for r in Log.name_search(entry.subject)])
                counts = Log.formatted_read_group(
                    [("id", "in", hidden_entries.ids)], [], ["__count"]
                )
                self.assertEqual(counts[0]["__count"], 0, "read_group counts nothing hidden")
                messages = (
                    self.env["mail.message"]
                    .with_user(user)
                    .search(
                        [("model", "=", "law.correspondence"), ("res_id", "in", hidden_entries.ids)]
                    )
                )
                self.assertFalse(messages.filtered(lambda m: m.body and "Privileged" in m.body))
                with self.assertRaises(AccessError):
                    hidden_entries[:1].attachment_ids.with_user(user).read(["raw"])
        self.assert_visible(self.responsible, entries)
        self.assert_visible(self.assistant, entries.filtered(lambda e: e.matter_id == self.matter))
