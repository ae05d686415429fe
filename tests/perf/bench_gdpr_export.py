"""The access/portability export of a person with many messages and files.

Creates a person who is the client of one matter with ``messages`` emails
(default 10,000) from them on the matter and ``files`` attachments (default
1,000, ``size`` bytes each, default 50 KB of random data, so compression
cannot hide them), then exports the person twice:

- **streamed**: ``law.gdpr.export._run_export``, which writes ``data.json`` and
  ``report.html`` to disk in batches of 500 records, adds the files to the zip
  from the filestore and moves the zip into the filestore;
- **stock baseline**: the simplest way with Odoo's own tools, on the same
  discovered records: one ``search_read`` per model, ``json.dumps`` of the
  whole (the same fields), a zip built in a ``BytesIO`` from each attachment's ``raw`` and an
  ``ir.attachment.create(raw=...)`` of the result.

It prints the duration of each (without tracing), then the peak of Python
memory allocations of each measured by ``tracemalloc`` in a second run, and
the ratios. Everything runs in one transaction that is rolled back at the
end (files written to the filestore are left to Odoo's filestore GC).

Run from the repository root, on a scratch database with law_crm_gdpr::

    source setup/bootstrap.sh
    "$ODOO_PY" /opt/odoo/odoo-bin -c .odoo.conf -d bench_gdpr -i law_crm_gdpr --stop-after-init
    "$ODOO_PY" tests/perf/bench_gdpr_export.py bench_gdpr [messages] [files] [size]
    dropdb bench_gdpr

Measured on the shared 2-core development machine (2026-12-03)::

    $ "$ODOO_PY" tests/perf/bench_gdpr_export.py bench_gdpr6
    created 10000 messages and 1000 files of 50000 bytes in 25.2 s
    streamed export   11002 records, archive 48.5 MiB
      duration                 8.0 s
      peak Python memory       3.3 MiB
    stock baseline    11002 records, archive 48.1 MiB
      duration                 4.2 s
      peak Python memory     149.9 MiB
    ratio stock / streamed: time 0.52x, peak memory 44.8x

    $ "$ODOO_PY" tests/perf/bench_gdpr_export.py bench_gdpr6 20000 2000
    streamed export   22002 records, archive 97.0 MiB
      duration                14.4 s
      peak Python memory       4.2 MiB
    stock baseline    22002 records, archive 96.3 MiB
      duration                 7.2 s
      peak Python memory     301.1 MiB
    ratio stock / streamed: time 0.50x, peak memory 72.0x

The streamed export's memory stays flat as the person's data doubles (batches
of 500 records, files copied from disk to the zip); the baseline's doubles
with the archive. The streamed export takes about twice as long because it
also writes the HTML report (text of every HTML field) and sorts out the
records of other clients' matters for review, which the baseline does not.
Durations vary by some 20 % between runs on the shared machine.

Not a pytest test (the name starts with ``bench_``).
"""

import io
import json
import os
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

ODOO_SRC = os.environ.get("ODOO_SRC", "/opt/odoo")
if ODOO_SRC not in sys.path:
    sys.path.insert(0, ODOO_SRC)

from odoo import SUPERUSER_ID, Command, api  # noqa: E402
from odoo.modules.registry import Registry  # noqa: E402
from odoo.tools import config  # noqa: E402

CONF = Path(__file__).resolve().parents[2] / ".odoo.conf"
BATCH = 1000


def create_person(env, messages, files, size):
    person = env["res.partner"].create({"name": "Bench Person", "email": "bench.person@example.no"})
    matter = (
        env["project.project"]
        .with_context(mail_create_nolog=True)
        .create(
            {
                "name": "Bench – large matter",
                "is_matter": True,
                "partner_id": person.id,
                "party_ids": [Command.create({"partner_id": person.id, "role": "client"})],
            }
        )
    )
    for start in range(0, files, 100):
        env["ir.attachment"].create(
            [
                {
                    "name": f"document-{n}.bin",
                    "raw": os.urandom(size),
                    "res_model": "project.project",
                    "res_id": matter.id,
                }
                for n in range(start, min(start + 100, files))
            ]
        )
    body = "<p>" + "Dear counsel, here is what happened on the site. " * 10 + "</p>"
    for start in range(0, messages, BATCH):
        env["mail.message"].create(
            [
                {
                    "model": "project.project",
                    "res_id": matter.id,
                    "author_id": person.id,
                    "email_from": "bench.person@example.no",
                    "message_type": "email",
                    "subject": f"Letter {n}",
                    "body": body,
                }
                for n in range(start, min(start + BATCH, messages))
            ]
        )
    env.flush_all()
    env.invalidate_all()
    return person


def streamed(env, person):
    export = env["law.gdpr.export"].create({"partner_id": person.id})
    export._run_export()
    assert export.state == "done", export.error
    return export.record_count, export.attachment_id.file_size


def stock(env, person):
    """The naive way: everything in memory at once."""
    exports = env["law.gdpr.export"]
    found = exports.new({"partner_id": person.id})._discover()
    records = []
    for model_name, ids in found.items():
        model = env[model_name].with_context(active_test=False)
        records += model.search_read([("id", "in", ids)], exports._exported_fields(model))
    data = json.dumps({"records": records}, default=str).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", data)
        for attachment in env["ir.attachment"].browse(found.get("ir.attachment", [])):
            archive.writestr(f"attachments/{attachment.id}", attachment.raw)
    result = env["ir.attachment"].create({"name": "stock.zip", "raw": buffer.getvalue()})
    return len(records), result.file_size


def measure(env, function, person, trace):
    env.invalidate_all()
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    count, size = function(env, person)
    duration = time.perf_counter() - started
    peak = 0
    if trace:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    env.invalidate_all()
    return duration, peak, count, size


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    dbname = sys.argv[1]
    messages = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    files = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000
    size = int(sys.argv[4]) if len(sys.argv) > 4 else 50_000
    config.parse_config(["-c", str(CONF), "-d", dbname, "--log-level=warn"], setup_logging=True)
    registry = Registry(dbname)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        try:
            started = time.perf_counter()
            person = create_person(env, messages, files, size)
            print(
                f"created {messages} messages and {files} files of {size} bytes "
                f"in {time.perf_counter() - started:.1f} s"
            )
            s_time, _peak, s_count, s_size = measure(env, streamed, person, trace=False)
            b_time, _peak, b_count, b_size = measure(env, stock, person, trace=False)
            _t, s_peak, _c, _s = measure(env, streamed, person, trace=True)
            _t, b_peak, _c, _s = measure(env, stock, person, trace=True)
        finally:
            cr.rollback()
    mib = 1024 * 1024
    print(f"streamed export   {s_count} records, archive {s_size / mib:.1f} MiB")
    print(f"  duration            {s_time:8.1f} s")
    print(f"  peak Python memory  {s_peak / mib:8.1f} MiB")
    print(f"stock baseline    {b_count} records, archive {b_size / mib:.1f} MiB")
    print(f"  duration            {b_time:8.1f} s")
    print(f"  peak Python memory  {b_peak / mib:8.1f} MiB")
    print(
        f"ratio stock / streamed: time {b_time / s_time:.2f}x, peak memory {b_peak / s_peak:.1f}x"
    )


if __name__ == "__main__":
    main()
