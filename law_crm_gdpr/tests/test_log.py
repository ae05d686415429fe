import psycopg2.errors

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from ..hashchain import entry_hash
from ..models.law_gdpr_log import HEAD_TABLE
from .common import GdprCommon


@tagged("post_install", "-at_install")
class TestGdprLog(GdprCommon):
    """The append-only, hash-chained log: written by the events, never by
    the ORM, and any change made behind the ORM is detected."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Log = cls.env["law.gdpr.log"]

    def _new_entries(self, since):
        return self.Log.search([("sequence", ">", since)], order="sequence")

    def _last_sequence(self):
        return self.Log.search([], limit=1).sequence

    def test_events_of_consent_objection_and_export_are_logged(self):
        start = self._last_sequence()
        consent = self.give_consent(self.person, self.marketing)
        consent.action_withdraw()
        basis = self.env["law.gdpr.legal.basis"].create(
            {
                "partner_id": self.person.id,
                "purpose_id": self.client_matters.id,
                "basis": "contract",
                "justification": "Engagement letter",
            }
        )
        basis.action_object()
        export = self.env["law.gdpr.export"].create({"partner_id": self.person.id})
        export._run_export()
        entries = self._new_entries(start)
        self.assertEqual(
            entries.mapped("event"),
            ["consent_given", "consent_withdrawn", "objection", "export"],
        )
        self.assertEqual(entries[0].res_model, "law.gdpr.consent")
        self.assertEqual(entries[0].record_ids, str(consent.id))
        self.assertEqual(entries[3].record_count, 1)
        self.assertEqual(set(entries.user_id.ids), {self.env.uid})
        # No personal data of the person: only ids, counts and codes.
        for entry in entries.read([]):
            for value in entry.values():
                self.assertNotIn("Marit", str(value))
                self.assertNotIn("marit.testesen", str(value))
        self.assertIsNone(self.Log._first_break())

    def test_each_hash_covers_the_previous_one(self):
        start = self._last_sequence()
        for purpose in (self.marketing, self.client_matters):
            self.give_consent(self.person, purpose)
        first, second = self._new_entries(start)
        self.assertEqual(second.prev_hash, first.hash)
        self.assertEqual(second.sequence, first.sequence + 1)
        self.assertEqual(len(second.hash), 64)

    def _tampered(self, statement, *args):
        """The chain is intact, then ``statement`` runs as raw SQL; returns the break."""
        self.assertIsNone(self.Log._first_break())
        self.env.flush_all()
        self.env.cr.execute(SQL(statement, *args))
        self.env.invalidate_all()
        return self.Log._first_break()

    def test_entry_changed_with_sql_is_detected(self):
        start = self._last_sequence()
        for purpose in (self.marketing, self.client_matters):
            self.give_consent(self.person, purpose)
        first, _second = self._new_entries(start)
        broken = self._tampered("UPDATE law_gdpr_log SET record_count = 0 WHERE id = %s", first.id)
        self.assertEqual(broken, first.sequence)
        action = self.Log.action_verify_chain()
        self.assertEqual(action["params"]["type"], "danger")
        self.assertIn(str(first.sequence), action["params"]["message"])

    def test_entry_rehashed_with_sql_breaks_the_next_link(self):
        start = self._last_sequence()
        for purpose in (self.marketing, self.client_matters):
            self.give_consent(self.person, purpose)
        first, second = self._new_entries(start)
        # A forger who recomputes the changed entry's own hash still breaks
        # the link from the next entry.
        content = {
            "sequence": first.sequence,
            "logged_at": str(first.logged_at),
            "user_id": first.user_id.id,
            "company_id": first.company_id.id,
            "event": "consent_withdrawn",
            "res_model": first.res_model,
            "record_count": first.record_count,
            "record_ids": first.record_ids,
            "policy_id": None,
            "request_id": None,
            "hold_id": None,
        }
        forged = entry_hash(first.prev_hash, content)
        broken = self._tampered(
            "UPDATE law_gdpr_log SET event = 'consent_withdrawn', hash = %s WHERE id = %s",
            forged,
            first.id,
        )
        self.assertEqual(broken, second.sequence)

    def test_entry_deleted_with_sql_is_detected(self):
        start = self._last_sequence()
        for purpose in (self.marketing, self.client_matters, self.marketing):
            self.give_consent(self.person, purpose)
        _first, second, third = self._new_entries(start)
        broken = self._tampered("DELETE FROM law_gdpr_log WHERE id = %s", second.id)
        self.assertEqual(broken, third.sequence)

    def test_intact_chain_verifies(self):
        self.give_consent(self.person, self.marketing)
        action = self.Log.with_user(self.compliance).action_verify_chain()
        self.assertEqual(action["params"]["type"], "success")

    def test_orm_cannot_create_write_or_unlink_for_anyone(self):
        self.give_consent(self.person, self.marketing)
        entry = self.Log.search([], limit=1)
        users = [self.compliance, self.responsible, self.partner_other, self.admin_out]
        for user in users:
            with self.subTest(user=user.login):
                with self.assertRaises(UserError):  # AccessError is a UserError
                    self.Log.with_user(user).create({"event": "export"})
                with self.assertRaises(UserError):  # AccessError is a UserError
                    entry.with_user(user).write({"record_count": 0})
                with self.assertRaises(UserError):  # AccessError is a UserError
                    entry.with_user(user).unlink()
        # Not even the superuser.
        with self.assertRaises(UserError):
            self.Log.sudo().create({"event": "export"})
        with self.assertRaises(UserError):
            entry.sudo().write({"record_count": 0})
        with self.assertRaises(UserError):
            entry.sudo().unlink()
        with self.assertRaises(UserError):
            entry.sudo().copy()
        self.assertTrue(entry.exists())
        self.assertIsNone(self.Log._first_break())

    def test_appending_holds_the_chain_lock_until_commit(self):
        self.give_consent(self.person, self.marketing)
        # Another worker (its own connection) cannot move the chain's head
        # while this transaction, which appended, is open: it would wait.
        with (
            self.registry.cursor() as other,
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.LockNotAvailable),
        ):
            other.execute(
                SQL("SELECT 1 FROM %s WHERE id = 1 FOR UPDATE NOWAIT", SQL.identifier(HEAD_TABLE))
            )

    def test_log_readable_by_compliance_only(self):
        self.give_consent(self.person, self.marketing)
        self.assertTrue(self.Log.with_user(self.compliance).search([]))
        for user in (self.responsible, self.partner_other, self.admin_out, self.assistant):
            with self.subTest(user=user.login):
                self.assert_hidden(user, self.Log.search([], limit=3))
                with self.assertRaises(AccessError):
                    self.Log.with_user(user).formatted_read_group([], [], ["__count"])
                with self.assertRaises(AccessError):
                    self.Log.with_user(user).name_search("")
