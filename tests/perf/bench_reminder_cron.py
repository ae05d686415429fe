"""The reminder cron over many open deadlines: duration and SQL queries per deadline.

Creates ``count`` open deadlines (default 100,000) whose reminder is due today,
spread over 100 matters, 20 lawyers and the rungs 14/7/3/1/0 days before, then
runs ``law.deadline._cron_send_reminders`` until nothing is due and prints the
number of deadlines, the duration, deadlines per second and SQL queries per
deadline.

Baseline, measured in the same run on the first ``baseline`` deadlines (default
10,000; per-deadline figures are what compare): Odoo's own, simplest way to
notify a lawyer about a record, i.e. one ``search`` and a ``message_post`` loop
with the same recipient, subtype and mail queue, in a single transaction. It
does no locking, no batching or commits and no ladder bookkeeping, so the ratio
is what exactly-once delivery costs on top of the notification itself, which
dominates both.

The deadlines are inserted with SQL as copies of one ORM-created deadline per
matter (same stored values, followers and follower subtypes as the ORM writes;
no activity or calendar event, which the cron never reads), because creating
100,000 deadlines through the ORM, each with its activity and calendar event,
takes far longer than the benchmark itself. Everything the benchmark creates is
deleted at the end, also when it fails.

Run from the repository root, on a scratch database with law_crm_deadlines
installed::

    source setup/bootstrap.sh
    "$ODOO_PY" /opt/odoo/odoo-bin -c .odoo.conf -d bench_deadlines -i law_crm_deadlines \\
        --stop-after-init
    "$ODOO_PY" tests/perf/bench_reminder_cron.py bench_deadlines [count] [baseline]
    dropdb bench_deadlines

Not a pytest test (the name starts with ``bench_``).
"""

import os
import sys
import time
from datetime import timedelta
from pathlib import Path

ODOO_SRC = os.environ.get("ODOO_SRC", "/opt/odoo")
if ODOO_SRC not in sys.path:
    sys.path.insert(0, ODOO_SRC)

from odoo import SUPERUSER_ID, api, sql_db  # noqa: E402
from odoo.modules.registry import Registry  # noqa: E402
from odoo.tools import SQL, config  # noqa: E402

CONF = Path(__file__).resolve().parents[2] / ".odoo.conf"
RUNGS = (14, 7, 3, 1, 0)
MATTERS, LAWYERS, PARTNERS = 100, 20, 5
PREFIX = "bench-reminder"


def queries():
    return sql_db.sql_counter


def create_firm(env):
    """Lawyers, partners and matters, through the ORM; one template deadline
    per matter whose stored values the SQL copies reuse."""
    Users = env["res.users"].with_context(no_reset_password=True, mail_create_nolog=True)
    lawyer_group = env.ref("law_crm.group_law_lawyer")
    partner_group = env.ref("law_crm.group_law_partner")
    users = Users.create(
        [
            {
                "name": f"Bench Lawyer {i}",
                "login": f"{PREFIX}-lawyer-{i}",
                "email": f"{PREFIX}-lawyer-{i}@firm.example",
                "group_ids": [(6, 0, lawyer_group.ids)],
            }
            for i in range(LAWYERS)
        ]
        + [
            {
                "name": f"Bench Partner {i}",
                "login": f"{PREFIX}-partner-{i}",
                "email": f"{PREFIX}-partner-{i}@firm.example",
                "group_ids": [(6, 0, partner_group.ids)],
            }
            for i in range(PARTNERS)
        ]
    )
    lawyers, partners = users[:LAWYERS], users[LAWYERS:]
    client = env["res.partner"].create({"name": f"{PREFIX} client", "is_company": True})
    matters = (
        env["project.project"]
        .with_context(mail_create_nolog=True)
        .create(
            [
                {
                    "name": f"{PREFIX} matter {i}",
                    "is_matter": True,
                    "partner_id": client.id,
                    "user_id": lawyers[i % LAWYERS].id,
                    "supervising_partner_id": partners[i % PARTNERS].id,
                }
                for i in range(MATTERS)
            ]
        )
    )
    today = env["law.deadline"]._firm_today()
    templates = env["law.deadline"].create(
        [
            {
                "matter_id": matter.id,
                "name": f"{PREFIX} template",
                "amount": 1,
                "unit": "months",
                # Far enough ahead that the templates themselves are not due.
                "override_date": today + timedelta(days=60),
                "override_reason": "Benchmark",
                "show_in_calendar": False,
            }
            for matter in matters
        ]
    )
    env.flush_all()
    return templates


def insert_deadlines(env, templates, count):
    """``count`` copies of the templates, due today for one of the rungs."""
    cr = env.cr
    today = env["law.deadline"]._firm_today()
    cr.execute(
        SQL(
            """
            SELECT column_name FROM information_schema.columns
             WHERE table_name = 'law_deadline' AND column_name NOT IN %s
            """,
            (
                "id",
                "name",
                "override_date",
                "date_deadline",
                "reminder_deadline_date",
                "next_reminder_date",
                "activity_id",
                "calendar_event_id",
            ),
        )
    )
    names = [name for (name,) in cr.fetchall()]
    copied = SQL(", ").join(SQL.identifier(name) for name in names)
    cr.execute(
        SQL(
            """
            CREATE TEMP TABLE bench_new ON COMMIT PRESERVE ROWS AS
            SELECT nextval('law_deadline_id_seq') AS id, g,
                   (%(templates)s)[1 + g %% %(n)s] AS template_id,
                   %(today)s::date + (%(rungs)s)[1 + g %% %(r)s] AS deadline
              FROM generate_series(0, %(count)s - 1) AS g
            """,
            templates=list(templates.ids),
            n=len(templates),
            today=today,
            rungs=list(RUNGS),
            r=len(RUNGS),
            count=count,
        )
    )
    cr.execute(
        SQL(
            """
            INSERT INTO law_deadline (id, name, override_date, date_deadline,
                                      reminder_deadline_date, next_reminder_date, %(copied)s)
            SELECT n.id, %(prefix)s || ' ' || n.g, n.deadline, n.deadline, n.deadline, %(today)s,
                   %(copied_t)s
              FROM bench_new n JOIN law_deadline t ON t.id = n.template_id
            """,
            copied=copied,
            copied_t=SQL(", ").join(SQL.identifier("t", name) for name in names),
            prefix=PREFIX,
            today=today,
        )
    )
    # Followers as the ORM leaves them (the lawyer, auto-subscribed), with subtypes.
    cr.execute(
        """
        INSERT INTO mail_followers (res_model, res_id, partner_id)
        SELECT 'law.deadline', n.id, f.partner_id
          FROM bench_new n
          JOIN mail_followers f ON f.res_model = 'law.deadline' AND f.res_id = n.template_id
        """
    )
    cr.execute(
        """
        INSERT INTO mail_followers_mail_message_subtype_rel
               (mail_followers_id, mail_message_subtype_id)
        SELECT nf.id, rel.mail_message_subtype_id
          FROM bench_new n
          JOIN mail_followers tf ON tf.res_model = 'law.deadline' AND tf.res_id = n.template_id
          JOIN mail_followers_mail_message_subtype_rel rel ON rel.mail_followers_id = tf.id
          JOIN mail_followers nf ON nf.res_model = 'law.deadline' AND nf.res_id = n.id
                                AND nf.partner_id = tf.partner_id
        """
    )
    cr.execute("SELECT id FROM bench_new ORDER BY id")
    ids = [row[0] for row in cr.fetchall()]
    cr.execute("ANALYZE law_deadline")
    cr.execute("ANALYZE mail_followers")
    return ids


def baseline(env, count):
    """Stock: search the due records, message_post to each lawyer; rolled back."""
    Deadline = env["law.deadline"].with_context(mail_notify_force_send=False)
    today = Deadline._firm_today()
    started, before = time.perf_counter(), queries()
    records = Deadline.search(
        [("state", "in", ("draft", "registered")), ("next_reminder_date", "<=", today)],
        limit=count,
    )
    for record in records:
        record.message_post(
            body=f"Reminder: deadline {record.name} on {record.date_deadline}.",
            message_type="notification",
            subtype_xmlid="mail.mt_note",
            partner_ids=record.user_id.partner_id.ids,
        )
    env.flush_all()
    duration, used = time.perf_counter() - started, queries() - before
    env.cr.rollback()
    return len(records), duration, used


def run_cron(env):
    started, before = time.perf_counter(), queries()
    env["law.deadline"]._cron_send_reminders()
    return time.perf_counter() - started, queries() - before


def cleanup(env):
    """Delete everything the benchmark creates, found by its name prefix, so an
    interrupted run is cleaned up by the next one: SQL for the bulk, ORM for
    the few users, matters and template deadlines."""
    cr = env.cr
    cr.rollback()
    env.invalidate_all()
    matters = env["project.project"].search([("name", "=like", f"{PREFIX}%")])
    cr.execute(SQL("SELECT id FROM law_deadline WHERE matter_id = ANY(%s)", matters.ids))
    ids = [row[0] for row in cr.fetchall()]
    templates = env["law.deadline"].search([("id", "in", ids), ("name", "=", f"{PREFIX} template")])
    bulk = sorted(set(ids) - set(templates.ids))
    cr.execute(
        SQL("DELETE FROM mail_message WHERE model = 'law.deadline' AND res_id = ANY(%s)", bulk)
    )
    cr.execute(
        SQL(
            "DELETE FROM mail_followers WHERE res_model = 'law.deadline' AND res_id = ANY(%s)", bulk
        )
    )
    cr.execute(SQL("DELETE FROM law_deadline WHERE id = ANY(%s)", bulk))
    cr.commit()
    env.invalidate_all()
    templates.unlink()
    matters.unlink()
    users = (
        env["res.users"].with_context(active_test=False).search([("login", "=like", f"{PREFIX}%")])
    )
    partners = users.partner_id | env["res.partner"].search([("name", "=", f"{PREFIX} client")])
    users.unlink()
    partners.unlink()
    cr.commit()


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    dbname = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    baseline_count = min(count, int(sys.argv[3]) if len(sys.argv) > 3 else 10_000)
    config.parse_config(["-c", str(CONF), "-d", dbname, "--log-level=warn"], setup_logging=True)
    registry = Registry(dbname)
    with registry.cursor() as cr:
        # No SMTP from this script: notification emails wait in the mail queue.
        env = api.Environment(cr, SUPERUSER_ID, {"mail_notify_force_send": False})
        cleanup(env)  # leftovers of an interrupted run
        try:
            templates = create_firm(env)
            cr.commit()
            started = time.perf_counter()
            ids = insert_deadlines(env, templates, count)
            cr.commit()
            print(f"inserted {len(ids)} open deadlines in {time.perf_counter() - started:.1f} s")

            base_n, base_s, base_q = baseline(env, baseline_count)
            cron_s, cron_q = run_cron(env)

            cr.execute(
                SQL(
                    """SELECT count(m.id), count(DISTINCT m.res_id),
                              count(DISTINCT d.id) FILTER (WHERE d.last_reminder_date IS NOT NULL)
                         FROM law_deadline d
                         LEFT JOIN mail_message m ON m.model = 'law.deadline' AND m.res_id = d.id
                        WHERE d.id = ANY(%s)""",
                    ids,
                )
            )
            messages, reminded_deadlines, moved = cr.fetchone()
            cr.rollback()
        finally:
            cleanup(env)

    base_rate, cron_rate = base_n / base_s, len(ids) / cron_s
    print(f"reminder cron over {len(ids)} open deadlines (all due today)")
    print(f"  duration            {cron_s:8.1f} s")
    print(f"  deadlines / second  {cron_rate:8.0f}")
    print(f"  queries / deadline  {cron_q / len(ids):8.1f}")
    print(
        f"  check: {messages} reminders on {reminded_deadlines} deadlines, "
        f"{moved} moved to their next rung"
    )
    print(f"stock search + message_post loop over {base_n} of them (rolled back)")
    print(f"  duration            {base_s:8.1f} s")
    print(f"  deadlines / second  {base_rate:8.0f}")
    print(f"  queries / deadline  {base_q / base_n:8.1f}")
    print(
        f"ratio cron / stock: time per deadline {base_rate / cron_rate:.2f}x, "
        f"queries per deadline {(cron_q / len(ids)) / (base_q / base_n):.2f}x"
    )


if __name__ == "__main__":
    main()
