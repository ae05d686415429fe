from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import GdprCommon

# Art. 30(1) letter -> the fields that hold it.
ART_30 = {
    "a": ["company_id", "joint_controller_ids", "representative_id", "dpo_id"],
    "b": ["purposes"],
    "c": ["subject_categories", "data_categories"],
    "d": ["recipient_categories", "processor_ids"],
    "e": ["transfer_ids", "transfers_note"],
    "f": ["erasure_time_limits"],
    "g": ["security_measures"],
}
REQUIRED = [
    "company_id",
    "purposes",
    "subject_categories",
    "data_categories",
    "recipient_categories",
    "erasure_time_limits",
    "security_measures",
]
SHIPPED = ["client_matters", "conflict_check", "aml", "billing", "marketing"]


@tagged("post_install", "-at_install")
class TestRegisters(GdprCommon):
    """Art. 30, 28, 44-49 and 35 registers: every mandatory field, and printable."""

    def test_art_30_fields_and_shipped_entries(self):
        Processing = self.env["law.gdpr.processing"]
        for letter, names in ART_30.items():
            for name in names:
                self.assertIn(name, Processing._fields, f"Art. 30(1)({letter}): {name}")
        for name in REQUIRED:
            self.assertTrue(Processing._fields[name].required, name)
        for xmlid in SHIPPED:
            entry = self.env.ref(f"law_crm_gdpr.processing_{xmlid}")
            for name in REQUIRED:
                self.assertTrue(entry[name], f"{xmlid}: {name}")
            self.assertTrue(entry.purpose_ids, xmlid)

    def test_art_30_prints(self):
        processor = self.env["law.gdpr.processor"].create(
            {"name": "Document hosting", "partner_id": self.client.id}
        )
        transfer = self.env["law.gdpr.transfer"].create(
            {
                "name": "Support from the US",
                "recipient_id": self.client.id,
                "country_id": self.env.ref("base.us").id,
                "mechanism": "scc",
                "processor_id": processor.id,
            }
        )
        entries = self.env["law.gdpr.processing"].search([])
        entry = self.env.ref("law_crm_gdpr.processing_client_matters")
        entry.write(
            {
                "processor_ids": [(4, processor.id)],
                "transfer_ids": [(4, transfer.id)],
                "dpo_id": self.compliance.partner_id.id,
            }
        )
        action = entry.with_user(self.compliance).action_print()
        self.assertEqual(action["report_name"], "law_crm_gdpr.report_law_gdpr_processing")
        html, kind = self.env["ir.actions.report"]._render_qweb_html(
            "law_crm_gdpr.report_law_gdpr_processing", entries.ids
        )
        self.assertEqual(kind, "html")
        html = html.decode()
        for label in (
            "(a) Controller",
            "(a) Data protection officer",
            "(b) Purposes",
            "(c) Categories of persons",
            "(c) Categories of personal data",
            "(d) Categories of recipients",
            "(e) Transfers to third countries",
            "(f) Time limits for erasure",
            "(g) Security measures",
        ):
            self.assertIn(label, html)
        for entry in entries:
            self.assertIn(entry.name, html)
        self.assertIn("Document hosting", html)
        self.assertIn("Standard Contractual Clauses", html)
        self.assertIn(self.compliance.partner_id.name, html)

    def test_processor_checklist(self):
        checklist = {
            f"clause_{name}": True
            for name in (
                "a_instructions",
                "b_confidentiality",
                "c_security",
                "d_subprocessors",
                "e_subject_rights",
                "f_assistance",
                "g_end_of_service",
                "h_audits",
            )
        }
        Processor = self.env["law.gdpr.processor"]
        sub = Processor.create({"name": "Backup", "partner_id": self.counterparty.id})
        processor = Processor.create(
            {
                "name": "Hosting",
                "partner_id": self.client.id,
                "sub_processor_ids": [(4, sub.id)],
                **dict(checklist, clause_h_audits=False),
            }
        )
        self.assertFalse(processor.checklist_complete)
        processor.clause_h_audits = True
        self.assertTrue(processor.checklist_complete)
        self.assertEqual(processor.sub_processor_ids, sub)
        self.assertEqual(len(checklist), 8, "Art. 28(3)(a)-(h)")

    def test_transfer_derogation_and_dpia(self):
        Transfer = self.env["law.gdpr.transfer"]
        values = {
            "name": "Expert in Brazil",
            "recipient_id": self.counterparty.id,
            "country_id": self.env.ref("base.br").id,
            "mechanism": "derogation",
        }
        with self.assertRefused("Art. 49", ValidationError):
            Transfer.create(values)
        transfer = Transfer.create(dict(values, derogation="e"))
        self.assertEqual(transfer.derogation, "e")
        dpia = self.env["law.gdpr.dpia"].create(
            {
                "name": "Criminal defence matters",
                "processing_id": self.env.ref("law_crm_gdpr.processing_client_matters").id,
                "trigger_special_categories": True,
                "description": "Criminal-offence data in defence matters.",
                "necessity": "Needed to defend.",
                "risks": "Disclosure.",
                "measures": "Confidential matters only.",
                "outcome": "acceptable",
            }
        )
        self.assertIn(dpia, dpia.processing_id.dpia_ids)
