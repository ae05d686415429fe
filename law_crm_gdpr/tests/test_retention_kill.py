import json
import signal

from odoo.addons.law_crm.tests.cron_process import committed_env, run_workers
from odoo.addons.law_crm_gdpr.tests.common import due_prospects_policy
from odoo.tests import TransactionCase, tagged

BATCH = 3
PEOPLE = 8  # three batches: 3, 3, 2
RETENTION_CRON = "law_crm_gdpr.ir_cron_law_gdpr_retention"


@tagged("post_install", "-at_install")
class TestRetentionProcessKill(TransactionCase):
    """The retention cron's process killed mid-batch (a real SIGKILL of a
    separate Odoo process, not an exception) and started again: every due
    record is acted on exactly once, and the log chain stays intact.

    A second process sees only committed data, so this test commits its
    records through a cursor of its own, outside the test transaction, and
    archives its policy afterwards. The records it deletes are its own test
    persons; the log entries it adds stay, as the log is append-only.
    """

    def _run_cron_process(self, kill_in_batch=0):
        """The retention cron in a worker process; with ``kill_in_batch`` the
        worker is killed (SIGKILL) in that batch, after the policy acted and
        before the batch is committed."""
        with committed_env() as env:
            env.ref(RETENTION_CRON)._trigger()
        kill = ("law.gdpr.retention.policy", "_act", kill_in_batch) if kill_in_batch else None
        return run_workers(crons=[RETENTION_CRON], kill=kill)[0]

    def _state(self, policy_id, people_ids):
        """What is committed now: persons left, log entries of the policy,
        item states, and the first break in the log chain."""
        with committed_env() as env:
            left = (
                env["res.partner"]
                .with_context(active_test=False)
                .search([("id", "in", people_ids)])
            )
            entries = env["law.gdpr.log"].search([("policy_id", "=", policy_id)], order="sequence")
            items = env["law.gdpr.retention.item"].search([("run_id.policy_id", "=", policy_id)])
            return {
                "left": left.ids,
                "logged": [json.loads(f"[{e.record_ids}]") for e in entries],
                "items": sorted(items.mapped("state")),
                "break": env["law.gdpr.log"]._first_break(),
            }

    def test_killed_cron_resumes_with_each_record_once(self):
        with committed_env() as env:
            people, policy = due_prospects_policy(env, "process kill", PEOPLE, BATCH)
            people_ids, policy_id = people.ids, policy.id
        try:
            killed = self._run_cron_process(kill_in_batch=2)
            self.assertEqual(killed.returncode, -signal.SIGKILL, killed.stderr)
            state = self._state(policy_id, people_ids)
            # Batch 1 was committed; batch 2 died before its commit and left nothing.
            self.assertEqual(len(state["logged"]), 1, "only the committed batch is logged")
            self.assertEqual(len(state["logged"][0]), BATCH)
            self.assertEqual(
                sorted(state["left"]), sorted(set(people_ids) - set(state["logged"][0]))
            )
            self.assertEqual(state["items"].count("done"), BATCH)
            self.assertIsNone(state["break"])

            again = self._run_cron_process()
            self.assertEqual(again.returncode, 0, again.stderr)
            state = self._state(policy_id, people_ids)
            self.assertFalse(state["left"], "every due person is deleted")
            logged = [rid for entry in state["logged"] for rid in entry]
            self.assertEqual(sorted(logged), sorted(people_ids), "each person logged exactly once")
            self.assertEqual(state["items"], ["done"] * PEOPLE)
            self.assertIsNone(state["break"], "the log chain is intact")
        finally:
            with committed_env() as env:
                env["law.gdpr.retention.policy"].browse(policy_id).active = False
                env["res.partner"].browse(people_ids).exists().unlink()
