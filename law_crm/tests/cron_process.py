"""Cron work in Odoo processes of their own, as separate cron workers run it.

Tests of crash recovery and of concurrency need what a test transaction
cannot give: a second process that sees only committed data, takes its own
row locks, and can die. ``run_workers`` starts such processes on the test
database; the test commits its data through ``committed_env`` first.

A worker can be told to kill itself with SIGKILL right after the n-th call
of a method (no Python cleanup, no rollback by Odoo: the connection just
drops), and to wait at a barrier so that several workers start their work
at the same moment.
"""

import json
import subprocess
import sys
import tempfile
import textwrap
from contextlib import contextmanager
from pathlib import Path

import odoo
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tests import get_db_name
from odoo.tools import config

ODOO_ROOT = str(Path(next(iter(odoo.__path__))).resolve().parent)
WORKER = textwrap.dedent(
    """
    import functools, json, os, signal, sys, time
    args = json.loads(sys.argv[1])
    sys.path.insert(0, args["odoo_root"])
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry
    from odoo.service.model import retrying
    from odoo.tools import config

    config.parse_config(["-c", args["config"], "-d", args["db"], "--log-level=warn"])
    registry = Registry(args["db"])
    for model, values in args["attributes"].items():
        for name, value in values.items():
            setattr(registry[model], name, value)
    if args["kill"]:
        model, method, nth = args["kill"]
        Model = registry[model]
        original = getattr(Model, method)
        calls = []

        def call_then_die(self, *a, **kw):
            result = original(self, *a, **kw)
            calls.append(1)
            if len(calls) == nth:
                os.kill(os.getpid(), signal.SIGKILL)
            return result

        setattr(Model, method, call_then_die)
    if args["barrier"]:
        folder, count = args["barrier"]
        open(os.path.join(folder, str(os.getpid())), "w").close()
        deadline = time.monotonic() + 120
        while len(os.listdir(folder)) < count and time.monotonic() < deadline:
            time.sleep(0.01)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        if args["crons"]:
            # What a cron thread does: take each ready job unless another
            # worker holds it, run it in a cursor of its own, release it.
            Cron = registry["ir.cron"]
            Cron._process_jobs_loop(cr, job_ids=[env.ref(x).id for x in args["crons"]])
        else:
            # What an RPC or HTTP request does: one transaction per call,
            # retried on serialization failures, then committed.
            model, method, call_args = args["call"]
            for _index in range(args["repeat"]):
                result = retrying(functools.partial(getattr(env[model], method), *call_args), env)
            print(json.dumps(result.ids if hasattr(result, "_ids") else result))
    """
)


@contextmanager
def committed_env():
    """A superuser environment on a cursor of its own, committed on exit:
    what it writes is seen by worker processes (and stays until removed)."""
    with Registry(get_db_name()).cursor() as cr:
        yield api.Environment(cr, SUPERUSER_ID, {})


def run_workers(
    count=1, *, crons=(), call=None, repeat=1, kill=None, attributes=None, db=None, timeout=300
):
    """Run ``count`` worker processes at once and wait for them.

    Each runs the scheduled actions ``crons`` (xmlids) as a cron thread of
    the scheduler does, or makes the call ``call`` = (model, method, args)
    ``repeat`` times as that many requests. ``kill`` = (model, method, n)
    kills the worker after the n-th call of that method; ``attributes`` =
    {model: {name: value}} sets class attributes first (e.g. a smaller batch
    size). Several workers wait at a barrier until every one has loaded Odoo.
    ``db`` is another database than the test's. Returns their
    ``CompletedProcess``es; a call's last result is printed as JSON.
    """
    with tempfile.TemporaryDirectory() as barrier:
        args = {
            "odoo_root": ODOO_ROOT,
            "config": config["config"],
            "db": db or get_db_name(),
            "crons": list(crons),
            "call": call,
            "repeat": repeat,
            "kill": kill,
            "attributes": attributes or {},
            "barrier": [barrier, count] if count > 1 else None,
        }
        command = [sys.executable, "-c", WORKER, json.dumps(args)]
        workers = [
            subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _index in range(count)
        ]
        results = []
        for worker in workers:
            stdout, stderr = worker.communicate(timeout=timeout)
            results.append(subprocess.CompletedProcess(command, worker.returncode, stdout, stderr))
        return results
