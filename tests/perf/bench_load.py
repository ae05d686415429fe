"""A lawyer's day under load: Odoo with 2 workers, 20+ clients over JSON-2.

Starts Odoo in multi-process mode (``--workers 2 --max-cron-threads 1``, on
a free loopback port) against a database with the medium firm of
``datagen.py`` (generated first if missing), and drives it from this process
with ``--clients`` (default 20) concurrent clients, each its own thread and
its own HTTP connection per request, for ``--seconds`` (default 60) per run.
Each client works as one lawyer of the generated firm, on that lawyer's open
matters, and repeats a lawyer's mix (weights in ``MIX``):

- *open my matters*: the open matters the lawyer is responsible for, on the
  team of or supervises (``search_read``, 80 newest);
- *read a matter*: the matter with its parties, its last 20 log entries and
  its last 20 chatter messages (three calls);
- *log a call*: a ``law.correspondence`` phone call;
- *add a deadline*: a ``law.deadline`` (with its activity and calendar event);
- *record time*: an ``account.analytic.line`` on the matter;
- *run a conflict check*: a ``law.conflict.check`` on a contact's name, run.

It prints per run the operations, throughput, p50/p95/p99 latency per
operation and over all, and errors; then checks in the database that every
write a client was told succeeded is there exactly once (each carries a
unique tag; conflict checks are counted by creator): lost and duplicated.

Two runs on the same matters with the same mix:

- **restricted**: each client is its lawyer (*Law: Lawyer*), with all the
  need-to-know record rules;
- **unrestricted**: every client is the administrator (given *Law:
  Partner*, and an employee for timesheets) with the law addons' record rules
  switched off for the run, doing the same requests for the same lawyer's
  matters (the lawyer's id in the domain instead of the rules).

The rule-overhead ratio is the unrestricted throughput over the restricted
one (and the same for p50), target at most 1.5. The rules are switched on
again at the end, also when the run fails. Use a scratch database: the
writes stay in it.

Run from the repository root (the medium firm, generated on the first run
when missing, takes about 3 minutes)::

    source setup/bootstrap.sh
    "$ODOO_PY" $ODOO_BIN -c .odoo.conf -d law_crm_scale_medium --without-demo=1 \\
        -i law_crm,law_crm_deadlines,law_crm_gdpr,law_crm_billing_bridge --stop-after-init
    "$ODOO_PY" tests/perf/bench_load.py law_crm_scale_medium [--clients 20] [--seconds 60]
    dropdb law_crm_scale_medium

Measured on 2026-12-04 on the shared 2-core machine (load average 4 to 9
from other engineers' runs), medium firm of ``datagen.py --seed 1``::

    $ "$ODOO_PY" tests/perf/bench_load.py law_crm_scale_medium --clients 20 --seconds 60
    Odoo on 127.0.0.1:54287, --workers 2 --max-cron-threads 1, jit off

    restricted (each client its lawyer, need-to-know rules): 20 clients, 61.3 s
      operation           count   p50 ms   p95 ms   p99 ms
      open my matters       255      780     1816     2276
      read a matter         247     2580     4438     5028
      log a call            106      814     2031     2151
      record time            99      875     1854     2414
      add a deadline         58      958     2132     2575
      conflict check         34     2007     2619     2689
      all                   799     1127     3663     4649
      throughput 13.0 operations/s, errors 0
      writes acknowledged 297: lost 0, duplicated 0

    unrestricted (administrator, law rules off): 20 clients, 61.1 s
      ...
      all                   743     1199     3906     5311
      throughput 12.2 operations/s, errors 0
      writes acknowledged 291: lost 0, duplicated 0

    rule overhead (unrestricted / restricted): throughput 0.93x, p50 latency 0.94x

With 20 clients on 2 workers the latency is mostly queueing (20 / 13 per
second is 1.5 s), and the ratio says the rules are not what limits
throughput. One client shows the cost of a request itself::

    $ "$ODOO_PY" tests/perf/bench_load.py law_crm_scale_medium --clients 1 --seconds 20
    restricted:   all 422  p50 39 ms  p95 101 ms  p99 217 ms  21.0 operations/s, errors 0
    unrestricted: all 482  p50 31 ms  p95 115 ms  p99 195 ms  24.1 operations/s, errors 0
    rule overhead (unrestricted / restricted): throughput 1.14x, p50 latency 1.25x

With PostgreSQL's default ``jit = on`` (``--jit on``), and the one-client
runs again back to back under the same load (load average 9 to 10)::

    --clients 20 --jit on: restricted 13.7 operations/s, p50 972 ms, p95 3252 ms,
        p99 4549 ms, errors 0, 328 writes, lost 0, duplicated 0; unrestricted
        14.2 operations/s, 367 writes, lost 0, duplicated 0; overhead 1.04x, p50 0.88x
    --clients 1 --seconds 20 --jit on:  restricted 6.1 operations/s ("open my
        matters" p50 126 ms), unrestricted 8.2; overhead 1.36x, p50 1.51x
    --clients 1 --seconds 20 --jit off: restricted 8.6 operations/s ("open my
        matters" p50 47 ms), unrestricted 10.9; overhead 1.27x, p50 1.19x

(The very first run, ``--clients 20`` with jit on right after generating the
firm, load average 11: 8.2 operations/s, p50 1738 ms, p99 7727 ms, 0 errors,
199 writes, 0 lost, 0 duplicated, overhead 1.01x. A first one-client run with
jit on, load 6: 10.2 operations/s restricted, 14.3 unrestricted, 1.40x.)
With 20 clients the two workers are saturated and JIT makes no measurable
difference; for one lawyer at a time it was the largest part of the rules'
cost. Since the rules are written in SQL the planner costs right (team and
wall as uncorrelated sub-selects, see ``law_crm/models/res_users.py``), JIT
no longer starts on them; the one-client runs again, back to back on a
quiet machine (a newly generated medium firm, seed 1)::

    --clients 1 --seconds 20 --jit on:  restricted 19.1 operations/s ("open my
        matters" p50 27 ms), unrestricted 15.8; overhead 0.83x, p50 1.06x
    --clients 1 --seconds 20 --jit off: restricted 20.7 operations/s ("open my
        matters" p50 24 ms), unrestricted 20.3; overhead 0.98x, p50 1.22x

(The administrator's "add a deadline" is the slow one now, 274 / 198 ms at
p50 against the lawyer's 87 / 80 ms.)

Against the large firm (200,000 matters, 5,000,000 messages; load average
2 to 6)::

    $ "$ODOO_PY" tests/perf/bench_load.py law_crm_scale_large --clients 20 --seconds 60
    restricted:   all 1105  p50 749 ms  p95 2434 ms  p99 3043 ms  18.1 operations/s,
                  errors 0, writes acknowledged 434: lost 0, duplicated 0
    unrestricted: all 1026  p50 869 ms  p95 2883 ms  p99 3979 ms  16.8 operations/s,
                  errors 0, writes acknowledged 421: lost 0, duplicated 0
    rule overhead (unrestricted / restricted): throughput 0.93x, p50 latency 0.86x
    $ "$ODOO_PY" tests/perf/bench_load.py law_crm_scale_large --clients 1 --seconds 20
    restricted:   all 431  p50 40 ms  p95 92 ms  p99 179 ms  21.5 operations/s, errors 0
    unrestricted: all 418  p50 38 ms  p95 135 ms  p99 172 ms  20.9 operations/s, errors 0
    rule overhead (unrestricted / restricted): throughput 0.97x, p50 latency 1.05x

The work of a request does not grow with the firm: ten times the data, the
same latency for one client.

The cause, found with ``EXPLAIN ANALYZE`` of the lawyer's "open my matters"
search: PostgreSQL estimates the rule's ``OR``ed ``EXISTS`` subqueries
(team, wall) at a cost of 141,815, past ``jit_above_cost``, and spends 50 ms
JIT-compiling a query that runs in under 6 ms (superuser: 2 ms, no JIT).
The fix is ``jit = off`` (docs/deployment.md, with the plan): 10.5 ms for
that query.
"""

import argparse
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from datetime import date
from pathlib import Path

import datagen

ROOT = Path(__file__).resolve().parents[2]
ODOO_SRC = os.environ.get("ODOO_SRC", "/opt/odoo")
if ODOO_SRC not in sys.path:
    sys.path.insert(0, ODOO_SRC)

from odoo import SUPERUSER_ID, Command, api  # noqa: E402
from odoo.modules.registry import Registry  # noqa: E402
from odoo.tools import SQL, config  # noqa: E402

CONF = ROOT / ".odoo.conf"
MIX = {
    "open my matters": 30,
    "read a matter": 30,
    "log a call": 15,
    "record time": 12,
    "add a deadline": 8,
    "conflict check": 5,
}
LAW_RULE_MODULES = ("law_crm", "law_crm_deadlines", "law_crm_gdpr", "law_crm_billing_bridge")
TAGGED = {  # model: field holding the tag of a write
    "law.correspondence": "subject",
    "law.deadline": "name",
    "account.analytic.line": "name",
}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values, share):
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1]


# -- Setup in the database ------------------------------------------------------


def prepare(database, clients):
    """The lawyers (with open matters they are responsible for), an API key
    for each and for the administrator, and names for conflict checks."""
    with Registry(database).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        if not datagen.existing(env):
            print("generating the medium firm first")
            datagen.generate(env, "medium")
            cr.commit()
        lawyer_group = env.ref("law_crm.group_law_lawyer")
        partner_group = env.ref("law_crm.group_law_partner")
        cr.execute(
            """
            SELECT m.user_id, array_agg(m.id ORDER BY m.id), array_agg(m.partner_id ORDER BY m.id)
              FROM project_project m JOIN res_users u ON u.id = m.user_id
             WHERE m.is_matter AND m.state = 'open' AND u.login LIKE %s
             GROUP BY m.user_id HAVING count(*) >= 3 ORDER BY count(*) DESC
            """,
            [f"{datagen.MARK}-%"],
        )
        rows = cr.fetchall()
        lawyers = [
            row
            for row in rows
            if lawyer_group in env["res.users"].browse(row[0]).all_group_ids
            and partner_group not in env["res.users"].browse(row[0]).all_group_ids
        ][:clients]
        if len(lawyers) < clients:
            sys.exit(f"only {len(lawyers)} lawyers with open matters; ask for fewer clients")
        Keys = env["res.users.apikeys"]
        admin = env.ref("base.user_admin")
        admin.group_ids = [Command.link(partner_group.id)]
        if not env["hr.employee"].search([("user_id", "=", admin.id)]):
            env["hr.employee"].create({"name": admin.name, "user_id": admin.id})
        workers = []
        for user_id, matter_ids, client_ids in lawyers:
            user = env["res.users"].browse(user_id)
            key = Keys.with_user(user).sudo()._generate("rpc", "bench_load", None)
            workers.append(
                {
                    "uid": user_id,
                    "key": key,
                    "matters": list(zip(matter_ids, client_ids, strict=True)),
                }
            )
        admin_key = Keys.with_user(admin).sudo()._generate("rpc", "bench_load", None)
        cr.execute(
            "SELECT name FROM res_partner WHERE ref = %s ORDER BY id LIMIT 200", [datagen.MARK]
        )
        names = [row[0] for row in cr.fetchall()]
        cr.commit()
        return workers, {"uid": admin.id, "key": admin_key}, names


def switch_law_rules(database, active):
    """Switch the law addons' record rules on or off (a registry change that
    every worker picks up on its next request)."""
    with Registry(database).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
        rules = env["ir.rule"].browse(
            env["ir.model.data"]
            .search([("model", "=", "ir.rule"), ("module", "in", LAW_RULE_MODULES)])
            .mapped("res_id")
        )
        rules.write({"active": active})
        return len(rules)


def set_jit(database, jit):
    """JIT compiles the need-to-know queries, whose cost PostgreSQL
    overestimates, for longer than they run (see docs/deployment.md); new
    connections of the server take the database's setting."""
    with Registry(database).cursor() as cr:
        cr.execute(SQL("ALTER DATABASE %s SET jit = %s", SQL.identifier(database), SQL(jit)))


# -- The server -------------------------------------------------------------------


class Server:
    """Odoo in multi-process mode on loopback, stopped with its workers."""

    def __init__(self, database):
        self.port = free_port()
        command = [
            sys.executable,
            *os.environ.get("ODOO_BIN", f"{ODOO_SRC}/odoo-bin").split(),
            "-c",
            str(CONF),
            "-d",
            database,
            f"--db-filter=^{database}$",
            "--workers=2",
            "--max-cron-threads=1",
            f"--http-port={self.port}",
            f"--gevent-port={free_port()}",
            "--http-interface=127.0.0.1",
            "--limit-time-real=600",
            "--limit-time-cpu=600",
            "--log-level=warn",
            "--logfile",
            f"/tmp/bench_load_{self.port}.log",
        ]
        self.process = subprocess.Popen(command, start_new_session=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", "/web/health")
                if connection.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(1)
        self.stop()
        sys.exit("Odoo did not start within 120 s")

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)


class Client(threading.Thread):
    """One lawyer at work: the mix, over JSON-2, until ``stop_at``."""

    def __init__(self, server, database, identity, lawyer, names, run, number, stop_at):
        super().__init__(daemon=True)
        self.server, self.database, self.key = server, database, identity["key"]
        self.lawyer = lawyer["uid"]
        self.matters = lawyer["matters"]
        self.names, self.run_tag, self.number, self.stop_at = names, run, number, stop_at
        self.rng = random.Random(f"{run}-{number}")
        self.timings = {op: [] for op in MIX}
        self.errors = []
        self.written = {model: [] for model in TAGGED}
        self.checks = 0
        self.sequence = 0

    def call(self, model, method, **params):
        body = json.dumps(params).encode()
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=600)
        try:
            connection.request(
                "POST",
                f"/json/2/{model}/{method}",
                body,
                {
                    "Authorization": f"bearer {self.key}",
                    "X-Odoo-Database": self.database,
                    "Content-Type": "application/json",
                },
            )
            response = connection.getresponse()
            data = response.read()
        finally:
            connection.close()
        if response.status != 200:
            raise RuntimeError(f"{model}.{method}: HTTP {response.status} {data[:300]!r}")
        return json.loads(data)

    def tag(self):
        self.sequence += 1
        return f"LOADTEST {self.run_tag} {self.number} {self.sequence}"

    def run(self):
        ops, weights = list(MIX), list(MIX.values())
        while time.monotonic() < self.stop_at:
            op = self.rng.choices(ops, weights)[0]
            matter, client = self.rng.choice(self.matters)
            started = time.perf_counter()
            try:
                getattr(self, "op_" + op.replace(" ", "_"))(matter, client)
            except Exception as error:  # every failure is reported
                self.errors.append(f"{op}: {error}")
                continue
            self.timings[op].append((time.perf_counter() - started) * 1000)

    def op_open_my_matters(self, _matter, _client):
        me = self.lawyer
        self.call(
            "project.project",
            "search_read",
            domain=[
                ("is_matter", "=", True),
                ("state", "in", ["open", "intake"]),
                "|",
                "|",
                ("user_id", "=", me),
                ("team_user_ids", "in", me),
                ("supervising_partner_id", "=", me),
            ],
            fields=["matter_number", "name", "partner_id", "state", "date_opened"],
            order="date_opened desc",
            limit=80,
        )

    def op_read_a_matter(self, matter, _client):
        self.call(
            "project.project",
            "read",
            ids=[matter],
            fields=[
                "matter_number",
                "name",
                "partner_id",
                "user_id",
                "team_user_ids",
                "state",
                "party_ids",
                "date_opened",
                "confidentiality",
            ],
        )
        self.call(
            "law.correspondence",
            "search_read",
            domain=[("matter_id", "=", matter)],
            fields=["date", "kind", "direction", "subject", "user_id"],
            limit=20,
        )
        self.call(
            "mail.message",
            "search_read",
            domain=[("model", "=", "project.project"), ("res_id", "=", matter)],
            fields=["date", "subject", "author_id", "message_type"],
            limit=20,
        )

    def create(self, model, values):
        tag = self.tag()
        values[TAGGED[model]] = tag
        try:
            self.call(model, "create", vals_list=[values])
        except Exception:
            self.written[model].append((tag, False))
            raise
        self.written[model].append((tag, True))

    def op_log_a_call(self, matter, client):
        self.create(
            "law.correspondence",
            {
                "matter_id": matter,
                "kind": "phone",
                "direction": "in",
                "duration": 0.25,
                "partner_ids": [client],
            },
        )

    def op_record_time(self, matter, _client):
        self.create(
            "account.analytic.line",
            {"project_id": matter, "unit_amount": 0.5, "date": date.today().isoformat()},
        )

    def op_add_a_deadline(self, matter, _client):
        self.create(
            "law.deadline",
            {
                "matter_id": matter,
                "amount": 3,
                "unit": "weeks",
                "trigger_date": date.today().isoformat(),
            },
        )

    def op_conflict_check(self, matter, _client):
        name = self.rng.choice(self.names)
        [check] = self.call(
            "law.conflict.check",
            "create",
            vals_list=[{"subject_ids": [[0, 0, {"name": name, "role": "counterparty"}]]}],
        )
        self.checks += 1
        self.call("law.conflict.check", "action_run", ids=[check])


def run_mix(server, database, identities, lawyers, names, seconds, label):
    run = uuid.uuid4().hex[:8]
    stop_at = time.monotonic() + seconds
    clients = [
        Client(server, database, identity, lawyer, names, run, number, stop_at)
        for number, (identity, lawyer) in enumerate(zip(identities, lawyers, strict=True))
    ]
    started = time.perf_counter()
    for client in clients:
        client.start()
    for client in clients:
        client.join()
    elapsed = time.perf_counter() - started
    timings = {op: [t for c in clients for t in c.timings[op]] for op in MIX}
    everything = [t for values in timings.values() for t in values]
    errors = [e for c in clients for e in c.errors]
    print(f"\n{label}: {len(clients)} clients, {elapsed:.1f} s, run {run}")
    print(f"  {'operation':<18}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for op, values in [*timings.items(), ("all", everything)]:
        print(
            f"  {op:<18}{len(values):>7}{percentile(values, 0.5):>9.0f}"
            f"{percentile(values, 0.95):>9.0f}{percentile(values, 0.99):>9.0f}"
        )
    throughput = len(everything) / elapsed
    print(f"  throughput {throughput:.1f} operations/s, errors {len(errors)}")
    for error in errors[:5]:
        print(f"    {error[:300]}")
    return {
        "run": run,
        "clients": clients,
        "throughput": throughput,
        "errors": len(errors),
        "p50": percentile(everything, 0.5),
        "started": started,
    }


def verify(database, result, identities):
    """Each write a client was told succeeded is in the database once; a
    write whose request failed may be there at most once. Conflict checks,
    which carry no tag, are counted per creator since the run started."""
    lost = duplicated = 0
    with Registry(database).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
        for model, field in TAGGED.items():
            table = env[model]._table
            cr.execute(
                f'SELECT "{field}", count(*) FROM "{table}" WHERE "{field}" LIKE %s GROUP BY 1',
                [f"LOADTEST {result['run']} %"],
            )
            found = dict(cr.fetchall())
            for client in result["clients"]:
                for tag, succeeded in client.written[model]:
                    count = found.get(tag, 0)
                    lost += succeeded and count == 0
                    duplicated += count > 1
        by_user = {}
        for identity, client in zip(identities, result["clients"], strict=True):
            by_user[identity["uid"]] = by_user.get(identity["uid"], 0) + client.checks
        for uid, expected in by_user.items():
            cr.execute(
                "SELECT count(*) FROM law_conflict_check WHERE create_uid = %s "
                "AND create_date >= now() at time zone 'UTC' - %s * interval '1 second'",
                [uid, time.perf_counter() - result["started"] + 5],
            )
            count = cr.fetchone()[0]
            lost += max(0, expected - count)
            duplicated += max(0, count - expected)
    writes = sum(ok for c in result["clients"] for rows in c.written.values() for _t, ok in rows)
    writes += sum(c.checks for c in result["clients"])
    print(f"  writes acknowledged {writes}: lost {lost}, duplicated {duplicated}")
    return lost, duplicated


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("database")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--jit",
        choices=("off", "on"),
        default="off",
        help="PostgreSQL JIT for the database: off as docs/deployment.md advises (default), "
        "or on, PostgreSQL's default",
    )
    args = parser.parse_args()
    config.parse_config(["-c", str(CONF), "-d", args.database])
    lawyers, admin, names = prepare(args.database, args.clients)
    set_jit(args.database, args.jit)
    switch_law_rules(args.database, True)
    server = Server(args.database)
    try:
        print(f"Odoo on 127.0.0.1:{server.port}, --workers 2 --max-cron-threads 1, jit {args.jit}")
        restricted = run_mix(
            server,
            args.database,
            lawyers,
            lawyers,
            names,
            args.seconds,
            "restricted (each client its lawyer, need-to-know rules)",
        )
        verify(args.database, restricted, lawyers)
        print(f"\n(law record rules switched off: {switch_law_rules(args.database, False)})")
        unrestricted = run_mix(
            server,
            args.database,
            [admin] * len(lawyers),
            lawyers,
            names,
            args.seconds,
            "unrestricted (administrator, law rules off)",
        )
        verify(args.database, unrestricted, [admin] * len(lawyers))
    finally:
        switch_law_rules(args.database, True)
        server.stop()
    print(
        f"\nrule overhead (unrestricted / restricted): throughput "
        f"{unrestricted['throughput'] / restricted['throughput']:.2f}x, "
        f"p50 latency {restricted['p50'] / unrestricted['p50']:.2f}x (target <= 1.5x)"
    )


if __name__ == "__main__":
    main()
