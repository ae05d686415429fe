from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import TransactionCase, new_test_user, tagged

START = date(2026, 3, 2)  # a Monday; every scenario starts here


def day(offset):
    """The day ``offset`` days after START."""
    return START + timedelta(days=offset)


@contextmanager
def on(when):
    """Freeze time at 09:00 UTC (10:00 in Oslo) on ``when``."""
    with freeze_time(datetime.combine(when, time(9, 0))):
        yield


@tagged("post_install", "-at_install")
class TestReminders(TransactionCase):
    """The reminder cron: each rung of the ladder exactly once, whatever the
    number of runs, crashes or edits; escalation to the right people, once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def user(login, group, **kwargs):
            # English, so the texts below read the same whatever the
            # database's languages: each recipient gets their own language.
            return new_test_user(
                cls.env,
                login=login,
                groups=f"law_crm.group_law_{group}",
                email=f"{login}@firm.example",
                lang="en_US",
                **kwargs,
            )

        cls.lawyer = user("rem_lawyer", "lawyer", notification_type="inbox")
        cls.supervisor = user("rem_supervisor", "partner")
        cls.compliance = user("rem_compliance", "compliance")
        cls.compliance_2 = user("rem_compliance_2", "compliance", notification_type="inbox")
        cls.client = cls.env["res.partner"].create(
            {"name": "Nordvik Holding AS", "is_company": True}
        )
        Matter = cls.env["project.project"]
        cls.matter = Matter.create(
            {
                "name": "Nordvik – lease dispute",
                "is_matter": True,
                "partner_id": cls.client.id,
                "user_id": cls.lawyer.id,
                "supervising_partner_id": cls.supervisor.id,
            }
        )
        cls.unsupervised_matter = Matter.create(
            {
                "name": "Nordvik – debt collection",
                "is_matter": True,
                "partner_id": cls.client.id,
                "user_id": cls.lawyer.id,
            }
        )
        cls.cron = cls.env.ref("law_crm_deadlines.ir_cron_deadline_reminders")

    # -- helpers -------------------------------------------------------------------

    def _deadline(self, deadline_date, matter=None, **vals):
        """A deadline pinned to ``deadline_date`` by a court-set date."""
        values = {
            "matter_id": (matter or self.matter).id,
            "name": "Ankefrist",
            "amount": 1,
            "unit": "months",
            "override_date": deadline_date,
            "override_reason": "Set by the court",
        }
        values.update(vals)
        return self.env["law.deadline"].create(values)

    def _run_cron(self):
        """Run the cron as the scheduler does: in its own cursor, each batch
        committed by ``_commit_progress``. In registry test mode that cursor
        is a test cursor on this transaction, whose commits are savepoints and
        whose rollbacks undo everything since the last commit, as a crash does."""
        with self.enter_registry_test_mode():
            self.cron.method_direct_trigger()

    def _run_days(self, first, last, runs_per_day=2):
        for offset in range((last - first).days + 1):
            with on(first + timedelta(days=offset)):
                for _run in range(runs_per_day):
                    self._run_cron()

    def _messages(self, deadline, partner, prefix):
        """Messages starting with ``prefix`` posted on ``deadline`` to ``partner``,
        which ``partner`` was really notified of (inbox or email)."""
        messages = self.env["mail.message"].search(
            [
                ("model", "=", "law.deadline"),
                ("res_id", "=", deadline.id),
                ("partner_ids", "in", partner.ids),
                ("body", "ilike", prefix),
            ],
            order="id",
        )
        notified = messages.notification_ids.filtered(lambda n: n.res_partner_id == partner)
        self.assertEqual(notified.mail_message_id, messages, "every message is a notification")
        return messages

    def _reminders(self, deadline, partner=None):
        return self._messages(deadline, partner or self.lawyer.partner_id, "Reminder:")

    def _escalations(self, deadline, partner, prefix="Escalation:"):
        return self._messages(deadline, partner, prefix)

    def _sent_on(self, messages):
        return [message.date.date() for message in messages]

    # -- the ladder ----------------------------------------------------------------

    def test_each_rung_exactly_once_across_runs_and_days(self):
        deadline_date = day(20)
        with on(START):
            deadline = self._deadline(deadline_date)
        self.assertEqual(deadline.next_reminder_date, day(6), "first rung: 14 days before")

        self._run_days(START, deadline_date + timedelta(days=2))

        reminders = self._reminders(deadline)
        self.assertEqual(
            self._sent_on(reminders),
            [deadline_date - timedelta(days=days) for days in (14, 7, 3, 1, 0)],
        )
        self.assertIn("in 14 days", reminders[0].body)
        self.assertIn("expires today", reminders[-1].body)
        self.assertIn(self.matter.matter_number, reminders[0].body)
        self.assertFalse(deadline.next_reminder_date, "the 0 rung was the last one")
        self.assertEqual(deadline.last_reminder_date, deadline_date)

    def test_late_deadline_starts_at_the_next_rung(self):
        deadline_date = day(10)
        with on(START):
            deadline = self._deadline(deadline_date)
        self.assertEqual(deadline.next_reminder_date, day(3), "7-day rung, not a stale 14")

        self._run_days(START, deadline_date + timedelta(days=1), runs_per_day=1)

        self.assertEqual(
            self._sent_on(self._reminders(deadline)),
            [deadline_date - timedelta(days=days) for days in (7, 3, 1, 0)],
        )

    def test_past_deadline_gets_no_reminder(self):
        with on(START):
            deadline = self._deadline(day(-1))
            self.assertFalse(deadline.next_reminder_date)
            self._run_cron()
        self.assertFalse(self._reminders(deadline))

    def test_moving_the_date_rearms_the_ladder(self):
        deadline_date = day(20)
        with on(START):
            deadline = self._deadline(deadline_date)
        self._run_days(START, deadline_date - timedelta(days=7))
        self.assertEqual(len(self._reminders(deadline)), 2, "14 and 7")

        # Editing anything else on the day of a rung sends nothing again.
        with on(deadline_date - timedelta(days=7)):
            deadline.write({"name": "Ankefrist (renamed)", "user_id": self.lawyer.id})
            self._run_cron()
        self.assertEqual(len(self._reminders(deadline)), 2)

        new_date = deadline_date + timedelta(days=10)
        with on(deadline_date - timedelta(days=6)):
            deadline.write({"override_date": new_date})
        self.assertEqual(deadline.next_reminder_date, new_date - timedelta(days=14))
        self.assertEqual(deadline.reminder_deadline_date, new_date)

        self._run_days(deadline_date - timedelta(days=6), new_date + timedelta(days=1))
        self.assertEqual(
            self._sent_on(self._reminders(deadline)),
            [deadline_date - timedelta(days=days) for days in (14, 7)]
            + [new_date - timedelta(days=days) for days in (14, 7, 3, 1, 0)],
        )

    def test_cron_down_for_days_sends_one_reminder_not_a_burst(self):
        deadline_date = day(20)
        with on(START):
            deadline = self._deadline(deadline_date)
        with on(deadline_date - timedelta(days=14)):
            self._run_cron()
        # Down from the 7-day rung until two days before.
        self._run_days(deadline_date - timedelta(days=2), deadline_date, runs_per_day=1)

        reminders = self._reminders(deadline)
        self.assertEqual(
            self._sent_on(reminders),
            [deadline_date - timedelta(days=days) for days in (14, 2, 1, 0)],
        )
        self.assertIn("in 2 days", reminders[1].body)

    def test_reopened_deadline_does_not_repeat_rungs(self):
        deadline_date = day(10)
        with on(deadline_date - timedelta(days=7)):
            deadline = self._deadline(deadline_date)
            self._run_cron()
            deadline.action_cancel()
            self.assertFalse(deadline.next_reminder_date)
            deadline.action_reset_to_draft()
            self.assertEqual(deadline.next_reminder_date, deadline_date - timedelta(days=3))
            self._run_cron()
        self.assertEqual(len(self._reminders(deadline)), 1)

    def test_closed_deadlines_get_nothing(self):
        with on(START):
            done = self._deadline(day(7), criticality="critical")
            cancelled = self._deadline(day(3))
            done.with_user(self.supervisor).action_confirm()
            done.action_done()
            cancelled.action_cancel()
            self.assertFalse(any((done | cancelled).mapped("next_reminder_date")))
        self._run_days(START, day(10), runs_per_day=1)
        for partner in (self.lawyer, self.supervisor, self.compliance):
            for deadline in done | cancelled:
                self.assertFalse(self._reminders(deadline, partner.partner_id))
                self.assertFalse(self._escalations(deadline, partner.partner_id))

    def test_archived_lawyer_reminder_goes_to_supervisor(self):
        with on(START):
            deadline = self._deadline(day(7))
            self.lawyer.action_archive()
            self._run_cron()
        self.assertFalse(self._reminders(deadline))
        self.assertEqual(len(self._reminders(deadline, self.supervisor.partner_id)), 1)

    # -- crashes -------------------------------------------------------------------

    @contextmanager
    def _crash_on_post(self, call_number):
        """Make the ``call_number``-th message_post on a deadline raise, once,
        as a crash would, in the middle of a batch."""
        Deadline = self.registry["law.deadline"]
        original = Deadline.message_post
        calls = []

        def flaky_post(record, **kwargs):
            calls.append(record.id)
            if len(calls) == call_number:
                raise RuntimeError("simulated crash")
            return original(record, **kwargs)

        with (
            patch.object(Deadline, "message_post", flaky_post),
            patch.object(Deadline, "_reminder_batch_size", 2),
            self.assertLogs("odoo.addons.base.models.ir_cron", "ERROR") as logs,
        ):
            yield calls
        self.assertIn("simulated crash", "\n".join(logs.output))

    def test_crash_in_first_batch_rolls_back_and_next_run_sends(self):
        with on(START):
            deadlines = self.env["law.deadline"]
            for _index in range(5):
                deadlines |= self._deadline(day(7))
            with self._crash_on_post(2):
                self._run_cron()
            # The first batch died before its commit: nothing went out, the
            # job failed, and every deadline is still due.
            for deadline in deadlines:
                self.assertFalse(self._reminders(deadline))
                self.assertEqual(deadline.next_reminder_date, START)
            self._run_cron()
            self._run_cron()
        for deadline in deadlines:
            self.assertEqual(len(self._reminders(deadline)), 1)

    def test_crash_in_later_batch_keeps_committed_batches(self):
        with on(START):
            deadlines = self.env["law.deadline"]
            for _index in range(5):
                deadlines |= self._deadline(day(7))
            # Batches of 2: the 4th post is the second of the second batch.
            # The first batch is committed; the second is rolled back, and the
            # job runs again (progress was made) and finishes the work.
            with self._crash_on_post(4) as calls:
                self._run_cron()
            # 5 posts kept, 1 rolled back with its batch, 1 that crashed.
            self.assertEqual(len(calls), 7)
            self._run_cron()
        for deadline in deadlines:
            self.assertEqual(len(self._reminders(deadline)), 1)
            self.assertEqual(deadline.next_reminder_date, day(4))

    # -- escalation ----------------------------------------------------------------

    def test_overdue_escalates_to_supervising_partner_once(self):
        deadline_date = day(2)
        with on(START):
            deadline = self._deadline(deadline_date)
        self._run_days(START, deadline_date + timedelta(days=3))

        escalations = self._escalations(deadline, self.supervisor.partner_id)
        self.assertEqual(self._sent_on(escalations), [deadline_date + timedelta(days=1)])
        self.assertIn("is still open", escalations.body)
        self.assertTrue(deadline.escalated_overdue)
        for partner in (self.compliance.partner_id, self.compliance_2.partner_id):
            self.assertFalse(self._escalations(deadline, partner), "normal: not compliance")
        self.assertFalse(self._escalations(deadline, self.lawyer.partner_id))

    def test_overdue_critical_also_reaches_compliance(self):
        deadline_date = day(2)
        with on(START):
            deadline = self._deadline(deadline_date, criticality="critical")
            deadline.with_user(self.supervisor).action_confirm()
        self._run_days(START, deadline_date + timedelta(days=2))

        for user in (self.supervisor, self.compliance, self.compliance_2):
            escalations = self._escalations(deadline, user.partner_id, "Escalation: deadline")
            self.assertEqual(self._sent_on(escalations), [deadline_date + timedelta(days=1)])
        # Compliance cannot read the matter: the text names no client and no title.
        self.assertNotIn("Nordvik", escalations.body)
        self.assertIn(self.matter.matter_number, escalations.body)

    def test_unconfirmed_critical_escalates_once_near_its_date(self):
        deadline_date = day(10)
        with on(START):
            unconfirmed = self._deadline(deadline_date, criticality="critical")
            confirmed = self._deadline(deadline_date, criticality="critical")
            confirmed.with_user(self.supervisor).action_confirm()
        self._run_days(START, deadline_date - timedelta(days=1))

        for user in (self.supervisor, self.compliance, self.compliance_2):
            escalations = self._escalations(
                unconfirmed, user.partner_id, "Escalation: critical deadline"
            )
            self.assertEqual(self._sent_on(escalations), [deadline_date - timedelta(days=3)])
            self.assertFalse(self._escalations(confirmed, user.partner_id))
        self.assertTrue(unconfirmed.escalated_unconfirmed)

        # Moving the date re-arms the escalation for the new date.
        new_date = deadline_date + timedelta(days=7)
        with on(deadline_date - timedelta(days=1)):
            unconfirmed.write({"override_date": new_date})
        self.assertFalse(unconfirmed.escalated_unconfirmed)
        self._run_days(deadline_date, new_date, runs_per_day=1)
        escalations = self._escalations(
            unconfirmed, self.supervisor.partner_id, "Escalation: critical deadline"
        )
        self.assertEqual(
            self._sent_on(escalations),
            [deadline_date - timedelta(days=3), new_date - timedelta(days=3)],
        )

    def test_unconfirmed_escalation_days_is_configurable(self):
        self.env["ir.config_parameter"].set_param(
            "law_crm_deadlines.unconfirmed_escalation_days", "5"
        )
        deadline_date = day(10)
        with on(START):
            deadline = self._deadline(deadline_date, criticality="critical")
        self._run_days(START, deadline_date, runs_per_day=1)
        escalations = self._escalations(
            deadline, self.supervisor.partner_id, "Escalation: critical deadline"
        )
        self.assertEqual(self._sent_on(escalations), [deadline_date - timedelta(days=5)])

    def test_no_supervising_partner_is_logged_in_chatter(self):
        deadline_date = day(1)
        with on(START):
            deadline = self._deadline(deadline_date, matter=self.unsupervised_matter)
        self._run_days(START, deadline_date + timedelta(days=2), runs_per_day=1)
        notes = self.env["mail.message"].search(
            [
                ("model", "=", "law.deadline"),
                ("res_id", "=", deadline.id),
                ("body", "ilike", "no supervising partner"),
            ]
        )
        self.assertEqual(len(notes), 1)
        self.assertFalse(notes.partner_ids)
        self.assertTrue(deadline.escalated_overdue)

    # -- configuration -------------------------------------------------------------

    def test_ladder_parameter_is_parsed_robustly(self):
        Deadline = self.env["law.deadline"]
        set_param = self.env["ir.config_parameter"].set_param
        for value, expected in [
            ("14,7,3,1,0", (14, 7, 3, 1, 0)),
            (" 3; 30 ,7,7, junk, -2, 1.5, 99999", (30, 7, 3)),
            ("0", (0,)),
            ("", (14, 7, 3, 1, 0)),
        ]:
            set_param("law_crm_deadlines.reminder_ladder", value)
            with self.subTest(value=value):
                self.assertEqual(Deadline._reminder_ladder(), expected)
        # Nothing usable: the default, and a warning, never silence.
        set_param("law_crm_deadlines.reminder_ladder", "junk, -1")
        with self.assertLogs("odoo.addons.law_crm_deadlines.models.law_deadline", "WARNING"):
            self.assertEqual(Deadline._reminder_ladder(), (14, 7, 3, 1, 0))

    def test_ladder_parameter_drives_the_cron(self):
        self.env["ir.config_parameter"].set_param("law_crm_deadlines.reminder_ladder", "5,2")
        deadline_date = day(10)
        with on(START):
            deadline = self._deadline(deadline_date)
        self._run_days(START, deadline_date + timedelta(days=1), runs_per_day=1)
        self.assertEqual(
            self._sent_on(self._reminders(deadline)),
            [deadline_date - timedelta(days=5), deadline_date - timedelta(days=2)],
        )
