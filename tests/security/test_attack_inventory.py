"""The security attack suite: its inventory, checked without Odoo.

The attempts themselves are Odoo tests, because they must run against a real
database with every addon's record rules and a live HTTP server (XML-RPC,
JSON-2, ``/web/content``, the portal, chatter routes). They live in the
addons, under ``<addon>/tests/security/`` (tag ``law_security``), in the
addon that has the models the doors lead to:

- ``law_crm_billing_bridge/tests/security/``: matters, tasks, chatter,
  attachments, followers, activities, calendar, intake, correspondence,
  time, invoices, client funds, the portal, the mail gateway, the APIs;
- ``law_crm_gdpr/tests/security/``: deadlines and matter events
  (law_crm_deadlines) and GDPR exports.

``./setup/test.sh`` runs them in its Odoo stage, and a leak fails the suite.
This file keeps the inventory honest: that there are at least 40 distinct
attempts, that each one asserts something, that Odoo actually loads each
suite (a module nobody imports is silently never run), and that
``docs/security.md`` names every attempt.
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
THREAT_MODEL = ROOT / "docs" / "security.md"
# A test method that only checks the fixture is not an attempt.
NOT_AN_ATTEMPT = re.compile(r"^test_setup_")
# Helpers of law_crm/tests/security/common.py that run an attempt and assert.
ASSERTING_HELPERS = {"each_attacker", "each_http", "try_orm", "assert_clean", "try_rpc", "json2"}


def suite_files():
    return sorted(ROOT.glob("*/tests/security/test_*.py"))


def attack_classes(path):
    """Classes of ``path`` tagged ``law_security``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        tags = [
            arg.value
            for decorator in node.decorator_list
            if isinstance(decorator, ast.Call)
            for arg in decorator.args
            if isinstance(arg, ast.Constant)
        ]
        if "law_security" in tags:
            yield node


def attempts():
    """(file, class, method node) of every attempt."""
    for path in suite_files():
        for cls in attack_classes(path):
            for node in cls.body:
                if (
                    isinstance(node, ast.FunctionDef)
                    and node.name.startswith("test_")
                    and not NOT_AN_ATTEMPT.match(node.name)
                ):
                    yield path, cls.name, node


def called_names(node):
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call):
            func = sub.func
            if isinstance(func, ast.Attribute):
                yield func.attr
            elif isinstance(func, ast.Name):
                yield func.id


def test_at_least_forty_distinct_attempts():
    names = [(cls, node.name) for _path, cls, node in attempts()]
    assert len(names) == len(set(names))
    assert len(names) >= 40, f"only {len(names)} attempts in the attack suite"


def test_every_attempt_asserts():
    for path, cls, node in attempts():
        calls = set(called_names(node))
        assert any(c.startswith("assert") for c in calls) or calls & ASSERTING_HELPERS, (
            f"{path.relative_to(ROOT)}::{cls}.{node.name} asserts nothing"
        )


def test_odoo_loads_every_suite():
    """Each suite module is imported by its addon's ``tests/__init__.py``
    (directly, or through ``tests/security/__init__.py``)."""
    files = suite_files()
    assert files, "no attack suite found under <addon>/tests/security/"
    for path in files:
        init = (path.parents[1] / "__init__.py").read_text(encoding="utf-8")
        package = (path.parent / "__init__.py").read_text(encoding="utf-8")
        direct = re.search(rf"from \.security import [^\n]*\b{path.stem}\b", init)
        indirect = re.search(rf"from \. import [^\n]*\b{path.stem}\b", package) and re.search(
            r"from \.security import|from \. import security\b", init
        )
        assert direct or indirect, f"{path.relative_to(ROOT)} is never imported, so never run"


def test_threat_model_names_every_attempt():
    text = THREAT_MODEL.read_text(encoding="utf-8")
    missing = [node.name for _path, _cls, node in attempts() if f"`{node.name}`" not in text]
    assert not missing, f"docs/security.md does not name: {missing}"
