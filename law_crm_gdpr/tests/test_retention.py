from contextlib import contextmanager
from datetime import date, datetime, time
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import GdprCommon

CLOSED = date(2026, 1, 15)  # the matters below are closed on this day


@contextmanager
def on(when):
    with freeze_time(datetime.combine(when, time(9, 0))):
        yield


@tagged("post_install", "-at_install")
class TestRetention(GdprCommon):
    """Retention policies and their cron: closed matters acted on when their
    period has passed, never under a legal hold, only after approval where
    required, and exactly once whatever crashes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The shipped policy would also act on the demo data: tests use their own.
        cls.env.ref("law_crm_gdpr.retention_policy_case_files").active = False
        cls.cron = cls.env.ref("law_crm_gdpr.ir_cron_law_gdpr_retention")
        cls.Log = cls.env["law.gdpr.log"]
        with on(date(2024, 5, 2)):
            cls.closed = cls.env["project.project"].create(
                [
                    {
                        "name": f"Closed matter {index}",
                        "is_matter": True,
                        "user_id": cls.responsible.id,
                        "partner_id": cls.person.id if index == 0 else cls.client.id,
                    }
                    for index in range(5)
                ]
            )
            cls.open_matters(cls.closed)
        with on(CLOSED):
            cls.closed.action_close_matter()
        cls.policy = cls.env["law.gdpr.retention.policy"].create(
            {
                "name": "Test: closed matters",
                "category": "case_file",
                "model_name": "project.project",
                "domain": f"[('id', 'in', {cls.closed.ids}), ('state', '=', 'closed')]",
                "date_field": "date_closed",
                "period_years": 10,
                "action": "archive",
                "needs_approval": False,
                "legal_basis": "Foreldelsesloven",
            }
        )

    def _run_cron(self):
        with self.enter_registry_test_mode():
            self.cron.method_direct_trigger()
        self.env.invalidate_all()

    def _log_since(self, sequence):
        return self.Log.search([("sequence", ">", sequence)], order="sequence")

    def _last(self):
        return self.Log.search([], limit=1).sequence

    def test_closed_matter_is_archived_the_day_after_its_period(self):
        start = self._last()
        with on(date(2036, 1, 15)):  # kept through 15 Jan 2036
            self.assertEqual(self.policy.due_count, 0)
            self._run_cron()
        self.assertEqual(set(self.closed.mapped("state")), {"closed"})
        with on(date(2036, 1, 16)):
            self.assertEqual(self.policy.due_count, 5)
            self._run_cron()
        self.assertEqual(set(self.closed.mapped("state")), {"archived"})
        entries = self._log_since(start)
        self.assertEqual(entries.mapped("event"), ["retention_archive"])
        self.assertEqual(entries.policy_id, self.policy)
        self.assertEqual(entries.record_count, 5)
        self.assertEqual(self.policy.run_ids.state, "done")
        self.assertIsNone(self.Log._first_break())
        # Nothing due any more: another run changes and logs nothing.
        with on(date(2036, 1, 17)):
            self._run_cron()
        self.assertEqual(self._log_since(start), entries)

    def test_preview_is_a_dry_run(self):
        with on(date(2036, 2, 1)):
            action = self.policy.with_user(self.compliance).action_preview()
        self.assertEqual(action["res_model"], "project.project")
        self.assertEqual(sorted(action["domain"][0][2]), sorted(self.closed.ids))
        self.assertEqual(set(self.closed.mapped("state")), {"closed"})
        self.assertFalse(self.policy.run_ids)

    def test_legal_hold_blocks_until_released(self):
        on_matter = self.closed[1]
        hold_matter = self.env["law.gdpr.hold"].create(
            {"matter_id": on_matter.id, "reason": "Lawsuit pending"}
        )
        # A hold on the person protects every matter where they are client or party.
        hold_person = self.env["law.gdpr.hold"].create(
            {"partner_id": self.person.id, "reason": "Complaint to the Bar"}
        )
        party_matter = self.closed[2]
        party_matter.party_ids = [Command.create({"partner_id": self.person.id})]
        self.assertEqual(
            self.Log.search([("hold_id", "in", (hold_matter | hold_person).ids)]).mapped("event"),
            ["hold_placed", "hold_placed"],
        )
        with on(date(2036, 2, 1)):
            self._run_cron()
        held = on_matter | self.closed[0] | party_matter
        self.assertEqual(set(held.mapped("state")), {"closed"})
        self.assertEqual(set((self.closed - held).mapped("state")), {"archived"})
        with self.assertRaises(ValidationError):
            hold_matter.action_release()  # a reason is needed
        hold_matter.release_reason = "Case settled"
        hold_matter.action_release()
        with self.assertRaises(UserError):
            hold_person.write({"reason": "Something else"})
        with on(date(2036, 2, 2)):
            self._run_cron()
        self.assertEqual(on_matter.state, "archived")
        self.assertEqual((self.closed[0] | party_matter).mapped("state"), ["closed", "closed"])
        self.assertTrue(
            self.Log.search([("hold_id", "=", hold_matter.id), ("event", "=", "hold_released")])
        )
        self.assertIsNone(self.Log._first_break())

    def test_approval_required_waits_and_rejection_needs_a_reason(self):
        self.policy.needs_approval = True
        with on(date(2036, 2, 1)):
            self._run_cron()
            self._run_cron()
        run = self.policy.run_ids
        self.assertEqual(len(run), 1, "one open run, not one per cron run")
        self.assertEqual(run.state, "to_approve")
        self.assertEqual(set(self.closed.mapped("state")), {"closed"})
        self.assertEqual(sorted(run.item_ids.mapped("res_id")), sorted(self.closed.ids))
        self.assertIn("Closed matter", run.item_ids[0].with_user(self.compliance).record_name)
        with self.assertRaises(UserError):
            run.with_user(self.compliance).action_reject()
        run.with_user(self.compliance).action_approve()
        self.assertEqual(run.decided_by_id, self.compliance)
        with on(date(2036, 2, 1)):
            self._run_cron()
        self.assertEqual(set(self.closed.mapped("state")), {"archived"})
        self.assertEqual(
            self.Log.search([("policy_id", "=", self.policy.id)], order="sequence").mapped("event"),
            ["retention_approved", "retention_archive"],
        )

    def test_rejected_records_are_kept_and_not_proposed_again(self):
        self.policy.needs_approval = True
        with on(date(2036, 2, 1)):
            self._run_cron()
        run = self.policy.run_ids
        run.with_user(self.compliance).rejection_reason = "Client asked us to keep the files"
        run.with_user(self.compliance).action_reject()
        self.assertEqual(run.state, "rejected")
        with on(date(2036, 2, 2)):
            self._run_cron()
        self.assertEqual(self.policy.run_ids, run)
        self.assertEqual(set(self.closed.mapped("state")), {"closed"})
        self.assertTrue(
            self.Log.search(
                [("policy_id", "=", self.policy.id), ("event", "=", "retention_rejected")]
            )
        )

    @contextmanager
    def _crash_on_act(self, call_number):
        """The ``call_number``-th batch raises inside the action, once, as a
        crash would after some records of the batch were already changed."""
        self.policy.batch_size = 2
        Policy = self.registry["law.gdpr.retention.policy"]
        original = Policy._act
        calls = []

        def flaky_act(policy, records):
            calls.append(records.ids)
            if len(calls) == call_number:
                original(policy, records[:1])  # half the batch done, then the crash
                raise RuntimeError("simulated crash")
            return original(policy, records)

        with (
            on(date(2036, 2, 1)),
            patch.object(Policy, "_act", flaky_act),
            self.assertLogs("odoo.addons.base.models.ir_cron", "ERROR") as logs,
        ):
            yield calls
        self.assertIn("simulated crash", "\n".join(logs.output))

    def _assert_each_acted_on_once(self, start):
        self.assertEqual(set(self.closed.mapped("state")), {"archived"})
        entries = self._log_since(start)
        logged = [int(i) for entry in entries for i in entry.record_ids.split(",")]
        self.assertEqual(sorted(logged), sorted(self.closed.ids), "each record logged once")
        self.assertEqual(set(self.policy.run_ids.item_ids.mapped("state")), {"done"})
        self.assertEqual(len(self.policy.run_ids), 1)
        self.assertIsNone(self.Log._first_break())

    def test_crash_in_first_batch_rolls_back_and_rerun_does_all(self):
        start = self._last()
        with self._crash_on_act(1):
            self._run_cron()
        # No progress was committed: nothing archived, nothing logged, the job failed.
        self.assertEqual(set(self.closed.mapped("state")), {"closed"})
        self.assertFalse(self._log_since(start).filtered(lambda e: e.policy_id == self.policy))
        with on(date(2036, 2, 1)):
            self._run_cron()
        self._assert_each_acted_on_once(start)

    def test_crash_in_later_batch_keeps_committed_batches(self):
        start = self._last()
        with self._crash_on_act(2) as calls:
            self._run_cron()
        # Batch 1 committed; batch 2 half-done then crashed and rolled back; the
        # job ran again (progress had been made) from the pending items on.
        self.assertEqual(calls[1], calls[2], "the crashed batch is retried as a whole")
        self.assertEqual(
            sorted(i for batch in calls[:1] + calls[2:] for i in batch), sorted(self.closed.ids)
        )
        with on(date(2036, 2, 1)):
            self._run_cron()
        self._assert_each_acted_on_once(start)

    def test_restrict_policy_on_persons(self):
        people = self.env["res.partner"].create(
            [{"name": f"Prospect {index}"} for index in range(3)]
        )
        with on(date(2020, 1, 1)):
            people.write({"comment": "Met at a seminar"})
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE res_partner SET write_date = '2020-01-01' WHERE id IN %s", [tuple(people.ids)]
        )
        policy = self.env["law.gdpr.retention.policy"].create(
            {
                "name": "Test: prospects",
                "category": "prospect",
                "model_name": "res.partner",
                "domain": f"[('id', 'in', {people.ids})]",
                "date_field": "write_date",
                "period_years": 3,
                "action": "restrict",
                "needs_approval": False,
                "legal_basis": "Foreldelsesloven § 2",
            }
        )
        start = self._last()
        with on(date(2026, 1, 1)):
            self._run_cron()
        self.env.invalidate_all()
        self.assertTrue(all(people.mapped("law_gdpr_restricted")))
        self.assertIn("Test: prospects", people[0].law_gdpr_restriction_reason)
        entries = self._log_since(start)
        self.assertEqual(entries.mapped("event"), ["retention_restrict"])
        self.assertEqual(entries.policy_id, policy)

    def test_delete_policy_spares_held_persons(self):
        people = self.env["res.partner"].create(
            [{"name": f"Old lead {index}"} for index in range(3)]
        )
        client_of_held = self.env["res.partner"].create({"name": "Client of a held matter"})
        held_matter = self.env["project.project"].create(
            {"name": "Held", "is_matter": True, "partner_id": client_of_held.id}
        )
        self.env["law.gdpr.hold"].create({"partner_id": people[0].id, "reason": "Dispute"})
        self.env["law.gdpr.hold"].create({"matter_id": held_matter.id, "reason": "Audit"})
        everyone = people | client_of_held
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE res_partner SET create_date = '2019-06-30' WHERE id IN %s",
            [tuple(everyone.ids)],
        )
        policy = self.env["law.gdpr.retention.policy"].create(
            {
                "name": "Test: old leads",
                "category": "prospect",
                "model_name": "res.partner",
                "domain": f"[('id', 'in', {everyone.ids})]",
                "date_field": "create_date",
                "period_years": 5,
                "action": "delete",
                "needs_approval": False,
                "legal_basis": "No purpose any more",
            }
        )
        start = self._last()
        with on(date(2024, 7, 1)):
            self._run_cron()
        self.assertEqual(everyone.exists(), people[0] | client_of_held)
        entry = self._log_since(start).filtered(lambda e: e.policy_id == policy)
        self.assertEqual(entry.event, "retention_delete")
        self.assertEqual(entry.record_count, 2)
        self.assertEqual(sorted(map(int, entry.record_ids.split(","))), sorted(people[1:].ids))
        self.assertIsNone(self.Log._first_break())

    def test_policies_are_validated(self):
        Policy = self.env["law.gdpr.retention.policy"].with_user(self.compliance)
        base = {
            "name": "Bad",
            "category": "other",
            "model_name": "project.project",
            "domain": "[]",
            "date_field": "date_closed",
            "period_years": 1,
            "legal_basis": "x",
        }
        for vals in (
            {"model_name": "no.such.model"},
            {"date_field": "name"},
            {"domain": "[('no_such_field', '=', 1)]"},
            {"action": "restrict"},
            {"action": "anonymise"},
        ):
            with self.subTest(vals=vals), self.assertRefused(""):
                Policy.create({**base, **vals})
        self.assertTrue(Policy.create(base))

    def test_getting_started_counts_the_policies(self):
        policies = self.env["law.gdpr.retention.policy"].search_count([])
        self.assertGreater(policies, 0, "the firm's defaults are data")
        self.partner_other.group_ids |= self.env.ref("law_crm.group_law_compliance")
        Page = self.env["law.getting.started"]
        self.assertEqual(
            Page.with_user(self.partner_other).create({}).retention_policy_count, policies
        )
        page = Page.with_user(self.admin_out).create({})
        self.assertEqual(page.retention_policy_count, 0, "only compliance sees them")
