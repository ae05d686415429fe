import base64
import io
import json
import zipfile
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import GdprCommon


@tagged("post_install", "-at_install")
class TestExport(GdprCommon):
    """Access/portability export: everything, discovered, in JSON and HTML with
    the files; other clients' files listed for review; each export logged."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        person = cls.person
        cls.own_matter = (
            cls.env["project.project"]
            .with_context(mail_create_nolog=True)
            .create(
                {
                    "name": "Testesen – inheritance",
                    "is_matter": True,
                    "partner_id": person.id,
                    "user_id": cls.responsible.id,
                    "party_ids": [Command.create({"partner_id": person.id, "role": "client"})],
                }
            )
        )
        cls.pdf = cls.env["ir.attachment"].create(
            {
                "name": "will-draft.pdf",
                "raw": b"%PDF-1.4 the will of Marit",
                "res_model": "project.project",
                "res_id": cls.own_matter.id,
            }
        )
        cls.email = cls.own_matter.message_post(
            body="<p>Here is the draft will you asked for.</p>",
            subject="Draft will",
            message_type="email",
            author_id=person.id,
            attachment_ids=cls.pdf.ids,
        )
        cls.activity = cls.own_matter.activity_schedule(
            "mail.mail_activity_data_todo",
            summary="Call Marit about the will",
            user_id=cls.responsible.id,
        )
        cls.consent = cls.give_consent(person, cls.marketing)
        # Another client's confidential matter where the person is the counterparty.
        cls.env["law.matter.party"].create(
            {"matter_id": cls.confidential.id, "partner_id": person.id, "role": "counterparty"}
        )
        cls.confidential.message_post(
            body="<p>Strategy against Marit Testesen: FALCON-SECRET</p>",
            partner_ids=person.ids,
        )
        cls.request = (
            cls.env["law.gdpr.request"]
            .with_user(cls.compliance)
            .create(
                {
                    "kind": "access",
                    "partner_id": person.id,
                    "received_date": date(2026, 3, 10),
                    "identity_method": "bankid",
                }
            )
        )

    def _export(self):
        action = self.request.with_user(self.compliance).action_export()
        export = self.env["law.gdpr.export"].browse(action["res_id"])
        self.assertEqual(export.state, "queued")
        export.with_user(self.compliance).action_run_now()
        self.assertEqual(export.state, "done", export.error)
        return export

    def _open(self, export):
        attachment = export.attachment_id.sudo()
        self.assertEqual(attachment.mimetype, "application/zip")
        path = attachment._full_path(attachment.store_fname)
        archive = zipfile.ZipFile(path)
        data = json.loads(archive.read("data.json"))
        html = archive.read("report.html").decode()
        return archive, data, html

    @staticmethod
    def _ids(data, model):
        return {entry["id"] for entry in data["records"] if entry["model"] == model}

    def test_export_contains_everything(self):
        export = self._export()
        archive, data, html = self._open(export)
        self.assertEqual(data["person"]["email"], "marit.testesen@example.no")
        self.assertIn(self.own_matter.id, self._ids(data, "project.project"))
        self.assertIn(self.own_matter.party_ids.id, self._ids(data, "law.matter.party"))
        self.assertIn(self.email.id, self._ids(data, "mail.message"))
        self.assertIn(self.pdf.id, self._ids(data, "ir.attachment"))
        self.assertIn(self.activity.id, self._ids(data, "mail.activity"))
        self.assertIn(self.consent.id, self._ids(data, "law.gdpr.consent"))
        self.assertIn(self.request.id, self._ids(data, "law.gdpr.request"))
        # The file itself, byte for byte.
        entry = next(e for e in data["records"] if e["model"] == "ir.attachment")
        self.assertEqual(archive.read(entry["file"]), b"%PDF-1.4 the will of Marit")
        # Readable: the same content in the HTML report.
        for text in (
            "Marit Testesen",
            "Testesen – inheritance",
            "Here is the draft will you asked for.",
            "Call Marit about the will",
            "I accept the newsletter (v1).",
            "will-draft.pdf",
        ):
            self.assertIn(text, html)
        self.assertEqual(export.message_count, len(self._ids(data, "mail.message")))
        self.assertEqual(export.attachment_count, 1)
        self.assertEqual(export.user_id, self.compliance)

    def test_invoice_in_export(self):
        """The person's invoices are found like everything else: no code in
        the export names ``account.move`` (installed here with the billing
        bridge; without Odoo accounting there are no invoices to find)."""
        if "account.move" not in self.env:
            self.skipTest("Odoo accounting (account) is not installed in this database")
        company = self.env.company
        if not company.chart_template:
            self.env["account.chart.template"].try_loading("no", company, install_demo=False)
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.person.id,
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Estate settlement, 2 hours", "quantity": 2, "price_unit": 1500}
                    )
                ],
            }
        )
        invoice.action_post()
        _archive, data, html = self._open(self._export())
        self.assertIn(invoice.id, self._ids(data, "account.move"))
        self.assertIn(invoice.name, html)
        self.assertIn("Estate settlement, 2 hours", html)

    def test_other_clients_file_listed_for_review_not_dumped(self):
        export = self._export()
        archive, data, html = self._open(export)
        raw = archive.read("data.json").decode()
        for text in ("FALCON-SECRET", "Project Falcon"):
            self.assertNotIn(text, raw)
            self.assertNotIn(text, html)
        self.assertNotIn(self.confidential.id, self._ids(data, "project.project"))
        self.assertGreaterEqual(export.review_count, 2, "party line and message")
        self.assertIn(self.confidential.matter_number, export.review_summary)
        self.assertIn("confidential", export.review_summary)

    def test_report_in_the_persons_language(self):
        self.env["res.lang"]._activate_lang("nb_NO")
        self.env["ir.module.module"]._load_module_terms(["law_crm_gdpr"], ["nb_NO"])
        self.person.lang = "nb_NO"
        _archive, data, html = self._open(self._export())
        self.assertIn("Personopplysninger vi har om Marit Testesen", html)
        self.assertIn("Nettskjema", html, "selection values shown by their label")
        self.assertIn("<h2>Samtykke (1)</h2>", html)
        consent = next(e for e in data["records"] if e["model"] == "law.gdpr.consent")
        self.assertEqual(consent["data"]["channel"], "web_form", "JSON keeps the codes")

    def test_record_created_later_shows_up(self):
        """No hand-kept list: new records, also of models the export code never
        names (calendar events, tasks, bank accounts), appear in the next export."""
        first = self._export()
        _archive, before, _html = self._open(first)

        later_message = self.own_matter.message_post(
            body="<p>Second letter</p>", message_type="email", author_id=self.person.id
        )
        later_file = self.env["ir.attachment"].create(
            {
                "name": "receipt.txt",
                "raw": b"receipt",
                "res_model": "project.project",
                "res_id": self.own_matter.id,
            }
        )
        later_activity = self.own_matter.activity_schedule(
            "mail.mail_activity_data_todo", summary="Follow up", user_id=self.responsible.id
        )
        later_consent = self.give_consent(self.person, self.client_matters)
        event = self.env["calendar.event"].create(
            {"name": "Meeting with Marit", "partner_ids": [Command.link(self.person.id)]}
        )
        task = self.env["project.task"].create(
            {"name": "Probate filing", "partner_id": self.person.id}
        )
        bank = self.env["res.partner.bank"].create(
            {"acc_number": "1503.12.34567", "partner_id": self.person.id}
        )
        by_email = self.env["res.partner"].create(
            {"name": "M. T. (duplicate)", "email": "MARIT.TESTESEN@example.no"}
        )
        # Someone else whose address merely contains the person's: not theirs.
        lookalike = self.env["res.partner"].create(
            {"name": "Someone else", "email": "amarit.testesen@example.no"}
        )
        later = {
            "mail.message": later_message.id,
            "ir.attachment": later_file.id,
            "mail.activity": later_activity.id,
            "law.gdpr.consent": later_consent.id,
            "calendar.event": event.id,
            "project.task": task.id,
            "res.partner.bank": bank.id,
            "res.partner": by_email.id,
        }
        for model, record_id in later.items():
            self.assertNotIn(record_id, self._ids(before, model), model)

        _archive, after, _html = self._open(self._export())
        for model, record_id in later.items():
            self.assertIn(record_id, self._ids(after, model), model)
        self.assertNotIn(lookalike.id, self._ids(after, "res.partner"))

    def test_export_is_a_log_nobody_edits(self):
        export = self._export()
        for user in (self.compliance, self.env.user):
            with self.assertRefused("cannot be changed", UserError):
                export.with_user(user).write({"record_count": 0})
        with self.assertRefused("not allowed to delete", AccessError):
            export.with_user(self.compliance).unlink()
        with self.assertRefused("cannot be deleted", UserError):
            export.sudo().unlink()
        self.assertEqual(self.request.export_ids, export)

    def test_download_action(self):
        export = self._export()
        action = export.with_user(self.compliance).action_download()
        self.assertIn(f"/web/content/{export.attachment_id.id}", action["url"])
        # The archive is readable by the compliance officer.
        content = export.attachment_id.with_user(self.compliance).datas
        self.assertTrue(zipfile.is_zipfile(io.BytesIO(base64.b64decode(content))))

    def test_export_is_written_by_its_run_only(self):
        """A compliance officer cannot forge a finished export through create()."""
        export = (
            self.env["law.gdpr.export"]
            .with_user(self.compliance)
            .create(
                {
                    "partner_id": self.person.id,
                    "user_id": self.responsible.id,
                    "state": "done",
                    "attachment_id": self.pdf.id,
                    "record_count": 7,
                }
            )
        )
        self.assertEqual(export.user_id, self.compliance)
        self.assertEqual(export.state, "queued")
        self.assertFalse(export.attachment_id)
        self.assertFalse(export.record_count)


@tagged("post_install", "-at_install")
class TestDemoExport(GdprCommon):
    """The demo person: matter, email with attachment, activity, consents, request."""

    def test_demo_person_export(self):
        marit = self.env.ref("law_crm.demo_partner_hansen_marit")
        export = (
            self.env["law.gdpr.export"].with_user(self.compliance).create({"partner_id": marit.id})
        )
        export._run_export()
        self.assertEqual(export.state, "done", export.error)
        attachment = export.attachment_id.sudo()
        archive = zipfile.ZipFile(attachment._full_path(attachment.store_fname))
        data = json.loads(archive.read("data.json"))
        found = {(entry["model"], entry["id"]) for entry in data["records"]}
        ref = self.env.ref
        expected = [
            ref("law_crm.demo_matter_hansen_estate"),
            ref("law_crm_gdpr.demo_message_hansen_estate"),
            ref("law_crm_gdpr.demo_attachment_hansen_estate"),
            ref("law_crm_gdpr.demo_activity_hansen_estate"),
            ref("law_crm_gdpr.demo_consent_hansen_newsletter_2025"),
            ref("law_crm_gdpr.demo_consent_hansen_newsletter_2026"),
            ref("law_crm_gdpr.demo_basis_hansen_matter"),
            ref("law_crm_gdpr.demo_request_hansen_access"),
        ]
        for record in expected:
            self.assertIn((record._name, record.id), found, record)
        files = [entry["file"] for entry in data["records"] if entry["model"] == "ir.attachment"]
        self.assertIn(b"Skifteattest", b"".join(archive.read(file) for file in files))
        html = archive.read("report.html").decode()
        self.assertIn("vedlagt er skifteattesten", html)

    def test_cron_runs_queued_exports(self):
        """Asked from the web client, run by the cron in its own transaction."""
        export = (
            self.env["law.gdpr.export"]
            .with_user(self.compliance)
            .create({"partner_id": self.person.id})
        )
        cron = self.env.ref("law_crm_gdpr.ir_cron_law_gdpr_export")
        self.assertTrue(
            self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]),
            "asking for an export wakes the cron",
        )
        with self.enter_registry_test_mode():
            cron.method_direct_trigger()
        export.invalidate_recordset()
        self.assertEqual(export.state, "done", export.error)
        self.assertTrue(export.attachment_id)
