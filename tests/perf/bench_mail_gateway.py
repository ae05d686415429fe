"""Inbound email through the gateway onto matters, against stock project aliases.

Feeds ``count`` emails (default 1,000) through ``mail.thread.message_process``,
exactly as ``odoo-mailgate.py`` does, in three variants on the same database
and in the same run, interleaved in rounds of 100 so machine noise hits all
three alike:

* **law_crm**: half to a matter's own address (``sak-<number>@``), half to the
  logging address ``logg@`` with the matter number in the subject: our routing
  (``law.mail.router``) and a correspondence log entry per email;
* **stock, post on project**: the same emails to stock project aliases forced
  onto the project's chatter (``alias_force_thread_id``): the same chatter work
  as ours without routing rules and logging, so the ratio against it is what
  our work costs;
* **stock, task per email**: the same emails to stock project aliases as Odoo
  ships them, which create a task per email (printed for reference).

Each email has a 2 kB body and every fifth a 20 kB PDF attachment. Throughput
is emails per second; the target is law_crm / stock-post >= 0.8. Everything
runs in one transaction that is rolled back, so the database is unchanged.
The stock variants run with law_crm installed, where our routing hook is a
pass-through for projects that are not matters (one read of ``is_matter``).

Run from the repository root, on a scratch database with law_crm installed::

    source setup/bootstrap.sh
    "$ODOO_PY" /opt/odoo/odoo-bin -c .odoo.conf -d bench_mail -i law_crm --stop-after-init
    "$ODOO_PY" tests/perf/bench_mail_gateway.py bench_mail [count]
    dropdb bench_mail

Measured on 2026-12-03 (2 cores, shared with other test runs; rounds are
interleaved so the load hits all variants alike), ``count`` 1000::

    law_crm: matter alias / logg@ + routing + log entry   18.3 emails/s  36.5 queries/email
    stock: project alias posting on the project           20.9 emails/s  33.3 queries/email
    stock: project alias creating a task                  14.5 emails/s  40.2 queries/email
    ratio law_crm / stock post on project: 0.88 (target >= 0.80)
    ratio law_crm / stock task per email:  1.27

Not a pytest test (the name starts with ``bench_``).
"""

import os
import sys
import time
from email.message import EmailMessage
from pathlib import Path

ODOO_SRC = os.environ.get("ODOO_SRC", "/opt/odoo")
if ODOO_SRC not in sys.path:
    sys.path.insert(0, ODOO_SRC)

from odoo import SUPERUSER_ID, api, sql_db  # noqa: E402
from odoo.modules.registry import Registry  # noqa: E402
from odoo.tools import config  # noqa: E402

CONF = Path(__file__).resolve().parents[2] / ".odoo.conf"
TARGETS = 50
ROUND = 100
BODY = ("Vi viser til deres brev og kommer tilbake med vårt syn på saken. " * 32)[:2000]
PDF = b"%PDF-1.4\n" + b"0" * 20_000


def raw_email(index, to, subject, sender):
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Message-Id"] = f"<m-{index}-{to}@sender.example>"
    message["Date"] = "Thu, 03 Dec 2026 09:00:00 +0100"
    message.set_content(BODY)
    if index % 5 == 0:
        message.add_attachment(PDF, maintype="application", subtype="pdf", filename="bilag.pdf")
    return message.as_bytes()


def create_targets(env):
    """Matters with clients, and stock projects of both alias kinds, all
    managed by the same lawyer (who follows them and is notified alike)."""
    if not env.company.alias_domain_id:
        env.company.alias_domain_id = env["mail.alias.domain"].create({"name": "bench.example"})
    domain = env.company.alias_domain_id.name
    lawyer = env.ref("base.user_admin")
    clients = env["res.partner"].create(
        [
            {"name": f"Bench Klient {i}", "email": f"klient{i}@bench-client.example"}
            for i in range(TARGETS)
        ]
    )
    Project = env["project.project"].with_context(mail_create_nolog=True)
    matters = Project.create(
        [
            {
                "is_matter": True,
                "name": f"Bench sak {i}",
                "partner_id": client.id,
                "user_id": lawyer.id,
                "state": "open",
            }
            for i, client in enumerate(clients)
        ]
    )
    posting = Project.create(
        [
            {"name": f"Bench post {i}", "alias_name": f"bench-post-{i}", "user_id": lawyer.id}
            for i in range(TARGETS)
        ]
    )
    for project in posting:
        project.alias_id.write(
            {
                "alias_model_id": env["ir.model"]._get_id("project.project"),
                "alias_force_thread_id": project.id,
                "alias_defaults": "{}",
            }
        )
    tasks = Project.create(
        [
            {"name": f"Bench task {i}", "alias_name": f"bench-task-{i}", "user_id": lawyer.id}
            for i in range(TARGETS)
        ]
    )
    return domain, clients, matters, posting, tasks


def emails(domain, clients, matters, posting, tasks, count):
    variants = {"law_crm": [], "stock_post": [], "stock_task": []}
    for i in range(count):
        n = i % TARGETS
        sender = f"Klient <{clients[n].email}>"
        subject = f"Brev nr. {i}"
        if i % 2:
            to, subject_ours = f"logg@{domain}", f"Sak {matters[n].matter_number}: brev nr. {i}"
        else:
            to, subject_ours = f"{matters[n].alias_name}@{domain}", subject
        variants["law_crm"].append(raw_email(i, to, subject_ours, sender))
        variants["stock_post"].append(
            raw_email(i, f"{posting[n].alias_name}@{domain}", subject, sender)
        )
        variants["stock_task"].append(
            raw_email(i, f"{tasks[n].alias_name}@{domain}", subject, sender)
        )
    return variants


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    dbname = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    config.parse_config(["-c", str(CONF), "-d", dbname, "--log-level=warn"], setup_logging=True)
    registry = Registry(dbname)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"mail_notify_force_send": False})
        domain, clients, matters, posting, tasks = create_targets(env)
        variants = emails(domain, clients, matters, posting, tasks, count)
        gateway = env["mail.thread"]
        seconds = dict.fromkeys(variants, 0.0)
        queries = dict.fromkeys(variants, 0)
        # Warm-up: the first emails of each variant load caches and templates.
        for raws in variants.values():
            for raw in raws[:10]:
                gateway.message_process(False, raw.replace(b"Message-Id: <m-", b"Message-Id: <w-"))
        for start in range(0, count, ROUND):
            for name, raws in variants.items():
                before_q = sql_db.sql_counter
                before = time.perf_counter()
                for raw in raws[start : start + ROUND]:
                    gateway.message_process(False, raw)
                seconds[name] += time.perf_counter() - before
                queries[name] += sql_db.sql_counter - before_q
        env.invalidate_all()
        logged = env["law.correspondence"].search_count([("matter_id", "in", matters.ids)])
        on_matters = env["mail.message"].search_count(
            [
                ("model", "=", "project.project"),
                ("res_id", "in", matters.ids),
                ("message_type", "=", "email"),
            ]
        )
        new_tasks = env["project.task"].search_count([("project_id", "in", tasks.ids)])
        triaged = env["law.mail.triage"].search_count([("subject", "like", "Brev nr.")])
        cr.rollback()

    print(f"{count} inbound emails per variant (2 kB body, a 20 kB PDF on every fifth)")
    for name, label in (
        ("law_crm", "law_crm: matter alias / logg@ + routing + log entry"),
        ("stock_post", "stock: project alias posting on the project"),
        ("stock_task", "stock: project alias creating a task"),
    ):
        print(
            f"  {label:55s} {count / seconds[name]:7.1f} emails/s  "
            f"{queries[name] / count:6.1f} queries/email"
        )
    print(
        f"  check: {on_matters} emails on matters, {logged} log entries, {triaged} in triage, "
        f"{new_tasks} tasks created by the stock task aliases"
    )
    ratio = (count / seconds["law_crm"]) / (count / seconds["stock_post"])
    print(f"ratio law_crm / stock post on project: {ratio:.2f} (target >= 0.80)")
    print(
        f"ratio law_crm / stock task per email:  "
        f"{(count / seconds['law_crm']) / (count / seconds['stock_task']):.2f}"
    )


if __name__ == "__main__":
    main()
