from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import LawCrmCommon


class ConflictFirm(LawCrmCommon):
    """The test firm of ``LawCrmCommon`` plus the clients, former clients,
    prospects and corporate families the scenarios search for."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        company = lambda name, **vals: Partner.create(  # noqa: E731
            dict(vals, name=name, is_company=True)
        )
        cls.nordisk = company("Nordisk Bygg AS", org_number="923609016")
        cls.bjorn = Partner.create({"name": "Bjørn Ødegård", "national_id_number": "15108695088"})
        cls.fjordkraft = company(
            "Fjordkraft Eiendom AS",
            other_name_ids=[Command.create({"name": "Havblikk Eiendom AS", "kind": "former"})],
        )
        cls.subsidiary = company("Nordvik Eiendom AS", parent_id=cls.client.id)
        cls.former = company("Lunde Transport AS")
        cls.prospect = company("Solberg Invest AS")
        cls.hidden_client = company("Skjult Rederi AS")
        cls.env["crm.lead"].create(
            {"name": "Solberg – share purchase", "partner_id": cls.prospect.id}
        )

        Matter = cls.env["project.project"].with_context(mail_create_nolog=True)
        matter = lambda client, **vals: Matter.create(  # noqa: E731
            dict(vals, is_matter=True, name=f"{client.name} matter", partner_id=client.id)
        )
        cls.open_matters = (
            matter(cls.nordisk, user_id=cls.responsible.id)
            | matter(cls.bjorn, user_id=cls.responsible.id)
            | matter(cls.fjordkraft, user_id=cls.responsible.id)
        )
        cls.open_matters.write({"state": "open"})
        cls.closed_matter = matter(cls.former, user_id=cls.responsible.id)
        cls.closed_matter.write({"state": "closed"})
        cls.hidden_matter = matter(
            cls.hidden_client,
            user_id=cls.responsible.id,
            wall_user_ids=[Command.link(cls.partner_walled.id)],
        )
        cls.hidden_matter.write({"state": "open"})

    def run_check(self, name=None, role="counterparty", user=None, **subject):
        """Run a check for one typed-in subject as ``user`` (a partner by default)."""
        Check = self.env["law.conflict.check"].with_user(user or self.partner_other)
        check = Check.create({"subject_ids": [Command.create(dict(subject, name=name, role=role))]})
        check.action_run()
        return check

    def hit(self, check, partner, role=None):
        hits = check.hit_ids.filtered(
            lambda h: h.partner_id == partner and (role is None or h.role == role)
        )
        self.assertEqual(len(hits), 1, f"one hit on {partner.name} in {check.hit_ids.read()}")
        return hits

    def attach_consent(self, check):
        """As the web client's upload does: an attachment of the check."""
        attachment = self.env["ir.attachment"].create(
            {
                "name": "consent.pdf",
                "raw": b"%PDF consent",
                "res_model": check._name,
                "res_id": check.id,
            }
        )
        check.consent_attachment_ids = [Command.link(attachment.id)]


@tagged("post_install", "-at_install", "law_conflict")
class TestConflictScenarios(ConflictFirm):
    """The scenario table of issue 4, acceptance 1: one test per row."""

    def test_01_exact_org_number(self):
        check = self.run_check("Helt Annet Navn", org_number="923 609 016")
        hit = self.hit(check, self.nordisk)
        self.assertEqual((hit.reason, hit.score, hit.role), ("org_number", 1.0, "client"))
        self.assertEqual(hit.classification, "direct")
        self.assertEqual(check.classification, "direct")

    def test_02_company_name_with_typo_and_foreign_form(self):
        hit = self.hit(self.run_check("Nordisk Byg A/S"), self.nordisk)
        self.assertEqual(hit.reason, "name")
        self.assertTrue(0.5 <= hit.score < 1, hit.score)
        self.assertEqual(hit.classification, "direct")

    def test_03_norwegian_letters_in_ascii(self):
        hit = self.hit(self.run_check("Bjorn Odegaard"), self.bjorn)
        self.assertEqual((hit.reason, hit.score, hit.classification), ("name", 1.0, "direct"))

    def test_04_national_id(self):
        hit = self.hit(self.run_check("B. Ø.", national_id_number="151086 95088"), self.bjorn)
        self.assertEqual(hit.reason, "national_id")

    def test_05_former_name(self):
        hit = self.hit(self.run_check("Havblikk Eiendom"), self.fjordkraft)
        self.assertEqual((hit.reason, hit.matched_name), ("alias", "Havblikk Eiendom AS"))
        self.assertEqual(hit.classification, "direct")

    def test_06_subsidiary_of_client_as_counterparty(self):
        check = self.run_check("Nordvik Eiendom AS")
        family = check.hit_ids.filtered(lambda h: h.partner_id == self.client)
        self.assertTrue(family)
        self.assertEqual(set(family.mapped("reason")), {"family"})
        self.assertEqual(family.family_partner_id, self.subsidiary)
        self.assertEqual(set(family.mapped("classification")), {"potential"})

    def test_06b_company_owned_by_a_client(self):
        owned = self.env["res.partner"].create(
            {
                "name": "Bjørn Invest AS",
                "is_company": True,
                "law_owner_ids": [Command.link(self.bjorn.id)],
            }
        )
        check = self.run_check("Bjorn Invest AS")
        family = check.hit_ids.filtered(lambda h: h.partner_id == self.bjorn)
        self.assertEqual((family.reason, family.family_partner_id), ("family", owned))
        self.assertEqual(family.classification, "potential")

    def test_07_former_client(self):
        hit = self.hit(self.run_check("Lunde Transport"), self.former)
        self.assertEqual((hit.matter_id, hit.matter_state), (self.closed_matter, "closed"))
        self.assertEqual(hit.classification, "potential")

    def test_08_prospect_only(self):
        as_other_side = self.hit(self.run_check("Solberg Invest AS"), self.prospect)
        self.assertEqual(
            (as_other_side.role, as_other_side.classification), ("prospect", "potential")
        )
        as_client = self.hit(self.run_check("Solberg Invest AS", role="client"), self.prospect)
        self.assertEqual(as_client.classification, "none")

    def test_09_existing_client_coming_back_is_no_conflict(self):
        hit = self.hit(self.run_check("Nordisk Bygg AS", role="client"), self.nordisk)
        self.assertEqual(hit.classification, "none")

    def test_10_walled_hit_redacted(self):
        check = self.run_check("Skjult Rederi AS", user=self.partner_walled)
        self.assertEqual(len(check.hit_ids), 1)
        hit = check.hit_ids
        self.assertTrue(hit.restricted)
        self.assertEqual(hit.classification, "direct")
        self.assertIn("restricted matter", hit.summary)
        self.assertIn(self.responsible.name, hit.summary)
        # Nothing readable by the walled user names the client or the matter.
        hits = check.with_user(self.partner_walled).hit_ids
        values = str(hits.read([f for f in hits._fields if f != "subject_id"]))
        for secret in ("Skjult", self.hidden_matter.name, self.hidden_matter.matter_number):
            self.assertNotIn(secret, values)
        self.assertFalse(hit.partner_id or hit.matter_id or hit.matched_name)
        # The same search by a partner who may see the matter shows it all.
        seen = self.hit(self.run_check("Skjult Rederi AS"), self.hidden_client)
        self.assertEqual((seen.matter_id, seen.restricted), (self.hidden_matter, False))

    def test_11_unknown_name_no_hit(self):
        check = self.run_check("Zyxwv Qqqj Konsult AS")
        self.assertFalse(check.hit_ids)
        self.assertEqual(check.classification, "none")

    def test_12_opening_blocked_until_every_party_cleared(self):
        matter = self.env["project.project"].create(
            {
                "is_matter": True,
                "name": "New dispute",
                "partner_id": self.prospect.id,
                "user_id": self.responsible.id,
                "party_ids": [Command.create({"partner_id": self.former.id})],
            }
        )
        self.assertEqual(matter.law_conflict_status, "required")
        with self.assertRefused("not covered by a cleared or waived", UserError):
            matter.action_open_matter()
        check = self.env["law.conflict.check"].browse(matter.action_law_conflict_check()["res_id"])
        self.assertEqual(check.state, "pending")
        self.assertEqual(set(check.subject_ids.mapped("role")), {"client", "counterparty"})
        with self.assertRefused("not covered", UserError):
            matter.action_open_matter()
        check.with_user(self.partner_other).write({"decision_reason": "Former client, unrelated"})
        check.with_user(self.partner_other).action_clear()
        matter.invalidate_recordset(["law_conflict_status"])
        self.assertEqual(matter.law_conflict_status, "cleared")
        matter.action_open_matter()
        self.assertEqual(matter.state, "open")

    def test_13_new_party_on_open_matter_flags_it(self):
        matter = self.open_matters[0]
        first = self.env["law.conflict.check"].browse(matter.action_law_conflict_check()["res_id"])
        first.decision_reason = "Our own client"
        first.with_user(self.partner_other).action_clear()
        matter.invalidate_recordset(["law_conflict_status"])
        self.assertEqual(matter.law_conflict_status, "cleared")

        matter.with_user(self.responsible).write(
            {"party_ids": [Command.create({"partner_id": self.fjordkraft.id})]}
        )
        new = self.env["law.conflict.check"].search([("matter_id", "=", matter.id)]) - first
        self.assertEqual(len(new), 1)
        self.assertEqual((new.state, new.subject_ids.partner_id), ("pending", self.fjordkraft))
        self.assertEqual(new.user_id, self.responsible)
        self.assertEqual(self.hit(new, self.fjordkraft).classification, "direct")
        matter.invalidate_recordset(["law_conflict_status"])
        self.assertEqual(matter.law_conflict_status, "required")
        new.write({"decision_reason": "Both clients consent"})
        self.attach_consent(new)
        new.with_user(self.partner_other).action_waive()
        matter.invalidate_recordset(["law_conflict_status"])
        self.assertEqual(matter.law_conflict_status, "cleared")

    def test_14_waiver_needs_consent_and_decision_is_final(self):
        check = self.run_check("Nordisk Bygg AS")
        check.decision_reason = "Both clients consent in writing"
        with self.assertRefused("consent", UserError):
            check.action_waive()
        self.attach_consent(check)
        check.action_waive()
        self.assertEqual((check.state, check.decided_by_id), ("waived", self.partner_other))
        for change in (
            lambda: check.write({"decision_reason": "changed"}),
            lambda: check.unlink(),
            lambda: check.hit_ids.write({"classification": "none"}),
            lambda: check.subject_ids.write({"name": "Someone else"}),
        ):
            with self.assertRefused("cannot be", UserError):
                change()

    def test_15_only_a_partner_decides(self):
        check = self.run_check("Nordisk Bygg AS", user=self.responsible)
        check.decision_reason = "Looks fine"
        with self.assertRefused("Only a partner", UserError):
            check.action_clear()
        with self.assertRefused("cannot be written directly", UserError):
            check.write({"state": "cleared"})
        self.assertEqual(check.state, "pending")
        check.with_user(self.partner_other).action_clear()
        self.assertEqual(check.state, "cleared")

    def test_16_invalid_org_number_refused(self):
        with self.assertRefused("not a valid Norwegian organisation number"):
            self.run_check("Feil AS", org_number="923609017")
        with self.assertRefused("not a valid Norwegian organisation number"):
            self.env["res.partner"].create({"name": "Feil AS", "org_number": "923609017"})
        self.assertFalse(
            self.env["law.conflict.check"].search([("subject_ids.name", "=", "Feil AS")])
        )

    def test_17_decision_needs_a_reason(self):
        check = self.run_check("Nordisk Bygg AS")
        with self.assertRefused("Write down why", UserError):
            check.action_decline()


@tagged("post_install", "-at_install", "law_conflict")
class TestDueDiligence(ConflictFirm):
    """AML customer due diligence scenarios of issue 4 (acceptance 1)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.transaction = cls.env.ref("law_crm.matter_type_transaction")
        cls.today = fields.Date.today()

    def transaction_matter(self, client):
        matter = self.env["project.project"].create(
            {
                "is_matter": True,
                "name": "Share purchase",
                "partner_id": client.id,
                "user_id": self.responsible.id,
                "matter_type_id": self.transaction.id,
            }
        )
        check = self.env["law.conflict.check"]._create_and_run([(client, "client")], matter=matter)
        check.decision_reason = "No conflict"
        check.with_user(self.partner_other).action_clear()
        return matter

    def complete_kyc(self, client, **vals):
        extract = self.env["ir.attachment"].create({"name": "firmaattest.pdf", "raw": b"%PDF"})
        return self.env["law.kyc"].create(
            dict(
                {
                    "partner_id": client.id,
                    "verification_method": "register_extract",
                    "verified_by_id": self.responsible.id,
                    "date_verified": self.today,
                    "address": "Storgata 1, 0155 Oslo",
                    "purpose": "Acquisition of a subsidiary",
                    "register_extract_date": self.today - timedelta(days=20),
                    "register_extract_attachment_ids": [Command.link(extract.id)],
                    "representative": "Daglig leder Kari Nordmann",
                    "beneficial_owners": "Kari Nordmann (60 %)",
                },
                **vals,
            )
        )

    def test_kyc_missing_blocks_transaction_matter(self):
        matter = self.transaction_matter(self.prospect)
        with self.assertRefused("no customer due diligence recorded", UserError):
            matter.action_open_matter()
        self.complete_kyc(self.prospect)
        matter.action_open_matter()
        self.assertEqual(matter.state, "open")

    def test_non_transaction_matter_needs_no_kyc(self):
        matter = self.transaction_matter(self.prospect)
        matter.matter_type_id = self.env.ref("law_crm.matter_type_dispute")
        matter.action_open_matter()
        self.assertEqual(matter.state, "open")

    def test_stale_register_extract_refused(self):
        with self.assertRefused("more than 3 months"):
            self.complete_kyc(self.prospect, register_extract_date=self.today - timedelta(days=100))
        self.assertFalse(self.env["law.kyc"].search([("partner_id", "=", self.prospect.id)]))

    def test_pep_without_approval_blocks(self):
        matter = self.transaction_matter(self.prospect)
        kyc = self.complete_kyc(self.prospect, pep_status="self", source_of_funds="Salary")
        with self.assertRefused("senior approval missing", UserError):
            matter.action_open_matter()
        with self.assertRefused("not a partner of the firm"):
            kyc.pep_approved_by_id = self.responsible
        kyc.pep_approved_by_id = self.partner_other
        matter.action_open_matter()
        self.assertEqual(matter.state, "open")

    def test_incomplete_or_overdue_kyc_blocks(self):
        matter = self.transaction_matter(self.prospect)
        kyc = self.complete_kyc(self.prospect, beneficial_owners=False)
        with self.assertRefused("beneficial owners missing", UserError):
            matter.action_open_matter()
        kyc.write({"beneficial_owners": "Kari", "date_review": self.today - timedelta(days=1)})
        with self.assertRefused("review overdue", UserError):
            matter.action_open_matter()

    def test_national_id_masked_except_for_compliance_and_responsible(self):
        person = self.env["res.partner"].create({"name": "Per Klient"})
        self.env["project.project"].create(
            {
                "is_matter": True,
                "name": "Per",
                "partner_id": person.id,
                "user_id": self.responsible.id,
            }
        )
        kyc = self.complete_kyc(person, full_name="Per Klient", verification_method="bankid")
        kyc.with_user(self.responsible).national_id_entry = "151086 95088"
        self.assertEqual(kyc.national_id_masked, "•••••••••88")
        with self.assertRefused("not a valid national identity number"):
            kyc.national_id_entry = "15108695077"
        shown = kyc.with_user(self.responsible).action_show_national_id()
        self.assertEqual(shown["params"]["message"], "15108695088")
        self.assertIn("shown to", kyc.message_ids[0].body)
        shown = kyc.with_user(self.compliance).action_show_national_id()
        self.assertEqual(shown["params"]["message"], "15108695088")
        # A partner who may read the record sees only the mask.
        as_partner = kyc.with_user(self.partner_other)
        self.assertEqual(as_partner.national_id_masked, "•••••••••88")
        self.assertFalse(as_partner.national_id_entry)
        with self.assertRaises(AccessError):  # the field is for compliance only
            as_partner.read(["national_id_number"])
        with self.assertRefused("Only compliance", AccessError):
            as_partner.action_show_national_id()


@tagged("post_install", "-at_install", "law_conflict")
class TestIntake(ConflictFirm):
    """Acceptance 2: inquiry -> conflict check -> due diligence -> engagement
    letter -> matter, through the forms the web client uses."""

    def test_inquiry_to_matter(self):
        lawyer = self.responsible
        new_client = self.env["res.partner"].create(
            {"name": "Aurora Shipping AS", "is_company": True}
        )
        with Form(self.env["crm.lead"].with_user(lawyer)) as form:
            form.name = "Aurora – purchase of vessel"
            form.partner_id = new_client
            form.law_matter_type_id = self.env.ref("law_crm.matter_type_transaction")
            form.law_counterparty_ids.add(self.former)
        lead = form.record
        self.assertEqual(lead.law_intake_step, "inquiry")
        with self.assertRefused("not covered", UserError):
            lead.action_law_create_matter()

        check = self.env["law.conflict.check"].browse(lead.action_law_conflict_check()["res_id"])
        self.assertEqual(check.lead_id, lead)
        self.assertEqual(self.hit(check, self.former).classification, "potential")
        self.assertEqual(lead.law_intake_step, "conflict_check")
        check.decision_reason = "Counterparty is a former client in an unrelated matter"
        check.with_user(self.partner_other).action_clear()

        lead.invalidate_recordset(["law_intake_step"])
        self.assertEqual(lead.law_intake_step, "due_diligence")
        self.env["law.kyc"].with_user(lawyer).create(
            {
                "partner_id": new_client.id,
                "verification_method": "register_extract",
                "verified_by_id": lawyer.id,
                "date_verified": fields.Date.today(),
                "address": "Bryggen 1, Bergen",
                "purpose": "Vessel purchase",
                "register_extract_date": fields.Date.today(),
                "register_extract_attachment_ids": [
                    Command.create({"name": "attest.pdf", "raw": b"%PDF"})
                ],
                "representative": "CEO",
                "beneficial_owners": "Aurora Holding (100 %)",
            }
        )
        lead.invalidate_recordset(["law_intake_step"])
        self.assertEqual(lead.law_intake_step, "engagement")
        with Form(lead.with_user(lawyer)) as form:
            form.law_engagement_letter_date = fields.Date.today()
        self.assertEqual(lead.law_intake_step, "ready")

        action = lead.with_user(lawyer).action_law_create_matter()
        matter = self.env["project.project"].browse(action["res_id"])
        self.assertEqual(lead.law_matter_id, matter)
        self.assertEqual(lead.law_intake_step, "matter")
        self.assertEqual((matter.partner_id, matter.law_lead_id), (new_client, lead))
        self.assertEqual(matter.party_ids.partner_id, self.former)
        self.assertEqual(matter.state, "intake")
        checks = self.env["law.conflict.check"].search(matter._law_conflict_checks_domain())
        self.assertEqual(checks, check)
        matter.with_user(lawyer).action_open_matter()
        self.assertEqual(matter.state, "open")

    def test_declined_inquiry(self):
        lead = self.env["crm.lead"].create({"name": "Hopeless", "partner_id": self.prospect.id})
        reason = self.env["crm.lost.reason"].create({"name": "Conflict of interest"})
        lead.action_set_lost(lost_reason_id=reason.id)
        self.assertEqual(lead.law_intake_step, "declined")
