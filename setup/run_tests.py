"""The project's test command: lint, pure-Python tests, every addon's Odoo
tests on a fresh database, and a translation check.

Run through ``make test`` (which bootstraps first). Prints each stage and
ends with the plain summary line ``N passed, N failed`` (``, N skipped``
when tests were skipped); exits non-zero when anything failed.
"""

import argparse
import ast
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
SUMMARY_RE = re.compile(
    r"odoo\.tests\.result: (?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<run>\d+) tests"
)
SKIPPED_RE = re.compile(r": skipped (?P<test>.+?) : (?P<reason>.*)$", re.MULTILINE)
PYTEST_RE = re.compile(r"(?P<count>\d+) (?P<kind>passed|failed|error|errors|skipped)\b")


class Tally:
    """Counts of checks, printed as the closing summary line."""

    def __init__(self):
        self.passed = self.failed = self.skipped = 0
        self.failures = []

    def add(self, name, passed=0, failed=0, skipped=0):
        self.passed += passed
        self.failed += failed
        self.skipped += skipped
        if failed:
            self.failures.append(name)

    def summary(self):
        line = f"{self.passed} passed, {self.failed} failed"
        if self.skipped:
            line += f", {self.skipped} skipped"
        return line


def discover_addons(root=PROJECT_DIR):
    """Every installable addon at the top of the repository, by manifest."""
    addons = []
    for manifest in sorted(root.glob("*/__manifest__.py")):
        data = ast.literal_eval(manifest.read_text())
        if data.get("installable", True):
            addons.append(manifest.parent.name)
    return addons


def parse_odoo_log(text):
    """(run, failed, skipped, skip reasons) from an Odoo test log.

    Odoo logs one ``N failed, N error(s) of N tests`` line per database at
    the end; failures and errors both count as failed.
    """
    matches = list(SUMMARY_RE.finditer(text))
    if not matches:
        return None
    match = matches[-1]
    failed = int(match["failed"]) + int(match["errors"])
    reasons = [m["reason"] for m in SKIPPED_RE.finditer(text) if m["reason"]]
    return int(match["run"]), failed, len(reasons), reasons


def parse_pytest_output(text):
    """(passed, failed, skipped) from pytest's closing line (``-q`` or not)."""
    counts = {"passed": 0, "failed": 0, "skipped": 0}
    closing = [line for line in text.splitlines() if PYTEST_RE.search(line)][-1:] or [""]
    for match in PYTEST_RE.finditer(closing[0]):
        kind = "failed" if match["kind"] in ("error", "errors") else match["kind"]
        counts[kind] += int(match["count"])
    return counts["passed"], counts["failed"], counts["skipped"]


def run(cmd, log=None, **kwargs):
    """Run a command, echo its output, return (returncode, output)."""
    print(f"$ {' '.join(str(c) for c in cmd)}", flush=True)
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kwargs
    )
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if log is None or log(line):
            sys.stdout.write(line)
    proc.wait()
    sys.stdout.flush()
    return proc.returncode, "".join(lines)


def odoo_cmd(*args, command=()):
    """odoo-bin (or its ``command``, e.g. ("i18n", "export")) with the
    project's configuration file."""
    env = os.environ
    return [env["ODOO_PY"], *env["ODOO_BIN"].split(), *command, "-c", env["ODOO_CONF"], *args]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OdooLogFilter:
    """Show what matters in a long Odoo run: warnings, errors with their whole
    traceback and assertion message, and the test statistics."""

    RECORD = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) ")
    NOISE = ("endpoints are deprecated in Odoo 19",)

    def __init__(self):
        self.showing = True

    def __call__(self, line):
        record = self.RECORD.match(line)
        if record:
            self.showing = (
                (
                    record["level"] in ("WARNING", "ERROR", "CRITICAL")
                    and not any(noise in line for noise in self.NOISE)
                )
                or "odoo.tests.stats" in line
                or "odoo.tests.result" in line
            )
        return self.showing


def stage_lint(tally, addons):
    venv_bin = Path(os.environ["ODOO_PY"]).parent
    # ruff: every Python file of the repository (it skips what .gitignore skips);
    # the format check keeps the style one `ruff format` away from clean.
    for check in (["check"], ["format", "--check"]):
        code, _out = run([venv_bin / "ruff", *check, "--no-cache", "."], cwd=PROJECT_DIR)
        tally.add(f"ruff {check[0]}", passed=int(code == 0), failed=int(code != 0))
    code, _out = run(
        [venv_bin / "pylint", "--rcfile", PROJECT_DIR / ".pylintrc", *addons], cwd=PROJECT_DIR
    )
    tally.add("pylint-odoo", passed=int(code == 0), failed=int(code != 0))


def stage_pytest(tally):
    venv_bin = Path(os.environ["ODOO_PY"]).parent
    code, out = run([venv_bin / "pytest", "-q", "-p", "no:cacheprovider", "tests"], cwd=PROJECT_DIR)
    passed, failed, skipped = parse_pytest_output(out)
    if code not in (0, 5) and not failed:
        failed = 1  # pytest itself broke (collection error, bad option)
    tally.add("pytest", passed, failed, skipped)


def stage_odoo(tally, addons, database, tags=None):
    tags = tags or ",".join(f"/{name}" for name in addons)
    code, text = run(
        odoo_cmd(
            "-d",
            database,
            "-i",
            ",".join(addons),
            "--with-demo",
            "--load-language=nb_NO",
            "--test-enable",
            f"--test-tags={tags}",
            "--stop-after-init",
            f"--http-port={free_port()}",
        ),
        log=OdooLogFilter(),
    )
    result = parse_odoo_log(text)
    if result is None:
        print("Odoo did not report test results: the install itself failed.")
        tally.add("odoo", failed=1)
        return
    tests_run, failed, skipped, reasons = result
    for reason in reasons:
        print(f"skipped: {reason}")
    if code and not failed:
        failed = 1  # Odoo exited with an error outside any test
    tally.add("odoo", passed=tests_run - failed - skipped, failed=failed, skipped=skipped)


def stage_translations(tally, addons, database):
    """Every translatable string of every addon must be in its .pot and have a
    Norwegian (nb_NO) translation."""
    import polib  # noqa: PLC0415 - available only inside the project venv

    for addon in addons:
        with tempfile.TemporaryDirectory() as tmp:
            pot = Path(tmp) / f"{addon}.pot"
            code, _out = run(
                odoo_cmd("-d", database, "-o", pot, addon, command=("i18n", "export")),
                log=lambda line: " ERROR " in line,
            )
            problems = []
            if code or not pot.exists():
                problems.append("the .pot could not be exported")
            else:
                fresh = {entry.msgid for entry in polib.pofile(str(pot)) if entry.msgid}
                i18n_dir = PROJECT_DIR / addon / "i18n"
                committed_pot = i18n_dir / f"{addon}.pot"
                committed = (
                    {e.msgid for e in polib.pofile(str(committed_pot))}
                    if committed_pot.exists()
                    else set()
                )
                if fresh - committed:
                    problems.append(
                        f"{len(fresh - committed)} strings missing from "
                        f"i18n/{addon}.pot (run `make i18n`)"
                    )
                po_path = i18n_dir / "nb_NO.po"
                po = polib.pofile(str(po_path)) if po_path.exists() else []
                translated = {e.msgid for e in po if e.msgstr or e.msgstr_plural}
                untranslated = sorted(fresh - translated)
                if untranslated:
                    problems.append(f"{len(untranslated)} strings without a nb_NO translation:")
                    problems.extend(f"    {msgid!r}" for msgid in untranslated[:40])
        if problems:
            print(f"translations of {addon}: FAILED")
            print("\n".join(f"  {p}" for p in problems))
        else:
            print(f"translations of {addon}: complete")
        tally.add(f"translations {addon}", passed=int(not problems), failed=int(bool(problems)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--addons", help="comma-separated addons to test (default: all)")
    parser.add_argument(
        "--tags", help="Odoo --test-tags, e.g. /law_crm:TestMatterRules (default: the addons')"
    )
    parser.add_argument("--skip-lint", action="store_true", help="skip ruff and pylint-odoo")
    parser.add_argument("--lint-only", action="store_true", help="only ruff and pylint-odoo")
    parser.add_argument("--keep-db", action="store_true", help="keep the test database")
    args = parser.parse_args()

    addons = args.addons.split(",") if args.addons else discover_addons()
    database = f"law_crm_test_{int(time.time())}_{os.getpid()}"
    tally = Tally()
    started = time.time()
    try:
        if not args.skip_lint:
            stage_lint(tally, addons)
        if not args.lint_only:
            stage_pytest(tally)
            stage_odoo(tally, addons, database, args.tags)
            stage_translations(tally, addons, database)
    finally:
        if not args.keep_db:
            subprocess.run(["dropdb", "--if-exists", database], check=False)
        else:
            print(f"kept database {database}")
    print(
        f"\nchecks that failed: {', '.join(tally.failures) or 'none'}; "
        f"{time.time() - started:.0f} s"
    )
    print(tally.summary())
    return 1 if tally.failed else 0


if __name__ == "__main__":
    sys.exit(main())
