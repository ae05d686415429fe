from datetime import date, datetime, time

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import LawCrmCommon


def on(day):
    """Freeze time at 09:00 UTC (10:00 in Oslo) on ``day``."""
    return freeze_time(datetime.combine(day, time(9, 0)))


@tagged("post_install", "-at_install")
class TestStatusReport(LawCrmCommon):
    """Scheduled status reports: once per period, through the mail queue,
    logged in the correspondence log; held and opted-out matters get none."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client.write({"email": "post@nordvik.example", "lang": "en_US"})
        cls.matter.write(
            {
                "state": "open",
                "date_opened": "2026-01-05",
                "law_status_report_interval": "monthly",
                "law_status_report_next_date": "2026-01-15",
            }
        )
        Task = cls.env["project.task"].with_context(mail_create_nolog=True)
        cls.shared_done, cls.private_done, cls.shared_next = Task.create(
            [
                {
                    "name": "Filed the writ",
                    "project_id": cls.matter.id,
                    "law_share_with_client": True,
                },
                {"name": "Internal strategy memo", "project_id": cls.matter.id},
                {
                    "name": "Reply from the other side due",
                    "project_id": cls.matter.id,
                    "law_share_with_client": True,
                    "date_deadline": "2026-03-01 12:00:00",
                },
            ]
        )
        with on(date(2026, 1, 10)):
            (cls.shared_done | cls.private_done).write({"state": "1_done"})

    def _reports(self):
        return self.matter.message_ids.filtered(
            lambda m: m.message_type == "comment"
            and m.subject
            and m.subject.startswith("Status of your matter")
        )

    def _run(self, day):
        """Run the cron as the scheduler does, in its own (test) cursor whose
        commits are savepoints of this transaction."""
        with on(day), self.enter_registry_test_mode():
            self.env.ref("law_crm.ir_cron_law_status_reports").method_direct_trigger()
        self.env.invalidate_all()

    def test_once_per_period_queued_and_logged(self):
        self._run(date(2026, 1, 14))
        self.assertFalse(self._reports(), "not due yet")

        self._run(date(2026, 1, 15))
        report = self._reports()
        self.assertEqual(len(report), 1)
        self.assertEqual(report.partner_ids, self.client)
        self.assertEqual(report.author_id, self.responsible.partner_id)
        self.assertIn("Filed the writ", report.body)
        self.assertIn("Reply from the other side due", report.body)
        self.assertNotIn("Internal strategy memo", report.body)
        self.assertIn("Open", report.body)
        mail = self.env["mail.mail"].sudo().search([("mail_message_id", "=", report.id)])
        self.assertEqual(mail.state, "outgoing", "queued, not sent inside the cron")
        self.assertIn(self.client, mail.recipient_ids)
        entry = self.env["law.correspondence"].search([("mail_message_id", "=", report.id)])
        self.assertEqual(entry.direction, "out")
        self.assertEqual(entry.matter_id, self.matter)
        self.assertEqual(self.matter.law_status_report_next_date, date(2026, 2, 15))
        self.assertEqual(self.matter.law_status_report_last_date, date(2026, 1, 15))

        # The cron runs every hour: nothing more in the same period.
        self._run(date(2026, 1, 15))
        self._run(date(2026, 2, 14))
        self.assertEqual(len(self._reports()), 1)

        # Down for two periods: one report, then the next period after today.
        self._run(date(2026, 4, 20))
        reports = self._reports()
        self.assertEqual(len(reports), 2)
        self.assertNotIn("Filed the writ", reports[0].body, "reported already")
        self.assertEqual(self.matter.law_status_report_next_date, date(2026, 5, 15))

    def test_hold(self):
        self.matter.action_law_hold_status_reports()
        self._run(date(2026, 1, 20))
        self.assertFalse(self._reports())
        self.assertEqual(self.matter.law_status_report_next_date, date(2026, 1, 15))
        self.matter.action_law_release_status_reports()
        self._run(date(2026, 1, 21))
        self.assertEqual(len(self._reports()), 1)
        self.assertEqual(self.matter.law_status_report_next_date, date(2026, 2, 15))

    def test_opt_out_and_not_opted_in(self):
        other = self.walled
        other.write({"state": "open", "date_opened": "2026-01-05"})
        self.client.law_no_status_reports = True
        self._run(date(2026, 1, 15))
        self.assertFalse(self._reports())
        self.assertFalse(
            other.message_ids.filtered(lambda m: m.message_type == "comment"),
            "no schedule, no report",
        )
        note = self.matter.message_ids.filtered(lambda m: "opted out" in (m.body or ""))
        self.assertTrue(note, "the lawyer sees why nothing went out")
        self.assertFalse(note.partner_ids)
        self.assertEqual(self.matter.law_status_report_next_date, date(2026, 2, 15))

    def test_preview_renders_in_composer(self):
        action = self.matter.with_user(self.responsible).action_law_preview_status_report()
        with on(date(2026, 1, 15)):
            composer = (
                self.env["mail.compose.message"]
                .with_user(self.responsible)
                .with_context(**action["context"])
                .create({})
            )
            self.assertIn("Filed the writ", composer.body)
        self.assertEqual(composer.partner_ids, self.client)
        self.assertFalse(self._reports(), "a preview sends nothing")

    def test_shared_step_stays_need_to_know(self):
        """Sharing a step with the client opens it to no one in the firm."""
        step = self.env["project.task"].create(
            {
                "name": "Walled step",
                "project_id": self.walled.id,
                "law_share_with_client": True,
                "user_ids": [Command.clear()],
            }
        )
        self.assert_hidden(self.lawyer_out, step)
        self.assert_hidden(self.partner_walled, step)
        self.assert_visible(self.responsible, step)

    def test_switched_on_without_date_starts_one_period_on(self):
        with on(date(2026, 1, 10)):
            self.walled.write({"law_status_report_interval": "weekly"})
        self.assertEqual(self.walled.law_status_report_next_date, date(2026, 1, 17))
