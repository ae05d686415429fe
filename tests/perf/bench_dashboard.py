"""The partner dashboard's queries on a large firm: time and SQL queries per widget.

Builds a firm of ``matters`` matters (default 50,000) and ``entries``
correspondence log entries (default 1,000,000), with 4 deadlines and 10 time
lines per matter and one inquiry per 5 matters (so that every widget reads a
table of a firm's proportions), then runs every widget of
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

Measured (2026-12-04, 2 shared CPU cores, PostgreSQL 15, 50,000 matters,
1,000,000 entries, 200,000 deadlines, 500,000 time lines, 10,000 inquiries;
whole dashboard = sum of the widgets), admin / lawyer / partner::

    $ "$ODOO_PY" tests/perf/bench_dashboard.py bench_dashboard
    planner's estimated cost per widget (jit_above_cost = 100000)
    widget                     admin      lawyer     partner
    open_matters              15,734      16,549      16,646
    correspondence           235,495     157,048     147,078
    wip_billed                90,097      88,866      95,495
    ...
    PostgreSQL jit=on:  all widgets 1046.0 / 858.0 / 1005.6 ms, 0.82x / 0.96x
    PostgreSQL jit=off: all widgets 1101.4 / 1016.6 / 1086.4 ms, 0.92x / 0.99x

Every partner widget is under 1.5x (worst 1.46x, deadlines overdue with
JIT). The lawyer's deadline widgets vary between runs from 1.1x to 2.4x
(deadlines overdue 48.0 against 114.1 ms in this run, 80.2 against 102.7 ms
in another): the rule's LEFT JOIN hashes all matters to keep a few thousand
deadlines. Time per lawyer (``wip_billed``) is 2 queries under the rules:
the second is stock hr_timesheet's rule reading the user's followed
projects and tasks.

The same benchmark on the rules before this was measured (commit 4a344f4):
all widgets 2.80x / 3.22x with ``jit = on``, 1.23x / 1.86x with ``jit = off``;
a lawyer's open matters estimated at 1,101,435 against the admin's 17,206,
351.6 against 50.6 ms. What changed (``law_crm/models/res_users.py``):
(1) team and wall as ORM many2many conditions render as ``EXISTS``
correlated to each matter, which PostgreSQL runs as a hashed subplan but
costs as the per-row one, past ``jit_above_cost``; as uncorrelated
sub-selects of the team and wall tables they are costed as what they are.
(2) For partners (and billing), who see almost every matter, the rule on
records of a matter is "none of the hidden matters": two uncorrelated
``NOT IN`` sub-selects, found by index (walls, confidential matters) and
hashed once, instead of a LEFT JOIN of the matters filtered on every row
(correspondence 1.98x before) or a correlated ``NOT EXISTS``, which runs once
per row where the rule is ORed ("my own time"). (3) The time widget names
the matters with ``any!``: the time lines' own rule already applies
need-to-know; the matters' rule again in a sub-select doubled it.

The data is inserted with batched SQL as copies of one ORM-created record of
each kind (matter with its mail alias, log entry, deadline, time line,
inquiry), so the stored values are those the ORM writes; ``ANALYZE`` runs
before measuring. Everything happens in one transaction that is rolled back
at the end: the database is left as it was. Self-contained on purpose (no
shared data generator).

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

from odoo import SUPERUSER_ID, api, fields, sql_db  # noqa: E402
from odoo.modules.registry import Registry  # noqa: E402
from odoo.tools import SQL, config  # noqa: E402

CONF = Path(__file__).resolve().parents[2] / ".odoo.conf"
LAWYERS, PARTNERS, CLIENTS, AREAS = 40, 8, 2000, 10
BATCH = 100_000
DEADLINES_PER_MATTER, TIME_LINES_PER_MATTER, INTAKE_EVERY = 4, 10, 5
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
    env["hr.employee"].create([{"name": user.name, "user_id": user.id} for user in users])
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
    templates = {
        "law_deadline": env["law.deadline"].create(
            {
                "name": f"{PREFIX} reply",
                "matter_id": matter.id,
                "amount": 3,
                "unit": "weeks",
                "trigger_date": fields.Date.today(),
            }
        ),
        "account_analytic_line": env["account.analytic.line"].create(
            {
                "name": f"{PREFIX} work",
                "project_id": matter.id,
                "user_id": users[0].id,
                "employee_id": users[0].employee_id.id,
                "unit_amount": 1.5,
            }
        ),
        "crm_lead": env["crm.lead"].create({"name": f"{PREFIX} inquiry", "user_id": users[0].id}),
    }
    env.flush_all()
    return users[:LAWYERS], users[LAWYERS:], areas, clients, matter, entry, templates


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
    lawyers, partners, areas, clients, matter, entry, templates = create_firm(env)
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
    started = time.perf_counter()
    build_other_widgets(cr, templates, matter_ids, lawyers)
    print(
        f"inserted {DEADLINES_PER_MATTER * matters} deadlines,"
        f" {TIME_LINES_PER_MATTER * matters} time lines and {matters // INTAKE_EVERY} inquiries"
        f" in {time.perf_counter() - started:.1f} s"
    )
    for table in (
        "project_project",
        "mail_alias",
        "law_matter_team_rel",
        "law_matter_wall_rel",
        "law_correspondence",
        *templates,
    ):
        cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))
    env.invalidate_all()
    return lawyers[0], partners[0]


def build_other_widgets(cr, templates, matter_ids, lawyers):
    """Deadlines, time lines and inquiries on the matters, so that every
    widget reads a table of a real firm's proportions, not an empty one."""
    matters = len(matter_ids)
    employees = [lawyer.employee_id.id for lawyer in lawyers]
    # g / N: the rows of one matter are consecutive, as the matter's are.
    matter = SQL("(%s::int[])[1 + (g - 1) / %s]", matter_ids, DEADLINES_PER_MATTER)
    lawyer = SQL("1 + (g / 7) %% %s", LAWYERS)
    copy_rows(
        cr,
        "law_deadline",
        templates["law_deadline"].id,
        DEADLINES_PER_MATTER * matters,
        {
            "matter_id": matter,
            "user_id": SQL("(%s::int[])[%s]", lawyers.ids, lawyer),
            # Due from a year ago to a year ahead; past ones mostly done.
            "date_deadline": SQL("current_date + (g %% 730) - 365"),
            "computed_date": SQL("current_date + (g %% 730) - 365"),
            "state": SQL(
                "CASE WHEN g %% 730 >= 365 OR g %% 50 = 0 THEN 'registered' ELSE 'done' END"
            ),
            "activity_id": SQL("NULL"),
            "calendar_event_id": SQL("NULL"),
        },
    )
    copy_rows(
        cr,
        "account_analytic_line",
        templates["account_analytic_line"].id,
        TIME_LINES_PER_MATTER * matters,
        {
            "project_id": SQL("(%s::int[])[1 + (g - 1) / %s]", matter_ids, TIME_LINES_PER_MATTER),
            "user_id": SQL("(%s::int[])[%s]", lawyers.ids, lawyer),
            "employee_id": SQL("(%s::int[])[%s]", employees, lawyer),
            "date": SQL("current_date - (g %% 365)"),
            "law_billing_state": SQL("CASE WHEN g %% 3 = 0 THEN 'billed' ELSE 'unbilled' END"),
            "law_value": SQL("t.unit_amount * 1500"),
        },
    )
    # One inquiry for every INTAKE_EVERY matters over the last year, 60 %
    # of them converted into a matter.
    copy_rows(
        cr,
        "crm_lead",
        templates["crm_lead"].id,
        matters // INTAKE_EVERY,
        {
            "user_id": SQL("(%s::int[])[%s]", lawyers.ids, lawyer),
            "create_date": SQL("now() at time zone 'UTC' - make_interval(hours => g %% 8760)"),
            "law_matter_id": SQL(
                "CASE WHEN g %% 5 < 3 THEN (%s::int[])[1 + (g * 7) %% %s] END",
                matter_ids,
                matters,
            ),
            "law_converted": SQL("CASE WHEN g %% 5 < 3 THEN 1 ELSE 0 END"),
        },
    )


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


def planner_cost(env, key):
    """The planner's estimated total cost of the widget's ``_read_group``
    query (PostgreSQL JIT-compiles a query whose cost passes ``jit_above_cost``)."""
    cr = env.cr
    queries = []
    execute = cr.execute

    def capture(query, params=None, log_exceptions=True):
        queries.append(query)
        return execute(query, params, log_exceptions)

    cr.execute = capture
    try:
        env["law.dashboard"]._law_widget(key)
    finally:
        del cr.execute
    execute(SQL("EXPLAIN (FORMAT JSON) %s", queries[-1]))
    return cr.fetchone()[0][0]["Plan"]["Total Cost"]


def report_costs(env, lawyer, partner):
    """Print each widget's estimated cost for the three users."""
    cr = env.cr
    cr.execute("SHOW jit_above_cost")
    print(f"planner's estimated cost per widget (jit_above_cost = {cr.fetchone()[0]})")
    print(f"{'widget':<20}{'admin':>12}{'lawyer':>12}{'partner':>12}")
    for key in env["law.dashboard"]._law_widgets():
        costs = [
            planner_cost(user_env, key)
            for user_env in (env(su=True), env(user=lawyer.id), env(user=partner.id))
        ]
        print(f"{key:<20}" + "".join(f"{cost:>12,.0f}" for cost in costs))


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
            report_costs(env, lawyer, partner)
            cr.execute("SHOW jit")
            for jit in dict.fromkeys([cr.fetchone()[0], "off"]):
                cr.execute(SQL("SET LOCAL jit = %s", SQL(jit)))
                report(env, lawyer, partner, matters, entries, repeat, jit)
        finally:
            cr.rollback()


if __name__ == "__main__":
    main()
