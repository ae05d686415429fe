"""Anonymising many due persons: the retention cron against a naive ORM loop.

Inserts ``count`` persons (default 100,000, plus a first set of 10,000 for the
growth figure), each with an email, phone, street and note, three messages on
their own record (one of them written by them) and a party line (with a note)
in one of 10 matters, all last changed in 2015. A retention policy
``anonymise`` (3 years, batch ``batch`` persons, default 1,000, no approval)
covers each set; its run is opened (``law.gdpr.retention.run._open``: the due
items) and worked (``_work``: per batch the locked items, discovery, the
set-based anonymiser, the log, a commit), as the cron does.

Baseline, measured in the same run on ``sample`` other persons of the same
shape (default 2,000; per-person figures are what compare, the 100,000 figure
is extrapolated from it): the naive way with the ORM, one person at a time —
search and unlink the messages on them, search and write the ones they wrote,
write the party lines, write the person's fields (tracking off), commit every
``batch`` persons. It does no discovery, no scrubbing of mentions and no log,
so the ratio understates what the batched path does per person.

The data is inserted with SQL (the ORM would take longer than the benchmark);
everything the benchmark creates is committed (the cron commits) and stays:
run it on a scratch database and drop it afterwards.

Run from the repository root::

    source setup/bootstrap.sh
    "$ODOO_PY" /opt/odoo/odoo-bin -c .odoo.conf -d bench_anon -i law_crm_gdpr --stop-after-init
    "$ODOO_PY" tests/perf/bench_gdpr_anonymise.py bench_anon [count] [sample] [batch]
    dropdb bench_anon

Measured on the shared 2-core development machine::

    $ "$ODOO_PY" tests/perf/bench_gdpr_anonymise.py bench_anon     (2026-12-04, 2 cores
      shared with four other Odoo test runs, load average 7 to 8)
    inserted 112000 persons, 3 messages and a party line each, in 25.6 s
    naive ORM loop, 2000 persons: 113.2 s, 18 persons/s
    retention cron, 10000 persons (batches of 1000): 43.2 s (opening the run 1.7 s),
      232 persons/s, ratio to naive 13.1x; left with the name (persons, messages,
      party lines): (0, 0, 0)
    retention cron, 100000 persons (batches of 1000): 449.0 s (opening the run 10.1 s),
      223 persons/s, ratio to naive 12.6x; left with the name: (0, 0, 0)
      naive loop extrapolated to 100000: 5662 s
    growth 10000 -> 100000 persons: duration x10.4 for x10 persons

Not a pytest test (the name starts with ``bench_``).
"""

import os
import sys
import time
from pathlib import Path

ODOO_SRC = os.environ.get("ODOO_SRC", "/opt/odoo")
if ODOO_SRC not in sys.path:
    sys.path.insert(0, ODOO_SRC)

from odoo import SUPERUSER_ID, api  # noqa: E402
from odoo.modules.registry import Registry  # noqa: E402
from odoo.tools import SQL, config  # noqa: E402

CONF = Path(__file__).resolve().parents[2] / ".odoo.conf"
MATTERS = 10


def create_matters(env):
    client = env["res.partner"].create({"name": "Bench Client AS", "is_company": True})
    return (
        env["project.project"]
        .with_context(mail_create_nolog=True)
        .create(
            [
                {"name": f"Bench matter {n}", "is_matter": True, "partner_id": client.id}
                for n in range(MATTERS)
            ]
        )
    )


def insert_persons(env, tag, count, matters):
    """``count`` persons tagged ``tag`` (in ``ref``) with messages and a party line."""
    cr = env.cr
    cr.execute(
        SQL(
            """
            INSERT INTO res_partner (name, complete_name, email, email_normalized, phone,
                                     street, zip, city, comment, ref, type, active,
                                     create_date, write_date, create_uid, write_uid)
            SELECT 'Bench Person ' || %(tag)s || ' ' || n,
                   'Bench Person ' || %(tag)s || ' ' || n,
                   'bench.' || %(tag)s || '.' || n || '@example.no',
                   'bench.' || %(tag)s || '.' || n || '@example.no',
                   '+47 9' || lpad(n::text, 7, '0'),
                   'Benchveien ' || n, '0150', 'Oslo',
                   '<p>Met at a seminar</p>', %(ref)s, 'contact', TRUE,
                   '2015-01-01', '2015-01-01', 1, 1
              FROM generate_series(1, %(count)s) n
            RETURNING id
            """,
            tag=tag,
            ref=f"BENCH-{tag}",
            count=count,
        )
    )
    ids = [row[0] for row in cr.fetchall()]
    cr.execute(
        SQL(
            """
            INSERT INTO mail_message (model, res_id, author_id, email_from, body, subject,
                                      message_type, date, create_date, write_date,
                                      create_uid, write_uid)
            SELECT 'res.partner', p.id, CASE WHEN k = 1 THEN p.id ELSE NULL END,
                   CASE WHEN k = 1 THEN p.email ELSE NULL END,
                   '<p>' || p.name || ' asked about the fees (' || k || ').</p>',
                   'Inquiry ' || k, CASE WHEN k = 1 THEN 'email' ELSE 'comment' END,
                   '2015-01-01', '2015-01-01', '2015-01-01', 1, 1
              FROM res_partner p, generate_series(1, 3) k
             WHERE p.id = ANY(%(ids)s)
            """,
            ids=ids,
        )
    )
    cr.execute(
        SQL(
            """
            INSERT INTO law_matter_party (matter_id, company_id, partner_id, role, sequence,
                                          note, create_date, write_date, create_uid, write_uid)
            SELECT (%(matters)s::int[])[1 + p.id %% %(n)s], %(company)s, p.id, 'related', 10,
                   'Knows ' || p.name, now(), now(), 1, 1
              FROM res_partner p WHERE p.id = ANY(%(ids)s)
            """,
            matters=matters.ids,
            n=len(matters),
            company=env.company.id,
            ids=ids,
        )
    )
    cr.commit()
    return ids


def ours(env, tag, batch):
    policy = env["law.gdpr.retention.policy"].create(
        {
            "name": f"Bench: anonymise {tag}",
            "category": "prospect",
            "model_name": "res.partner",
            "domain": f"[('ref', '=', 'BENCH-{tag}')]",
            "date_field": "write_date",
            "period_years": 3,
            "action": "anonymise",
            "needs_approval": False,
            "batch_size": batch,
            "legal_basis": "Benchmark",
        }
    )
    env.cr.commit()
    started = time.perf_counter()
    run = env["law.gdpr.retention.run"]._open(policy)
    env.cr.commit()
    opened = time.perf_counter() - started
    run._work(env["ir.cron"])
    env.cr.commit()
    total = time.perf_counter() - started
    return run.item_count, opened, total


def naive(env, ids, batch):
    Partner = env["res.partner"].with_context(tracking_disable=True)
    Message = env["mail.message"]
    started = time.perf_counter()
    for n, pid in enumerate(ids, 1):
        person = Partner.browse(pid)
        Message.search([("model", "=", "res.partner"), ("res_id", "=", pid)]).unlink()
        Message.search([("author_id", "=", pid)]).write({"body": "", "email_from": False})
        env["law.matter.party"].search([("partner_id", "=", pid)]).write({"note": False})
        person.write(
            {
                "name": f"Anonymised person {pid}",
                "email": False,
                "phone": False,
                "street": False,
                "zip": False,
                "city": False,
                "comment": False,
                "ref": False,
                "active": False,
            }
        )
        if n % batch == 0:
            env.cr.commit()
            env.invalidate_all()
    env.cr.commit()
    return time.perf_counter() - started


def check(env, tag):
    env.cr.execute(
        SQL(
            "SELECT count(*) FROM res_partner WHERE name LIKE %s",
            f"Bench Person {tag} %",
        )
    )
    left_partners = env.cr.fetchone()[0]
    env.cr.execute(
        SQL("SELECT count(*) FROM mail_message WHERE body LIKE %s", f"%Bench Person {tag} %")
    )
    left_messages = env.cr.fetchone()[0]
    env.cr.execute(
        SQL("SELECT count(*) FROM law_matter_party WHERE note LIKE %s", f"%Bench Person {tag} %")
    )
    return left_partners, left_messages, env.cr.fetchone()[0]


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    dbname = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    sample = int(sys.argv[3]) if len(sys.argv) > 3 else 2_000
    batch = int(sys.argv[4]) if len(sys.argv) > 4 else 1_000
    small = min(10_000, count)
    config.parse_config(["-c", str(CONF), "-d", dbname, "--log-level=warn"], setup_logging=True)
    registry = Registry(dbname)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        # Only the benchmark's policies act.
        env["law.gdpr.retention.policy"].search([]).active = False
        matters = create_matters(env)
        cr.commit()
        started = time.perf_counter()
        naive_ids = insert_persons(env, "naive", sample, matters)
        insert_persons(env, "small", small, matters)
        insert_persons(env, "large", count, matters)
        print(
            f"inserted {sample + small + count} persons, 3 messages and a party line each, "
            f"in {time.perf_counter() - started:.1f} s"
        )
        naive_s = naive(env, naive_ids, batch)
        results = {}
        for tag, size in (("small", small), ("large", count)):
            done, opened, total = ours(env, tag, batch)
            assert done == size, (done, size)
            results[tag] = (size, opened, total, check(env, tag))
        assert check(env, "naive") == (0, 0, 0)

    naive_rate = sample / naive_s
    print(f"naive ORM loop, {sample} persons: {naive_s:.1f} s, {naive_rate:.0f} persons/s")
    for tag in ("small", "large"):
        size, opened, total, left = results[tag]
        rate = size / total
        print(
            f"retention cron, {size} persons (batches of {batch}): {total:.1f} s "
            f"(opening the run {opened:.1f} s), {rate:.0f} persons/s, "
            f"ratio to naive {rate / naive_rate:.1f}x; left with the name "
            f"(persons, messages, party lines): {left}"
        )
        print(f"  naive loop extrapolated to {size}: {size / naive_rate:.0f} s")
    small_s, large_s = results["small"][2], results["large"][2]
    print(
        f"growth {small} -> {count} persons: duration x{large_s / small_s:.1f} "
        f"for x{count / small:.0f} persons"
    )


if __name__ == "__main__":
    main()
