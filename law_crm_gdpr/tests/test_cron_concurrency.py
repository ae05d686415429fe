import json
from datetime import timedelta

from odoo.addons.law_crm.tests.cron_process import committed_env, run_workers
from odoo.addons.law_crm_gdpr.tests.common import due_prospects_policy
from odoo.tests import TransactionCase, new_test_user, tagged

RETENTION_CRON = "law_crm_gdpr.ir_cron_law_gdpr_retention"
REMINDER_CRON = "law_crm_deadlines.ir_cron_deadline_reminders"
PEOPLE = 20
DEADLINES = 20


@tagged("post_install", "-at_install")
class TestCronConcurrency(TransactionCase):
    """Two Odoo processes on one database at the same moment, as on a server
    with two cron workers or with a cron and web workers: each record is
    processed exactly once, and the GDPR log never forks nor fails.

    The workers see only committed data, so the test commits what they work
    on through a cursor of its own and removes it afterwards (log entries
    stay: the log is append-only).
    """

    def _log_head(self, env):
        return env["law.gdpr.log"].search([], limit=1).sequence

    def _assert_chain_intact_since(self, env, start, count):
        entries = env["law.gdpr.log"].search([("sequence", ">", start)], order="sequence")
        self.assertEqual(entries.mapped("sequence"), list(range(start + 1, start + count + 1)))
        self.assertIsNone(env["law.gdpr.log"]._first_break(), "the chain is intact")

    def test_log_appends_from_two_processes(self):
        """Web workers recording consents, exports and holds at the same time
        as a cron append to one chain: no request may fail or fork it."""
        with committed_env() as env:
            start = self._log_head(env)
        workers = run_workers(2, call=("law.gdpr.log", "_append", ["export", None, 1]), repeat=10)
        for worker in workers:
            self.assertEqual(worker.returncode, 0, worker.stderr)
        with committed_env() as env:
            self._assert_chain_intact_since(env, start, 20)

    def test_two_cron_workers_run_retention_and_reminders_once(self):
        with committed_env() as env:
            start = self._log_head(env)
            people, policy = due_prospects_policy(env, "two cron workers", PEOPLE, 2)
            lawyer = new_test_user(
                env, login="concurrency_lawyer", groups="law_crm.group_law_lawyer", lang="en_US"
            )
            matter = env["project.project"].create(
                {"name": "Concurrency matter", "is_matter": True, "user_id": lawyer.id}
            )
            today = env["law.deadline"]._firm_today()
            deadlines = env["law.deadline"].create(
                [
                    {
                        "matter_id": matter.id,
                        "name": f"Frist {index}",
                        "amount": 1,
                        "unit": "months",
                        "override_date": today + timedelta(days=7),
                        "override_reason": "Set by the court",
                    }
                    for index in range(DEADLINES)
                ]
            )
            self.assertEqual(set(deadlines.mapped("next_reminder_date")), {today})
            env.ref(RETENTION_CRON)._trigger()
            env.ref(REMINDER_CRON)._trigger()
            ids = {"people": people.ids, "deadlines": deadlines.ids}
            ids.update(policy=policy.id, matter=matter.id, lawyer=lawyer.id)
        try:
            workers = run_workers(
                2,
                crons=[RETENTION_CRON, REMINDER_CRON],
                attributes={"law.deadline": {"_reminder_batch_size": 3}},
            )
            for worker in workers:
                self.assertEqual(worker.returncode, 0, worker.stderr)
            with committed_env() as env:
                self.assertFalse(env["res.partner"].browse(ids["people"]).exists())
                entries = env["law.gdpr.log"].search(
                    [("policy_id", "=", ids["policy"])], order="sequence"
                )
                logged = [rid for e in entries for rid in json.loads(f"[{e.record_ids}]")]
                self.assertEqual(sorted(logged), sorted(ids["people"]), "each person once")
                self._assert_chain_intact_since(env, start, len(entries))
                reminders = env["mail.message"].search(
                    [
                        ("model", "=", "law.deadline"),
                        ("res_id", "in", ids["deadlines"]),
                        ("body", "ilike", "Reminder:"),
                    ]
                )
                self.assertEqual(
                    sorted(reminders.mapped("res_id")), sorted(ids["deadlines"]), "one each"
                )
        finally:
            with committed_env() as env:
                env["law.gdpr.retention.policy"].browse(ids["policy"]).active = False
                env["res.partner"].browse(ids["people"]).exists().unlink()
                env["law.deadline"].browse(ids["deadlines"]).unlink()
                env["project.project"].browse(ids["matter"]).unlink()
                env["res.users"].browse(ids["lawyer"]).active = False
