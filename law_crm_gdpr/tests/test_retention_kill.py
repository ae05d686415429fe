import json
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import odoo
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tests import TransactionCase, get_db_name, tagged
from odoo.tools import config

BATCH = 3
PEOPLE = 8  # three batches: 3, 3, 2

# The retention cron in a process of its own, as a cron worker runs it. With
# a batch number, the process kills itself with SIGKILL inside that batch,
# after the policy acted and before the batch is committed: no Python
# cleanup, no rollback from Odoo, the connection just drops.
CRON_WORKER = textwrap.dedent(
    """
    import os, signal, sys
    sys.path.insert(0, sys.argv[1])
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(["-c", sys.argv[2], "-d", sys.argv[3], "--log-level=warn"])
    registry = Registry(sys.argv[3])
    kill_in_batch = int(sys.argv[4])
    if kill_in_batch:
        Policy = registry["law.gdpr.retention.policy"]
        act = Policy._act
        batches = []

        def act_then_die(self, records):
            act(self, records)
            batches.append(records.ids)
            if len(batches) == kill_in_batch:
                os.kill(os.getpid(), signal.SIGKILL)

        Policy._act = act_then_die
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        env.ref("law_crm_gdpr.ir_cron_law_gdpr_retention").method_direct_trigger()
    """
)


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

    def _cursor(self):
        return Registry(get_db_name()).cursor()

    def _run_cron_process(self, kill_in_batch=0):
        odoo_root = str(Path(next(iter(odoo.__path__))).resolve().parent)
        return subprocess.run(
            [
                sys.executable,
                "-c",
                CRON_WORKER,
                odoo_root,
                config["config"],
                get_db_name(),
                str(kill_in_batch),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    def _state(self, policy_id, people_ids):
        """What is committed now: persons left, log entries of the policy,
        item states, and the first break in the log chain."""
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
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
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            people = env["res.partner"].create(
                [{"name": f"Kill test prospect {index}"} for index in range(PEOPLE)]
            )
            # Due: created before today (a policy of 0 years acts the day after).
            cr.execute(
                "UPDATE res_partner SET create_date = now() - interval '2 days' WHERE id = ANY(%s)",
                [people.ids],
            )
            policy = env["law.gdpr.retention.policy"].create(
                {
                    "name": "Test: process kill",
                    "category": "prospect",
                    "model_name": "res.partner",
                    "domain": f"[('id', 'in', {people.ids})]",
                    "date_field": "create_date",
                    "action": "delete",
                    "needs_approval": False,
                    "batch_size": BATCH,
                    "legal_basis": "Test",
                }
            )
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
            with self._cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                env["law.gdpr.retention.policy"].browse(policy_id).active = False
                env["res.partner"].browse(people_ids).exists().unlink()
