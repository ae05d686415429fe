"""The partner dashboard's queries on a large firm: time and SQL queries per widget.

Builds a firm of ``matters`` matters (default 50,000) and ``entries``
correspondence log entries (default 1,000,000), then runs every widget of
``law.dashboard._law_widgets()`` (the same ``_read_group`` the dashboard's
graph and pivot views run) three ways:

- as a restricted lawyer, under the need-to-know record rules (responsible for
  1 matter in 20, on the team of 1 in 25);
- as a firm partner, under the same rules (sees every matter that is not
  confidential, minus the 1 in 100 they are walled off from);
- as the baseline: the superuser, to whom no record rule applies (what an
  Odoo administrator without the law_crm rules would run).

Runs the widgets with PostgreSQL's ``jit`` setting as configured (on by
default) and again with ``jit = off``. Prints, per widget, the best of
``repeat`` runs (default 5) in milliseconds and the number of SQL queries,
and the ratio of the rule-bound time to the baseline (target: under 1.5x).

Measured (2 shared CPU cores, PostgreSQL 15, 50,000 matters, 1,000,000
entries; whole dashboard = sum of the widgets):

- ``jit = off``: whole dashboard 442 ms as admin, 459 ms as the lawyer (1.04x),
  679 ms as the partner (1.54x). The matter widgets are 0.9-1.6x; the
  correspondence volume (one year of entries grouped by month and kind, 386 ms
  as admin) is 1.00x for the lawyer and 1.57x for the partner, whose rule keeps
  95% of the matters and so costs a semi-join over nearly every entry. The
  deadline and time widgets run on near-empty tables here (under 3 ms; the
  ratios of 2.6-4.8x are fractions of a millisecond of rule overhead).
- ``jit = on`` (PostgreSQL's default): the matter widgets take about 230 ms
  instead of 20 ms (12x), nearly all of it JIT compilation: the planner's
  cost estimate of the rule's sub-selects (walls, team, the stock project
  follower rule ORed in) passes ``jit_above_cost``. Whole dashboard 2.9x
  (lawyer) and 3.7x (partner). Production should run with ``jit = off``
  (see docs/deployment.md), or the rule's estimate be lowered.

A second run (2026-12-04, fewer other processes on the machine), ``jit = off``:
whole dashboard admin 338.5 ms, lawyer 337.6 ms (1.00x), partner 654.5 ms
(1.93x); correspondence 301.7 / 280.7 / 592.0 ms (partner 1.96x): the target
is missed for the partner. EXPLAIN ANALYZE: the rule's ``any!`` on
``matter_id`` is a LEFT JOIN of the matters plus a filter on all 960k rows
(414 ms), and the planner, estimating 471,598 groups for month x kind (48 in
fact), sorts the rows on disk instead of hashing. Extended statistics on
``(date_trunc('month', date::timestamp)), kind`` fix the estimate (admin 135 ms,
partner 431 ms) but not the ratio; the join over every row remains.

The data is inserted with batched SQL as copies of one ORM-created matter
(with its mail alias) and one ORM-created log entry, so the stored values are
those the ORM writes; ``ANALYZE`` runs before measuring. Everything happens in
one transaction that is rolled back at the end: the database is left as it was.
Self-contained on purpose (no shared data generator).

Run from the repository root, on a scratch database with the addons installed::

    source setup/bootstrap.sh
    "$ODOO_PY" /opt/odoo/odoo-bin -c .odoo.conf -d bench_dashboard \\
        -i law_crm_deadlines,law_crm_billing_bridge --stop-after-init
    "$ODOO_PY" tests/perf/bench_dashboard.py bench_dashboard [matters] [entries] [repeat]
    dropdb bench_dashboard

Not a pytest test (the name starts with ``bench_``).
"""

import os
import sys
import time
from pathlib import Path

ODOO_SRC = os.environ.get("ODOO_SRC", "/opt/odoo")
if ODOO_SRC not in sys.path:
    sys.path.insert(0, ODOO_SRC)

from odoo import SUPERUSER_ID, api, sql_db  # noqa: E402
from odoo.modules.registry import Registry  # noqa: E402
from odoo.tools import SQL, config  # noqa: E402

CONF = Path(__file__).resolve().parents[2] / ".odoo.conf"
LAWYERS, PARTNERS, CLIENTS, AREAS = 40, 8, 2000, 10
BATCH = 100_000
PREFIX = "bench-dashboard"


def create_firm(env):
    """Users, practice areas, clients, one template matter and log entry (ORM)."""
    Users = env["res.users"].with_context(no_reset_password=True, mail_create_nolog=True)
    lawyer_group = env.ref("law_crm.group_law_lawyer")
    partner_group = env.ref("law_crm.group_law_partner")
    users = Users.create(
        [
            {
                "name": f"Bench Lawyer {i}",
                "login": f"{PREFIX}-lawyer-{i}",
                "group_ids": [(6, 0, lawyer_group.ids)],
            }
            for i in range(LAWYERS)
        ]
        + [
            {
                "name": f"Bench Partner {i}",
                "login": f"{PREFIX}-partner-{i}",
                "group_ids": [(6, 0, partner_group.ids)],
            }
            for i in range(PARTNERS)
        ]
    )
    areas = env["law.practice.area"].create([{"name": f"{PREFIX} area {i}"} for i in range(AREAS)])
    clients = env["res.partner"].create(
        [{"name": f"{PREFIX} client {i}", "is_company": True} for i in range(CLIENTS)]
    )
    matter = (
        env["project.project"]
        .with_context(mail_create_nolog=True)
        .create(
            {
                "name": f"{PREFIX} template",
                "is_matter": True,
                "partner_id": clients[0].id,
                "user_id": users[0].id,
                "practice_area_id": areas[0].id,
            }
        )
    )
    entry = env["law.correspondence"].create(
        {"matter_id": matter.id, "subject": f"{PREFIX} call", "kind": "phone"}
    )
    env.flush_all()
    return users[:LAWYERS], users[LAWYERS:], areas, clients, matter, entry


def columns(cr, table, exclude):
    cr.execute(
        SQL(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_name = %s AND column_name NOT IN %s",
            table,
            tuple(exclude),
        )
    )
    return [name for (name,) in cr.fetchall()]


def copy_rows(cr, table, template_id, count, overrides):
    """Insert ``count`` copies of row ``template_id`` of ``table`` in batches;
    ``overrides`` maps columns to SQL expressions of ``g`` (1..count). Returns
    the new ids in ``g`` order."""
    names = columns(cr, table, ["id", *overrides])
    target = SQL(", ").join(SQL.identifier(name) for name in [*names, *overrides])
    source = SQL(", ").join(
        [*(SQL("t.%s", SQL.identifier(name)) for name in names), *overrides.values()]
    )
    ids = []
    for start in range(1, count + 1, BATCH):
        stop = min(start + BATCH - 1, count)
        cr.execute(
            SQL(
                "INSERT INTO %s (%s) SELECT %s FROM %s t, generate_series(%s, %s) g"
                " WHERE t.id = %s ORDER BY g RETURNING id",
                SQL.identifier(table),
                target,
                source,
                SQL.identifier(table),
                start,
                stop,
                template_id,
            )
        )
        ids += sorted(row[0] for row in cr.fetchall())
    return ids


def build(env, matters, entries):
    """The matters (with aliases, teams, walls) and the correspondence log."""
    lawyers, partners, areas, clients, matter, entry = create_firm(env)
    cr = env.cr
    started = time.perf_counter()
    alias_ids = copy_rows(
        cr, "mail_alias", matter.alias_id.id, matters, {"alias_name": SQL("NULL")}
    )
    # One in 25 matters confidential; states spread 10% intake, 70% open, 20% closed.
    matter_ids = copy_rows(
        cr,
        "project_project",
        matter.id,
        matters,
        {
            "name": SQL("jsonb_build_object('en_US', %s || g)", f"{PREFIX} matter "),
            "matter_number": SQL("%s || g", "B-"),
            "alias_id": SQL("(%s::int[])[g]", alias_ids),
            # g / 7: each lawyer's matters spread over all states.
            "user_id": SQL("(%s::int[])[1 + (g / 7) %% %s]", lawyers.ids, LAWYERS),
            "supervising_partner_id": SQL("(%s::int[])[1 + g %% %s]", partners.ids, PARTNERS),
            "practice_area_id": SQL("(%s::int[])[1 + g %% %s]", areas.ids, AREAS),
            "partner_id": SQL("(%s::int[])[1 + g %% %s]", clients.ids, CLIENTS),
            "confidentiality": SQL("CASE WHEN g %% 25 = 0 THEN 'confidential' ELSE 'normal' END"),
            "state": SQL(
                "CASE WHEN g %% 10 = 0 THEN 'intake' WHEN g %% 10 < 3 THEN 'closed' ELSE 'open' END"
            ),
            "date_opened": SQL(
                "CASE WHEN g %% 10 = 0 THEN NULL ELSE current_date - (g %% 730) END"
            ),
            "law_intake_days": SQL("g %% 60"),
        },
    )
    cr.execute(
        SQL(
            "UPDATE mail_alias SET alias_force_thread_id = m.id FROM project_project m"
            " WHERE m.alias_id = mail_alias.id AND m.id = ANY(%s)",
            matter_ids,
        )
    )
    # The restricted lawyer (lawyers[0]) is also on the team of 1 matter in 50;
    # partners[0] is walled off from 1 in 100.
    cr.execute(
        SQL(
            "INSERT INTO law_matter_team_rel (matter_id, user_id)"
            " SELECT id, %s FROM unnest(%s::int[]) WITH ORDINALITY AS m(id, g)"
            " WHERE g %% 50 IN (3, 24)",
            lawyers[0].id,
            matter_ids,
        )
    )
    cr.execute(
        SQL(
            "INSERT INTO law_matter_wall_rel (matter_id, user_id)"
            " SELECT id, %s FROM unnest(%s::int[]) WITH ORDINALITY AS m(id, g) WHERE g %% 100 = 7",
            partners[0].id,
            matter_ids,
        )
    )
    print(f"inserted {matters} matters in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    copy_rows(
        cr,
        "law_correspondence",
        entry.id,
        entries,
        {
            "matter_id": SQL("(%s::int[])[1 + (g::bigint * 7919) %% %s]", matter_ids, matters),
            "client_id": SQL(
                "(%s::int[])[1 + ((g::bigint * 7919) %% %s) %% %s]", clients.ids, matters, CLIENTS
            ),
            "kind": SQL("(ARRAY['email','email','email','phone','meeting','letter'])[1 + g %% 6]"),
            "direction": SQL("(ARRAY['in','out','internal'])[1 + g %% 3]"),
            "date": SQL("now() at time zone 'UTC' - make_interval(mins => g %% 525600)"),
            "user_id": SQL("(%s::int[])[1 + g %% %s]", lawyers.ids, LAWYERS),
            "mail_message_id": SQL("NULL"),
        },
    )
    print(f"inserted {entries} correspondence entries in {time.perf_counter() - started:.1f} s")
    for table in (
        "project_project",
        "mail_alias",
        "law_matter_team_rel",
        "law_matter_wall_rel",
        "law_correspondence",
    ):
        cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))
    env.invalidate_all()
    return lawyers[0], partners[0]


def measure(env, key, repeat):
    """(best ms, SQL queries) of one widget in ``env``."""
    Dashboard = env["law.dashboard"]
    Dashboard._law_widget(key)  # warm: record rule domains, registry caches
    best, queries = None, 0
    for _ in range(repeat):
        env.invalidate_all()
        before = sql_db.sql_counter
        started = time.perf_counter()
        Dashboard._law_widget(key)
        elapsed = (time.perf_counter() - started) * 1000
        queries = sql_db.sql_counter - before
        best = elapsed if best is None else min(best, elapsed)
    return best, queries


def report(env, lawyer, partner, matters, entries, repeat, jit):
    """Print the table of the widgets' times and queries for one JIT setting."""
    admin_env = env(su=True)
    keys = list(env["law.dashboard"]._law_widgets())
    print(
        f"dashboard widgets, {matters} matters, {entries} correspondence entries,"
        f" best of {repeat}, PostgreSQL jit={jit}"
    )
    header = (
        f"{'widget':<20}{'admin ms':>10}{'q':>4}{'lawyer ms':>11}{'q':>4}"
        f"{'ratio':>7}{'partner ms':>12}{'q':>4}{'ratio':>7}"
    )
    print(header)
    worst = 0.0
    totals = [0.0, 0.0, 0.0]
    for key in keys:
        admin_ms, admin_q = measure(admin_env, key, repeat)
        lawyer_ms, lawyer_q = measure(env(user=lawyer.id), key, repeat)
        partner_ms, partner_q = measure(env(user=partner.id), key, repeat)
        totals = [totals[0] + admin_ms, totals[1] + lawyer_ms, totals[2] + partner_ms]
        ratios = (lawyer_ms / admin_ms, partner_ms / admin_ms)
        worst = max(worst, *ratios)
        print(
            f"{key:<20}{admin_ms:>10.1f}{admin_q:>4}{lawyer_ms:>11.1f}{lawyer_q:>4}"
            f"{ratios[0]:>6.2f}x{partner_ms:>12.1f}{partner_q:>4}{ratios[1]:>6.2f}x"
        )
    print(
        f"{'all widgets':<20}{totals[0]:>10.1f}{'':>4}{totals[1]:>11.1f}{'':>4}"
        f"{totals[1] / totals[0]:>6.2f}x{totals[2]:>12.1f}{'':>4}"
        f"{totals[2] / totals[0]:>6.2f}x"
    )
    print(
        f"need-to-know overhead: worst widget {worst:.2f}x, whole dashboard "
        f"{max(totals[1], totals[2]) / totals[0]:.2f}x (target < 1.5x)"
    )


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    dbname = sys.argv[1]
    matters = int(sys.argv[2]) if len(sys.argv) > 2 else 50_000
    entries = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000
    repeat = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    config.parse_config(["-c", str(CONF), "-d", dbname, "--log-level=warn"], setup_logging=True)
    registry = Registry(dbname)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"mail_notify_force_send": False})
        try:
            lawyer, partner = build(env, matters, entries)
            cr.execute("SHOW jit")
            for jit in dict.fromkeys([cr.fetchone()[0], "off"]):
                cr.execute(SQL("SET LOCAL jit = %s", SQL(jit)))
                report(env, lawyer, partner, matters, entries, repeat, jit)
        finally:
            cr.rollback()


if __name__ == "__main__":
    main()
