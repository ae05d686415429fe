"""Billing 200 matters with 50,000 time entries in one wizard run.

Creates ``matters`` matters (default 200) for as many clients, 20 lawyers with
employees and a role rate, and ``entries`` billable time entries (default
50,000) spread over them, then runs *Bill Matters* once over all matters as a
Law: Billing user and prints the duration, entries per second and SQL queries
per time entry.

Baseline in the same run, when ``sale_timesheet`` is installed in the database:
Odoo's stock invoicing of timesheets, i.e. one sale order per client with a
service product invoiced on delivered timesheets, the same number of projects
linked to the order lines, the same number of timesheets, and
``sale.order._create_invoices()`` over all orders. Without sale_timesheet the
baseline is reported as not measured.

Nothing is committed: the whole run is rolled back at the end.

Run from the repository root, on a scratch database::

    source setup/bootstrap.sh
    "$ODOO_PY" /opt/odoo/odoo-bin -c .odoo.conf -d bench_billing \\
        -i law_crm_billing_bridge,sale_timesheet --stop-after-init
    "$ODOO_PY" tests/perf/bench_billing.py bench_billing [matters] [entries]
    dropdb bench_billing

Figures on this machine (2 cores, 2026-12-03, default 200 matters and 50,000
entries, grouping per lawyer with 20 lawyers)::

    law_crm_billing_bridge as superuser: 110.2 s, 6614 queries (0.132 per entry)
    law_crm_billing_bridge as Law: Billing user: 200 matters, 50000 entries
        -> 200 invoices, 4000 invoice lines in 87.1 s (574 entries/s),
        6768 queries (0.135 per entry)
    sale_timesheet baseline: 200 orders, 50000 timesheets -> 200 invoices,
        200 invoice lines in 25.2 s (1983 entries/s), 4960 queries (0.099 per entry)
    ratio law/stock: time 3.45 (as superuser 4.37), queries 1.36

Not like for like: stock invoicing puts all of an order's delivered hours on
one invoice line, ours itemises them per lawyer (20 times as many invoice
lines, each with its taxes and balances). 0.135 queries per entry means no
query is made per time entry (6768 queries for 50,000 entries).

Not a pytest test (the name starts with ``bench_``).
"""

import os
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ODOO_SRC = os.environ.get("ODOO_SRC", "/opt/odoo")
if ODOO_SRC not in sys.path:
    sys.path.insert(0, ODOO_SRC)

from odoo import SUPERUSER_ID, Command, api, sql_db  # noqa: E402
from odoo.modules.registry import Registry  # noqa: E402
from odoo.tools import config  # noqa: E402

CONF = Path(__file__).resolve().parents[2] / ".odoo.conf"
LAWYERS = 20
BATCH = 5000


def queries():
    return sql_db.sql_counter


def create_firm(env, matters, prefix="bench"):
    company = env.company
    if not company.chart_template:
        env["account.chart.template"].try_loading("no", company, install_demo=False)
    billing = env["res.users"].create(
        {
            "name": "Bench Billing",
            "login": f"{prefix}-billing",
            "group_ids": [Command.set([env.ref("law_crm.group_law_billing").id])],
        }
    )
    job = env["hr.job"].create({"name": "Bench Associate"})
    lawyers = env["res.users"].create(
        [
            {
                "name": f"Bench Lawyer {i}",
                "login": f"{prefix}-lawyer-{i}",
                "group_ids": [Command.set([env.ref("law_crm.group_law_lawyer").id])],
            }
            for i in range(LAWYERS)
        ]
    )
    employees = env["hr.employee"].create(
        [{"name": user.name, "user_id": user.id, "job_id": job.id} for user in lawyers]
    )
    env["law.billing.rate"].create(
        {"job_id": job.id, "date_from": "2020-01-01", "hourly_rate": 2000}
    )
    clients = env["res.partner"].create(
        [{"name": f"Bench Client {i}", "is_company": True} for i in range(matters)]
    )
    return billing, lawyers, employees, clients


def time_values(projects, employees, entries, extra=None):
    start = date(2026, 1, 5)
    for i in range(entries):
        # Every matter gets time from every lawyer, so grouping per lawyer
        # gives several invoice lines per invoice.
        employee = employees[(i // len(projects)) % len(employees)]
        values = {
            "project_id": projects[i % len(projects)].id,
            "employee_id": employee.id,
            "user_id": employee.user_id.id,
            "unit_amount": 0.25 * (1 + i % 8),
            "date": start + timedelta(days=i % 300),
            "name": f"Work {i}",
        }
        if extra:
            values.update(extra(i))
        yield values


def create_time(env, projects, employees, entries, extra=None):
    Line = env["account.analytic.line"]
    values = list(time_values(projects, employees, entries, extra))
    for offset in range(0, len(values), BATCH):
        Line.create(values[offset : offset + BATCH])
        env.flush_all()
        env.invalidate_all()


def measure(env, function):
    env.flush_all()
    env.invalidate_all()
    before, started = queries(), time.perf_counter()
    result = function()
    env.flush_all()
    return result, time.perf_counter() - started, queries() - before


def bench_law(env, matters, entries):
    billing, lawyers, employees, clients = create_firm(env, matters)
    projects = env["project.project"].create(
        [
            {
                "name": f"Bench Matter {i}",
                "is_matter": True,
                "partner_id": client.id,
                "user_id": lawyers[i % LAWYERS].id,
                "team_user_ids": [Command.set(lawyers.ids)],
            }
            for i, client in enumerate(clients)
        ]
    )
    codes = env["law.activity.code"].search([("billable", "=", True)])
    created = time.perf_counter()
    create_time(
        env,
        projects,
        employees,
        entries,
        extra=lambda i: {"law_activity_code_id": codes[i % len(codes)].id},
    )
    print(f"setup: {entries} time entries created in {time.perf_counter() - created:.0f} s")

    def run(user):
        wizard = (
            env["law.billing.wizard"]
            .with_user(user)
            .create({"matter_ids": [Command.set(projects.ids)], "date_to": "2026-12-31"})
        )
        action = wizard.action_create_invoices()
        return env["account.move"].browse(action["domain"][0][2])

    # First as superuser, like the stock baseline below (no record rules),
    # then rolled back and run again as the Law: Billing user.
    env.flush_all()
    env.cr.execute("SAVEPOINT bench_superuser")
    _invoices, su_seconds, su_count = measure(env, lambda: run(env.user))
    env.cr.execute("ROLLBACK TO SAVEPOINT bench_superuser")
    env.invalidate_all(flush=False)
    print(
        f"law_crm_billing_bridge as superuser: {su_seconds:.1f} s, {su_count} queries "
        f"({su_count / entries:.3f} per entry)"
    )
    invoices, seconds, count = measure(env, lambda: run(billing))
    billed = env["account.analytic.line"].search_count(
        [("project_id", "in", projects.ids), ("law_invoice_line_id", "!=", False)]
    )
    assert billed == entries, f"{billed} of {entries} entries billed"
    assert len(invoices) == matters
    return seconds, count, len(invoices.invoice_line_ids), su_seconds


def bench_sale_timesheet(env, matters, entries):
    _billing, _lawyers, employees, clients = create_firm(env, matters, prefix="stock")
    product = env["product.product"].create(
        {
            "name": "Bench legal services",
            "type": "service",
            "invoice_policy": "delivery",
            "service_type": "timesheet",
            "list_price": 2000,
            "uom_id": env.ref("uom.product_uom_hour").id,
        }
    )
    orders = env["sale.order"].create(
        [
            {
                "partner_id": client.id,
                "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 1})],
            }
            for client in clients
        ]
    )
    orders.action_confirm()
    projects = env["project.project"].create(
        [
            {
                "name": f"Bench Project {i}",
                "allow_billable": True,
                "partner_id": order.partner_id.id,
                "sale_line_id": order.order_line[0].id,
                "privacy_visibility": "employees",
            }
            for i, order in enumerate(orders)
        ]
    )
    created = time.perf_counter()
    create_time(env, projects, employees, entries)
    print(f"setup: {entries} timesheets created in {time.perf_counter() - created:.0f} s")
    linked = env["account.analytic.line"].search_count(
        [("project_id", "in", projects.ids), ("so_line", "!=", False)]
    )
    assert linked == entries, f"only {linked} of {entries} timesheets on order lines"

    def run():
        return orders._create_invoices()

    invoices, seconds, count = measure(env, run)
    assert len(invoices) == matters
    return seconds, count, len(invoices.invoice_line_ids)


def main():
    database = sys.argv[1]
    matters = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    entries = int(sys.argv[3]) if len(sys.argv) > 3 else 50_000
    config.parse_config(["-c", str(CONF), "-d", database])
    registry = Registry(database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        try:
            seconds, count, invoice_lines, su_seconds = bench_law(env, matters, entries)
            print(
                f"law_crm_billing_bridge as Law: Billing user: {matters} matters, "
                f"{entries} entries -> "
                f"{matters} invoices, {invoice_lines} invoice lines in {seconds:.1f} s "
                f"({entries / seconds:.0f} entries/s), {count} queries "
                f"({count / entries:.3f} per entry)"
            )
            if env["ir.module.module"]._get("sale_timesheet").state != "installed":
                print("sale_timesheet baseline: not measured (sale_timesheet not installed)")
                return
            base_seconds, base_count, base_lines = bench_sale_timesheet(env, matters, entries)
            print(
                f"sale_timesheet baseline: {matters} orders, {entries} timesheets -> "
                f"{matters} invoices, {base_lines} invoice lines in {base_seconds:.1f} s "
                f"({entries / base_seconds:.0f} entries/s), {base_count} queries "
                f"({base_count / entries:.3f} per entry)"
            )
            print(
                f"ratio law/stock: time {seconds / base_seconds:.2f} "
                f"(as superuser {su_seconds / base_seconds:.2f}), "
                f"queries {count / base_count:.2f}"
            )
        finally:
            cr.rollback()


if __name__ == "__main__":
    main()
