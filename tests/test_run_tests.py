"""The test command's own logic: a broken summary parser would make CI green
on a red suite, so it is tested like any other code."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("run_tests", ROOT / "setup" / "run_tests.py")
run_tests = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(run_tests)

ODOO_LOG = """\
2026-12-03 16:40:01,001 1 INFO db odoo.addons.law_crm.tests.test_matter: Starting TestMatter.test_lifecycle ...
2026-12-03 16:40:02,001 1 INFO db odoo.addons.law_crm.tests.test_demo_roles: skipped test_each_role (odoo.addons.law_crm.tests.test_demo_roles.TestDemoRoles.test_each_role) : demo data not installed
2026-12-03 16:40:03,001 1 ERROR db odoo.addons.law_crm.tests.test_matter: FAIL: TestMatter.test_x
2026-12-03 16:40:04,001 1 INFO db odoo.tests.result: 1 failed, 2 error(s) of 40 tests when loading database 'db'
"""


def test_odoo_summary_counts_failures_errors_and_skips():
    tests_run, failed, skipped, reasons = run_tests.parse_odoo_log(ODOO_LOG)
    assert (tests_run, failed, skipped) == (40, 3, 1)
    assert reasons == ["demo data not installed"]


def test_odoo_log_without_summary_is_not_success():
    assert run_tests.parse_odoo_log("CRITICAL db odoo.modules.loading: install failed") is None


def test_pytest_closing_line():
    out = "....F\n========= 1 failed, 4 passed, 2 skipped in 0.31s =========\n"
    assert run_tests.parse_pytest_output(out) == (4, 1, 2)
    assert run_tests.parse_pytest_output("== 3 passed, 1 error in 1s ==") == (3, 1, 0)
    assert run_tests.parse_pytest_output(".....   [100%]\n5 passed in 0.04s\n") == (5, 0, 0)


def test_tally_summary_line():
    tally = run_tests.Tally()
    tally.add("odoo", passed=40, failed=0, skipped=2)
    tally.add("ruff", failed=1)
    assert tally.summary() == "40 passed, 1 failed, 2 skipped"
    assert tally.failures == ["ruff"]


def test_every_addon_is_discovered_by_manifest(tmp_path):
    for name, installable in (("law_a", True), ("law_b", False)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "__manifest__.py").write_text(
            f"{{'name': 'x', 'installable': {installable}}}"
        )
    (tmp_path / "setup").mkdir()
    assert run_tests.discover_addons(tmp_path) == ["law_a"]
    assert "law_crm" in run_tests.discover_addons()
