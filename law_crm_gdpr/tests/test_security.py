from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import GdprCommon

REGISTERS = [
    "law.gdpr.request",
    "law.gdpr.export",
    "law.gdpr.breach",
    "law.gdpr.breach.notification",
    "law.gdpr.processing",
    "law.gdpr.processor",
    "law.gdpr.transfer",
    "law.gdpr.dpia",
]


@tagged("post_install", "-at_install")
class TestSecurity(GdprCommon):
    """Only Law: Compliance reaches the registers and exports; consents follow
    the need-to-know on persons; nobody deletes a consent or an export."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.request = cls.env["law.gdpr.request"].create(
            {"kind": "access", "partner_id": cls.person.id, "received_date": date(2026, 3, 10)}
        )
        cls.breach = cls.env["law.gdpr.breach"].create(
            {"title": "Lost laptop", "aware_at": "2026-04-02 08:00:00"}
        )
        cls.env["law.gdpr.breach.notification"].create({"breach_id": cls.breach.id})
        cls.export = cls.env["law.gdpr.export"].create(
            {"partner_id": cls.person.id, "request_id": cls.request.id}
        )
        cls.export._run_export()
        processor = cls.env["law.gdpr.processor"].create(
            {"name": "Hosting", "partner_id": cls.client.id}
        )
        cls.env["law.gdpr.transfer"].create(
            {
                "name": "US support",
                "recipient_id": cls.client.id,
                "country_id": cls.env.ref("base.us").id,
                "mechanism": "scc",
                "processor_id": processor.id,
            }
        )
        cls.env["law.gdpr.dpia"].create({"name": "Criminal defence"})
        cls.outsiders = [cls.responsible, cls.lawyer_out, cls.partner_other, cls.admin_out]

    def test_registers_refused_to_lawyers_partners_and_admins(self):
        for user in self.outsiders:
            for model_name in REGISTERS:
                with self.subTest(user=user.login, model=model_name):
                    Model = self.env[model_name].with_user(user)
                    record = self.env[model_name].search([], limit=1).with_user(user)
                    self.assertTrue(record, model_name)
                    attempts = {
                        "search": lambda M=Model: M.search([]),
                        "read": lambda r=record: r.read(["display_name"]),
                        "search_read": lambda M=Model: M.search_read([], ["id"]),
                        "formatted_read_group": lambda M=Model: M.formatted_read_group(
                            [], [], ["__count"]
                        ),
                        "name_search": lambda M=Model: M.name_search(""),
                        "export_data": lambda r=record: r.export_data(["id"]),
                        "create": lambda M=Model: M.create({}),
                    }
                    for name, attempt in attempts.items():
                        with self.assertRaises(AccessError, msg=name):
                            attempt()

    def test_compliance_reaches_every_register(self):
        for model_name in REGISTERS:
            Model = self.env[model_name].with_user(self.compliance)
            records = Model.search([])
            self.assertTrue(records, model_name)
            self.assertTrue(Model.search_read([], ["display_name"]))
            self.assertTrue(Model.formatted_read_group([], [], ["__count"]))
            self.assertTrue(records[:1].export_data(["id"])["datas"])

    def test_lawyer_cannot_export_a_person(self):
        with self.assertRaises(AccessError):
            self.person.with_user(self.responsible).action_law_gdpr_export()
        with self.assertRaises(AccessError):
            self.env["law.gdpr.export"].with_user(self.responsible).create(
                {"partner_id": self.person.id}
            )
        archive = self.export.attachment_id
        self.assertTrue(archive)
        for user in self.outsiders:
            with self.assertRaises(AccessError, msg=user.login):
                archive.with_user(user).read(["datas"])
        self.assertTrue(archive.with_user(self.compliance).read(["datas"])[0]["datas"])
        # The compliance officer exports from the person's form.
        action = self.person.with_user(self.compliance).action_law_gdpr_export()
        self.assertEqual(action["res_model"], "law.gdpr.export")

    def test_consents_follow_need_to_know_on_persons(self):
        secret = self.secret_client  # confidential person, client of the confidential matter
        consent = self.give_consent(secret, self.marketing)
        Consent = self.env["law.gdpr.consent"]
        for user in (self.lawyer_out, self.partner_other, self.admin_out):
            with self.subTest(user=user.login):
                if user == self.admin_out:
                    with self.assertRaises(AccessError):
                        Consent.with_user(user).search([])
                    continue
                self.assertFalse(Consent.with_user(user).search([("id", "=", consent.id)]))
                self.assertFalse(
                    Consent.with_user(user).search_read([("partner_id", "=", secret.id)])
                )
                found = Consent.with_user(user).name_search("Newsletters", limit=None)
                self.assertNotIn(consent.id, [record_id for record_id, _name in found])
                with self.assertRaises(AccessError):
                    consent.with_user(user).read(["notice_text"])
        # The matter's team sees it, and may withdraw it in one click.
        self.assertEqual(
            Consent.with_user(self.responsible).search([("partner_id", "=", secret.id)]), consent
        )
        consent.with_user(self.responsible).action_withdraw()
        self.assertEqual(consent.state, "withdrawn")
        self.assertTrue(Consent.with_user(self.compliance).search([("id", "=", consent.id)]))

    def test_legal_bases_follow_need_to_know_and_purposes_are_read_only(self):
        basis = self.env["law.gdpr.legal.basis"].create(
            {
                "partner_id": self.secret_client.id,
                "purpose_id": self.client_matters.id,
                "basis": "contract",
                "justification": "Engagement letter",
            }
        )
        Basis = self.env["law.gdpr.legal.basis"]
        for user in (self.lawyer_out, self.partner_other):
            with self.subTest(user=user.login):
                self.assertFalse(Basis.with_user(user).search([("id", "=", basis.id)]))
                self.assertFalse(
                    Basis.with_user(user).formatted_read_group(
                        [("partner_id", "=", self.secret_client.id)], [], ["__count"]
                    )[0]["__count"]
                )
                with self.assertRaises(AccessError):
                    basis.with_user(user).read(["justification"])
        self.assertEqual(Basis.with_user(self.responsible).search([("id", "=", basis.id)]), basis)
        Purpose = self.env["law.gdpr.purpose"]
        self.assertTrue(Purpose.with_user(self.responsible).search([]))
        with self.assertRaises(AccessError):
            Purpose.with_user(self.responsible).create({"name": "Profiling"})
        with self.assertRaises(AccessError):
            self.marketing.with_user(self.partner_other).write({"is_marketing": False})
        Purpose.with_user(self.compliance).create({"name": "Client events"})

    def test_nobody_deletes_consents_or_bases(self):
        consent = self.give_consent(self.person, self.marketing)
        basis = self.env["law.gdpr.legal.basis"].create(
            {
                "partner_id": self.person.id,
                "purpose_id": self.client_matters.id,
                "basis": "contract",
                "justification": "Engagement letter",
            }
        )
        for user in (self.responsible, self.partner_other, self.compliance):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    consent.with_user(user).unlink()
                with self.assertRaises(AccessError):
                    basis.with_user(user).unlink()


RETENTION_MODELS = [
    "law.gdpr.log",
    "law.gdpr.hold",
    "law.gdpr.retention.policy",
    "law.gdpr.retention.run",
    "law.gdpr.retention.item",
]


@tagged("post_install", "-at_install")
class TestRetentionSecurity(GdprCommon):
    """Retention policies, runs, legal holds and the GDPR log: Law:
    Compliance only; lawyers, partners and administrators neither read nor
    change them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["law.gdpr.hold"].create({"matter_id": cls.matter.id, "reason": "Litigation"})
        cls.policy = cls.env.ref("law_crm_gdpr.retention_policy_case_files")
        run = cls.env["law.gdpr.retention.run"].create(
            {"policy_id": cls.policy.id, "state": "to_approve", "item_count": 1}
        )
        cls.env["law.gdpr.retention.item"].create({"run_id": run.id, "res_id": cls.matter.id})
        cls.outsiders = [cls.assistant, cls.responsible, cls.partner_other, cls.admin_out]

    def test_refused_to_everyone_but_compliance(self):
        for user in self.outsiders:
            for model_name in RETENTION_MODELS:
                with self.subTest(user=user.login, model=model_name):
                    Model = self.env[model_name].with_user(user)
                    record = self.env[model_name].search([], limit=1).with_user(user)
                    self.assertTrue(record, model_name)
                    attempts = {
                        "search": lambda M=Model: M.search([]),
                        "read": lambda r=record: r.read(["display_name"]),
                        "search_read": lambda M=Model: M.search_read([], ["id"]),
                        "formatted_read_group": lambda M=Model: M.formatted_read_group(
                            [], [], ["__count"]
                        ),
                        "name_search": lambda M=Model: M.name_search(""),
                        "export_data": lambda r=record: r.export_data(["id"]),
                        "create": lambda M=Model: M.create({}),
                        "write": lambda r=record: r.write({}),
                    }
                    for name, attempt in attempts.items():
                        with self.assertRaises(AccessError, msg=name):
                            attempt()

    def test_compliance_reads_all_and_configures_policies_and_holds(self):
        for model_name in RETENTION_MODELS:
            Model = self.env[model_name].with_user(self.compliance)
            self.assertTrue(Model.search([]), model_name)
            self.assertTrue(Model.formatted_read_group([], [], ["__count"]))
        self.policy.with_user(self.compliance).write({"period_years": 12})
        self.env["law.gdpr.hold"].with_user(self.compliance).create(
            {"partner_id": self.person.id, "reason": "Complaint"}
        )
        # Runs are opened by the cron, items only by runs.
        with self.assertRaises(AccessError):
            self.env["law.gdpr.retention.run"].with_user(self.compliance).create(
                {"policy_id": self.policy.id, "state": "approved"}
            )
        with self.assertRaises(AccessError):
            self.env["law.gdpr.retention.item"].with_user(self.compliance).search([]).write(
                {"state": "done"}
            )
        with self.assertRaises(AccessError):
            self.env["law.gdpr.hold"].with_user(self.compliance).search([]).unlink()
