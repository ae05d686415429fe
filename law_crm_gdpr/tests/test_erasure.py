import io
import os
import zipfile
from contextlib import contextmanager
from datetime import date, datetime, time

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import SQL

from .common import GdprCommon

TODAY = date(2026, 12, 4)  # the day the plans below are executed


@contextmanager
def on(when):
    with freeze_time(datetime.combine(when, time(9, 0))):
        yield


class ErasureCommon(GdprCommon):
    """A person with data everywhere, and the scans that look for them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Log = cls.env["law.gdpr.log"]
        cls.Plan = cls.env["law.gdpr.erasure.plan"]
        cls.has_accounting = "account.move" in cls.env
        # Nothing else of the demo data may be acted on by the retention cron here.
        cls.env["law.gdpr.retention.policy"].search([]).filtered(
            lambda p: p.model_name != "law.kyc"
        ).active = False
        cls.env.ref("law_crm_gdpr.retention_policy_aml").domain = "[('id', '=', 0)]"

    @classmethod
    def make_person(cls, name, email, phone, street, national_id):
        person = cls.env["res.partner"].create(
            {
                "name": name,
                "email": email,
                "street": street,
                "zip": "0150",
                "city": "Oslo",
                "national_id_number": national_id,
                "comment": f"<p>{name} prefers letters.</p>",
                "website": "https://example.no/~signe",
                "other_name_ids": [Command.create({"name": f"{name.split()[0]} Olsdatter"})],
            }
        )
        # A tracked change: a tracking value with the old and new phone.
        person.phone = phone
        person.message_post(body=f"<p>{name} called about the will.</p>")
        return person

    @classmethod
    def make_kyc(cls, person, ended):
        kyc = cls.env["law.kyc"].create(
            {
                "partner_id": person.id,
                "full_name": person.name,
                "address": person.street,
                "verification_method": "bankid",
                "date_verified": date(2024, 1, 10),
                "date_relationship_end": ended,
            }
        )
        kyc.national_id_entry = person.sudo().national_id_number
        return kyc

    @classmethod
    def make_invoice(cls, person):
        company = cls.env.company
        if not company.chart_template:
            cls.env["account.chart.template"].try_loading("no", company, install_demo=False)
        invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": person.id,
                "invoice_date": date(2026, 3, 15),
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Estate settlement, 2 hours", "quantity": 2, "price_unit": 1500}
                    )
                ],
            }
        )
        invoice.action_post()
        return invoice

    def terms(self, person):
        person = person.sudo()
        return [
            person.name,
            person.email,
            person.phone,
            person.national_id_number,
            person.street,
        ]

    def _kept_rows(self, plan):
        """{(table, id)} of the records the plan lists as kept and pending; a
        message's tracking values are part of the message."""
        allowed = set()
        for line in plan.line_ids.filtered(
            lambda line: line.decision == "keep" and line.state == "pending"
        ):
            ids = line._ids_list()
            allowed.update((self.env[line.res_model]._table, rid) for rid in ids)
            if line.res_model == "mail.message":
                self.env.cr.execute(
                    "SELECT id FROM mail_tracking_value WHERE mail_message_id = ANY(%s)", [ids]
                )
                allowed.update(("mail_tracking_value", row[0]) for row in self.env.cr.fetchall())
                self.env.cr.execute(
                    "SELECT id FROM mail_mail WHERE mail_message_id = ANY(%s)", [ids]
                )
                allowed.update(("mail_mail", row[0]) for row in self.env.cr.fetchall())
        return allowed

    def db_traces(self, terms, allowed=frozenset()):
        """[(table, column, id)] of every text, varchar and jsonb value in the
        database that contains one of ``terms``, but for ``allowed`` rows."""
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            """
            SELECT c.table_name, array_agg(c.column_name::text),
                   bool_or(c.column_name = 'id')
              FROM information_schema.columns c
              JOIN information_schema.tables t
                ON t.table_schema = c.table_schema AND t.table_name = c.table_name
             WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
               AND (c.data_type IN ('text', 'character varying', 'jsonb')
                    OR c.column_name = 'id')
             GROUP BY c.table_name
            """
        )
        patterns = [f"%{term}%" for term in terms if term]
        found = []
        for table, all_columns, has_id in cr.fetchall():
            columns = [c for c in all_columns if c != "id"]
            if not columns:
                continue
            key = SQL.identifier("id") if has_id else SQL("NULL::int")
            for column in columns:
                cr.execute(
                    SQL(
                        "SELECT %s FROM %s WHERE %s::text ILIKE ANY(%s)",
                        key,
                        SQL.identifier(table),
                        SQL.identifier(column),
                        patterns,
                    )
                )
                found += [
                    (table, column, row[0])
                    for row in cr.fetchall()
                    if (table, row[0]) not in allowed
                ]
        return found

    def file_traces(self, terms, allowed_attachments=frozenset()):
        """[attachment id] of every filestore file of an attachment that
        contains one of ``terms`` (zip archives are opened)."""
        Attachment = self.env["ir.attachment"].sudo()
        self.env.cr.execute(
            "SELECT id, store_fname FROM ir_attachment WHERE store_fname IS NOT NULL"
        )
        needles = [term.encode() for term in terms if term]
        found = []
        for attachment_id, fname in self.env.cr.fetchall():
            path = Attachment._full_path(fname)
            if attachment_id in allowed_attachments or not os.path.isfile(path):
                continue
            with open(path, "rb") as file:
                contents = [file.read()]
            if zipfile.is_zipfile(io.BytesIO(contents[0])):
                with zipfile.ZipFile(io.BytesIO(contents[0])) as archive:
                    contents += [archive.read(name) for name in archive.namelist()]
            if any(needle in content for content in contents for needle in needles):
                found.append(attachment_id)
        return found

    def run_cron(self, xmlid):
        with self.enter_registry_test_mode():
            self.env.ref(xmlid).method_direct_trigger()
        self.env.invalidate_all()

    def last(self):
        return self.Log.search([], limit=1).sequence


@tagged("post_install", "-at_install")
class TestErasure(ErasureCommon):
    """Erasure plan and execution of a person with data everywhere: a case
    file under a legal hold, due diligence and (with accounting) a posted
    invoice are kept; everything else goes, and a scan of every text column
    and every file finds nothing of them outside what the plan keeps."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        person = cls.signe = cls.make_person(
            "Signe Erasmussen",
            "signe.erasmussen@example.no",
            "+47 912 34 567",
            "Gravdalsveien 17",
            "15076500565",
        )
        # Counterparty in another client's matter: party line, her email with
        # a file, a lawyer's note naming her, an activity, a logged call.
        matter = cls.matter
        cls.party = cls.env["law.matter.party"].create(
            {
                "matter_id": matter.id,
                "partner_id": person.id,
                "role": "witness",
                "note": "Neighbour of the client, saw the water damage",
            }
        )
        cls.letter = cls.env["ir.attachment"].create(
            {
                "name": "letter-from-signe.txt",
                "raw": b"Signe Erasmussen, Gravdalsveien 17: I saw the leak on 3 May.",
                "res_model": "project.project",
                "res_id": matter.id,
            }
        )
        cls.email = matter.message_post(
            body="<p>I saw the leak on 3 May. Regards, Signe Erasmussen</p>",
            subject="Statement from Signe Erasmussen",
            message_type="email",
            author_id=person.id,
            email_from="Signe Erasmussen <signe.erasmussen@example.no>",
            attachment_ids=cls.letter.ids,
        )
        cls.note = matter.with_user(cls.responsible).message_post(
            body="<p>Call Signe Erasmussen on +47 912 34 567 before the hearing.</p>",
            partner_ids=person.ids,
            subtype_xmlid="mail.mt_note",
        )
        cls.activity = matter.activity_schedule(
            "mail.mail_activity_data_todo",
            summary="Witness statement: Signe Erasmussen",
            user_id=cls.responsible.id,
        )
        cls.call = cls.env["law.correspondence"].create(
            {
                "matter_id": matter.id,
                "kind": "phone",
                "subject": "Call with Signe Erasmussen",
                "summary": "<p>Signe Erasmussen confirmed the date.</p>",
                "partner_ids": [Command.link(person.id)],
            }
        )
        cls.event = cls.env["calendar.event"].create(
            {
                "name": "Interview Signe Erasmussen",
                "start": datetime(2026, 11, 2, 10, 0),
                "stop": datetime(2026, 11, 2, 11, 0),
                "partner_ids": [Command.link(person.id)],
            }
        )
        # A party in a matter under a legal hold: kept whole.
        cls.held_party = cls.env["law.matter.party"].create(
            {"matter_id": cls.walled.id, "partner_id": person.id, "role": "witness"}
        )
        cls.held_message = cls.walled.message_post(
            body="<p>Signe Erasmussen will testify.</p>", subtype_xmlid="mail.mt_note"
        )
        cls.hold = cls.env["law.gdpr.hold"].create(
            {"matter_id": cls.walled.id, "reason": "Lawsuit pending"}
        )
        cls.kyc = cls.make_kyc(person, date(2026, 9, 30))
        cls.give_consent(person, cls.marketing)
        cls.invoice = cls.make_invoice(person) if cls.has_accounting else None
        cls.request = (
            cls.env["law.gdpr.request"]
            .with_user(cls.compliance)
            .create({"kind": "erasure", "partner_id": person.id, "received_date": TODAY})
        )
        export = (
            cls.env["law.gdpr.export"]
            .with_user(cls.compliance)
            .create({"partner_id": person.id, "request_id": cls.request.id})
        )
        export.with_user(cls.compliance).action_run_now()
        cls.export = export

    def _plan(self):
        with on(TODAY):
            action = self.request.with_user(self.compliance).action_erasure_plan()
        return self.Plan.browse(action["res_id"])

    def _line(self, plan, model, decision, category=None):
        return plan.line_ids.filtered(
            lambda line: line.res_model == model
            and line.decision == decision
            and (category is None or line.category == category)
        )

    def test_plan_lists_what_is_kept_why_and_until_when(self):
        plan = self._plan()
        self.assertEqual(plan.state, "draft")
        self.assertEqual(plan.request_id, self.request)
        self.assertEqual(self.request.state, "in_progress")
        # Due diligence: 5 years after the relationship ended, from the AML policy.
        kyc_line = self._line(plan, "law.kyc", "keep")
        self.assertEqual(kyc_line._ids_list(), self.kyc.ids)
        self.assertEqual(kyc_line.category, "aml")
        self.assertEqual(kyc_line.keep_until, date(2031, 9, 30))
        self.assertEqual(kyc_line.policy_id, self.env.ref("law_crm_gdpr.retention_policy_aml"))
        self.assertIn("hvitvaskingsloven", kyc_line.obligation)
        # The held matter and what hangs off it: kept under the hold, no date.
        held = plan.line_ids.filtered(lambda line: line.hold_id == self.hold)
        held_ids = {(line.res_model, rid) for line in held for rid in line._ids_list()}
        self.assertIn(("law.matter.party", self.held_party.id), held_ids)
        self.assertIn(("mail.message", self.held_message.id), held_ids)
        self.assertFalse(any(held.mapped("keep_until")))
        # Another client's matter is not kept for her: erased now.
        erased = {
            (line.res_model, rid)
            for line in plan.line_ids.filtered(lambda line: line.decision == "erase")
            for rid in line._ids_list()
        }
        for record in (self.party, self.email, self.note, self.call, self.event, self.export):
            self.assertIn((record._name, record.id), erased)
        # She is named in the held file: kept as she is (restricted) meanwhile.
        person_line = self._line(plan, "res.partner", "keep", "person")
        self.assertEqual(person_line.partner_fields, "*")
        if self.has_accounting:
            invoice_line = self._line(plan, "account.move", "keep")
            self.assertEqual(invoice_line._ids_list(), self.invoice.ids)
            self.assertEqual(invoice_line.category, "billing_primary")
            self.assertEqual(invoice_line.keep_until, date(2031, 12, 31))
            self.assertIn("bokføringsloven", invoice_line.obligation)
            self.assertEqual(
                self._line(plan, "account.move.line", "keep").keep_until, date(2031, 12, 31)
            )
        self.assertIn(
            "erasure_planned",
            self.Log.search([("request_id", "=", self.request.id)]).mapped("event"),
        )
        # Nothing was done yet.
        self.assertEqual(self.signe.name, "Signe Erasmussen")
        self.assertTrue(self.letter.exists())

    def test_execute_leaves_no_trace_outside_what_is_kept(self):
        terms = self.terms(self.signe)
        self.assertTrue(self.db_traces(terms), "the scan finds her before the erasure")
        letter_path = self.letter._full_path(self.letter.store_fname)
        archive = self.export.attachment_id
        archive_path = archive._full_path(archive.store_fname)
        self.assertTrue(os.path.isfile(letter_path) and os.path.isfile(archive_path))
        start = self.last()
        plan = self._plan()
        with on(TODAY):
            plan.with_user(self.compliance).action_execute()
        self.assertEqual(plan.state, "kept")
        self.assertEqual(plan.executed_by_id, self.compliance)

        # Nothing of her outside the records the plan keeps, in the database...
        allowed = self._kept_rows(plan)
        self.assertEqual(self.db_traces(terms, allowed), [])
        # ... nor in any file, and her files are gone from the filestore.
        self.assertFalse(self.letter.exists())
        self.assertFalse(os.path.exists(letter_path))
        self.assertFalse(archive.exists())
        self.assertFalse(os.path.exists(archive_path))
        self.assertEqual(self.file_traces(terms), [])

        # What stays of other people's data: the matter, the messages, the party line.
        self.assertTrue(self.email.exists() and self.note.exists() and self.party.exists())
        self.assertEqual(self.party.partner_id, self.signe)
        self.assertFalse(self.party.note)
        self.assertIn("[anonymised]", self.note.body)
        self.assertIn("before the hearing", self.note.body)
        self.assertIn("[anonymised]", self.activity.summary)
        # The held file is untouched; she is restricted while it is kept.
        self.assertIn("Signe Erasmussen", self.held_message.body)
        self.assertTrue(self.held_party.exists())
        self.assertTrue(self.kyc.exists())
        self.assertTrue(self.signe.law_gdpr_restricted)

        entries = self.Log.search([("sequence", ">", start)])
        events = set(entries.mapped("event"))
        self.assertTrue(
            {"erasure_executed", "erasure_anonymise", "erasure_delete", "erasure_kept"} <= events
        )
        deleted = entries.filtered(lambda e: e.event == "erasure_delete")
        self.assertIn("ir.attachment", deleted.mapped("res_model"))
        self.assertTrue(
            all(e.request_id == self.request for e in entries if e.event != "restriction_set")
        )
        # The log itself holds nothing of her.
        self.assertFalse([t for t in self.db_traces(terms) if t[0] == "law_gdpr_log"])
        self.assertIsNone(self.Log._first_break())
        self.assertIn("executed", self.request.action_taken)

        # When the hold is released, the cron erases the held part.
        self.hold.release_reason = "Case settled"
        self.hold.action_release()
        with on(date(2026, 12, 5)):
            self.run_cron("law_crm_gdpr.ir_cron_law_gdpr_erasure_due")
        self.assertNotIn("Signe Erasmussen", self.held_message.body)
        self.assertEqual(self.db_traces(terms, self._kept_rows(plan)), [])
        self.assertFalse(self.signe.email)
        # Her name stays only while a posted invoice needs it.
        self.assertEqual(self.signe.name == "Signe Erasmussen", self.has_accounting)

    def test_lawyer_cannot_plan_or_execute(self):
        lawyer = self.responsible
        with self.assertRaises(AccessError):
            self.Plan.with_user(lawyer).create({"partner_id": self.signe.id})
        with self.assertRaises(AccessError):
            self.signe.with_user(lawyer).action_law_gdpr_erasure_plan()
        plan = self._plan()
        with self.assertRaises(AccessError):
            plan.with_user(lawyer).action_execute()
        with self.assertRaises(AccessError):
            plan.line_ids.with_user(lawyer).read(["record_ids"])
        self.assertEqual(plan.state, "draft")
        self.assertEqual(self.signe.name, "Signe Erasmussen")


@tagged("post_install", "-at_install")
class TestErasureRetentionDates(ErasureCommon):
    """Statutory retention beats erasure, then ends: due diligence goes 5
    years after the relationship ended, a posted invoice keeps the buyer's
    name and address until the end of its 5th financial year, then goes
    (the invoice only with Odoo accounting, which law_crm_gdpr does not
    depend on: installed with the billing bridge)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ragnhild = cls.make_person(
            "Ragnhild Bokholt",
            "ragnhild.bokholt@example.no",
            "+47 934 56 789",
            "Kjøpmannsgata 3",
            "29029600013",
        )
        cls.kyc = cls.make_kyc(cls.ragnhild, date(2026, 9, 30))
        cls.invoice = cls.make_invoice(cls.ragnhild) if cls.has_accounting else None

    def test_kept_parts_go_after_their_date(self):
        person = self.ragnhild
        name_terms = [person.name, person.street]
        contact_terms = [person.email, person.phone, person.sudo().national_id_number]
        with on(TODAY):
            plan = self.Plan.with_user(self.compliance).create({"partner_id": person.id})
            plan.with_user(self.compliance).action_execute()
        self.assertEqual(plan.state, "kept")
        self.assertEqual(plan.next_erasure_date, date(2031, 9, 30))
        kyc_rows = self._kept_rows(plan)
        # Contact details are gone at once, except from the due diligence record.
        kyc_only = {row for row in kyc_rows if row[0] != "account_move"}
        self.assertEqual(
            [t for t in self.db_traces(contact_terms, kyc_only) if t[0] != "res_partner"], []
        )
        self.assertFalse(person.email or person.phone)
        if self.has_accounting:
            # The invoice's buyer: name and address kept, restricted.
            self.assertEqual(person.name, "Ragnhild Bokholt")
            self.assertEqual(person.street, "Kjøpmannsgata 3")
            self.assertTrue(person.law_gdpr_restricted)
            self.assertEqual(self.invoice.invoice_partner_display_name, "Ragnhild Bokholt")
        self.assertEqual(self.db_traces(name_terms + contact_terms, kyc_rows), [])

        start = self.last()
        with on(date(2031, 9, 30)):
            self.run_cron("law_crm_gdpr.ir_cron_law_gdpr_erasure_due")
        self.assertTrue(self.kyc.exists(), "kept through 30 September 2031")
        with on(date(2031, 10, 1)):
            self.run_cron("law_crm_gdpr.ir_cron_law_gdpr_erasure_due")
        self.assertFalse(self.kyc.exists())
        deleted = self.Log.search([("sequence", ">", start), ("event", "=", "erasure_delete")])
        self.assertIn("law.kyc", deleted.mapped("res_model"))
        self.assertEqual(self.db_traces(contact_terms), [], "nothing of her contact details left")

        if self.has_accounting:
            self.assertEqual(plan.state, "kept")
            with on(date(2031, 12, 31)):
                self.run_cron("law_crm_gdpr.ir_cron_law_gdpr_erasure_due")
            self.assertEqual(self.invoice.invoice_partner_display_name, "Ragnhild Bokholt")
            with on(date(2032, 1, 1)):
                self.run_cron("law_crm_gdpr.ir_cron_law_gdpr_erasure_due")
            self.assertTrue(self.invoice.exists(), "the voucher stays, without her")
            self.assertNotIn("Ragnhild", self.invoice.invoice_partner_display_name or "")
        self.assertEqual(plan.state, "done")
        self.assertNotIn("Ragnhild", person.name)
        self.assertFalse(person.active)
        self.assertEqual(self.db_traces(name_terms + contact_terms), [])
        self.assertEqual(self.file_traces(name_terms + contact_terms), [])
        self.assertIsNone(self.Log._first_break())


@tagged("post_install", "-at_install")
class TestAnonymisePolicy(ErasureCommon):
    """A retention policy that anonymises persons, in the resumable cron."""

    def test_policy_anonymises_due_persons_in_batches(self):
        people = self.env["res.partner"].create(
            [{"name": f"Prospect Villemo {n}", "email": f"villemo{n}@example.no"} for n in range(5)]
        )
        for person in people:
            person.message_post(body=f"<p>{person.name} asked about fees.</p>")
        parties = self.env["law.matter.party"].create(
            [
                {"matter_id": self.matter.id, "partner_id": p.id, "role": "related", "note": "x"}
                for p in people
            ]
        )
        held = people[0]
        self.env["law.gdpr.hold"].create({"partner_id": held.id, "reason": "Complaint"})
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE res_partner SET write_date = '2020-01-01' WHERE id = ANY(%s)", [people.ids]
        )
        policy = self.env["law.gdpr.retention.policy"].create(
            {
                "name": "Test: anonymise prospects",
                "category": "prospect",
                "model_name": "res.partner",
                "domain": f"[('id', 'in', {people.ids})]",
                "date_field": "write_date",
                "period_years": 3,
                "action": "anonymise",
                "needs_approval": False,
                "batch_size": 2,
                "legal_basis": "No purpose any more",
            }
        )
        start = self.last()
        with on(date(2026, 1, 1)):
            self.run_cron("law_crm_gdpr.ir_cron_law_gdpr_retention")
        due = people - held
        self.assertEqual(held.name, "Prospect Villemo 0", "a legal hold protects the person")
        self.assertFalse([p for p in due if "Villemo" in p.name or p.email])
        self.assertFalse(
            self.env["mail.message"].search(
                [("model", "=", "res.partner"), ("res_id", "in", due.ids)]
            )
        )
        self.assertEqual(parties.exists(), parties, "other people's matter keeps its party lines")
        self.assertEqual(self.db_traces([f"Villemo {n}" for n in range(1, 5)] + ["villemo1@"]), [])
        entries = self.Log.search([("sequence", ">", start), ("policy_id", "=", policy.id)])
        anonymised = entries.filtered(lambda e: e.event == "retention_anonymise")
        self.assertEqual(sum(anonymised.mapped("record_count")), 4)
        self.assertEqual(len(anonymised), 2, "two batches of two")
        self.assertIn("erasure_delete", entries.mapped("event"))
        self.assertEqual(set(policy.run_ids.item_ids.mapped("state")), {"done"})
        self.assertIsNone(self.Log._first_break())
