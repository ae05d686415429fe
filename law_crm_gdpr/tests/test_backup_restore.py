import hashlib
import json
import os
import subprocess
import sys
import tempfile
from datetime import timedelta

from odoo.addons.law_crm.tests.cron_process import ODOO_ROOT, committed_env, run_workers
from odoo.sql_db import close_db, db_connect
from odoo.tests import TransactionCase, get_db_name, tagged
from odoo.tools import config


def odoo_db(*args):
    """``odoo-bin db ARGS`` with the test server's configuration: the backup
    routine of docs/deployment.md."""
    return subprocess.run(
        [sys.executable, "-m", "odoo", "db", "-c", config["config"], *args],
        cwd=ODOO_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def table_counts(db_name):
    """Rows per table of the public schema, as committed."""
    with db_connect(db_name).cursor() as cr:
        cr.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
        )
        tables = [row[0] for row in cr.fetchall()]
        counts = {}
        for table in tables:
            # Identifiers come from the catalogue, not from input.
            cr.execute(f'SELECT count(*) FROM "{table}"')
            counts[table] = cr.fetchone()[0]
        return counts


@tagged("post_install", "-at_install")
class TestBackupRestore(TransactionCase):
    """Odoo's own backup (``odoo-bin db dump``: pg_dump and the filestore in
    one zip) restored under a new name (``odoo-bin db load``) is complete:
    the same rows in every table, every stored file readable with its
    checksum, the GDPR log's chain verifying, deadlines with their
    activities."""

    def test_dump_and_load_under_a_new_name(self):
        created = {}
        with committed_env() as env:
            # A deadline (with its activity) and a file, committed so the dump has them.
            matter = env["project.project"].search([("is_matter", "=", True)], limit=1)
            deadline = env["law.deadline"].create(
                {
                    "matter_id": matter.id,
                    "name": "Backup test deadline",
                    "amount": 1,
                    "unit": "months",
                    "override_date": env["law.deadline"]._firm_today() + timedelta(days=30),
                    "override_reason": "Set by the court",
                }
            )
            attachment = env["ir.attachment"].create(
                {"name": "backup-test.txt", "raw": b"Prosesskriv til tingretten"}
            )
            env["law.gdpr.log"]._append("export", count=1)
            created.update(deadline=deadline.id, attachment=attachment.id)
        source = get_db_name()
        restored = f"{source}_restored"
        try:
            with tempfile.TemporaryDirectory() as folder:
                backup = os.path.join(folder, "backup.zip")
                dumped = odoo_db("dump", source, backup)
                self.assertEqual(dumped.returncode, 0, dumped.stderr)
                loaded = odoo_db("load", "--force", restored, backup)
                self.assertEqual(loaded.returncode, 0, loaded.stderr)

            self.assertEqual(table_counts(restored), table_counts(source))
            with db_connect(restored).cursor() as cr:
                cr.execute(
                    "SELECT store_fname, checksum FROM ir_attachment WHERE store_fname IS NOT NULL"
                )
                files = cr.fetchall()
                cr.execute(
                    "SELECT count(*) FROM law_deadline d LEFT JOIN mail_activity a "
                    "ON a.id = d.activity_id WHERE d.state IN ('draft', 'registered') "
                    "AND d.activity_id IS NOT NULL AND a.id IS NULL"
                )
                self.assertEqual(cr.fetchone()[0], 0, "every deadline's activity is restored")
                cr.execute(
                    "SELECT activity_id FROM law_deadline WHERE id = %s", [created["deadline"]]
                )
                self.assertTrue(cr.fetchone()[0], "the new deadline keeps its activity")
            filestore = config.filestore(restored)
            self.assertIn(created["attachment"], self._ids_with_files(restored))
            for store_fname, checksum in files:
                with open(os.path.join(filestore, store_fname), "rb") as stored:
                    self.assertEqual(hashlib.sha1(stored.read()).hexdigest(), checksum)
            verified = run_workers(call=("law.gdpr.log", "_first_break", []), db=restored)[0]
            self.assertEqual(verified.returncode, 0, verified.stderr)
            self.assertIsNone(json.loads(verified.stdout.strip().splitlines()[-1]))
        finally:
            close_db(restored)
            odoo_db("drop", restored)
            with committed_env() as env:
                env["law.deadline"].browse(created["deadline"]).unlink()
                env["ir.attachment"].browse(created["attachment"]).unlink()

    def _ids_with_files(self, db_name):
        with db_connect(db_name).cursor() as cr:
            cr.execute("SELECT id FROM ir_attachment WHERE store_fname IS NOT NULL")
            return {row[0] for row in cr.fetchall()}
