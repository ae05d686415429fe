from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from . import test_need_to_know_http as need_to_know_http
from .common import LawCrmCommon, LawCrmHttpCommon


@tagged("post_install", "-at_install", "law_security", "law_conflict")
class TestConflictNeedToKnow(LawCrmCommon):
    """Conflict checks, their subjects and hits, and due diligence records
    are closed, on every ORM path, to users who may not see their matter or
    client; and open to those who may (so no test passes vacuously)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Check = cls.env["law.conflict.check"]
        # A check of the confidential matter, run by its responsible lawyer:
        # its hits name the matter's client and counterparty.
        cls.check = Check.with_user(cls.responsible)._create_and_run(
            [(cls.secret_client, "client"), (cls.counterparty, "counterparty")],
            matter=cls.confidential,
        )
        assert cls.check.hit_ids, "the check must find something for the test to mean anything"
        cls.kyc = cls.env["law.kyc"].create(
            {"partner_id": cls.secret_client.id, "full_name": "Eva Secret"}
        )
        cls.records = {
            "law.conflict.check": cls.check,
            "law.conflict.subject": cls.check.subject_ids,
            "law.conflict.hit": cls.check.hit_ids,
            "law.kyc": cls.kyc,
        }

    def assert_hidden(self, user, records):
        Model = self.env[records._name].with_user(user)
        if not Model.has_access("read"):
            with self.assertRaises(AccessError):
                Model.search([("id", "in", records.ids)])
            return
        domain = [("id", "in", records.ids)]
        self.assertFalse(Model.search(domain), "search")
        self.assertFalse(Model.search_read(domain, ["display_name"]), "search_read")
        self.assertFalse(Model._read_group(domain, [], ["__count"])[0][0], "_read_group")
        self.assertFalse(
            Model.formatted_read_group(domain, [], ["__count"])[0]["__count"],
            "formatted_read_group",
        )
        self.assertFalse(
            {r[0] for r in Model.name_search("", limit=1000)} & set(records.ids), "name_search"
        )
        for record in records:
            with self.assertRaises(AccessError, msg="read by id"):
                record.with_user(user).read(["display_name"])
            with self.assertRaises(AccessError, msg="export_data"):
                record.with_user(user).export_data(["display_name"])

    def assert_visible(self, user, records):
        Model = self.env[records._name].with_user(user)
        self.assertEqual(Model.search([("id", "in", records.ids)]), records)
        records.with_user(user).read(["display_name"])

    def test_outsiders_see_nothing(self):
        for user in (self.lawyer_out, self.partner_other, self.admin_out):
            for model, records in self.records.items():
                with self.subTest(user=user.login, model=model):
                    self.assert_hidden(user, records)

    def test_insiders_see_it(self):
        for model, records in self.records.items():
            with self.subTest(model=model):
                self.assert_visible(self.responsible, records)
        for model in ("law.conflict.check", "law.conflict.subject", "law.kyc"):
            with self.subTest(model=model, user="compliance"):
                self.assert_visible(self.compliance, self.records[model])

    def test_hits_in_walled_matter_hidden_inside_a_visible_check(self):
        """A partner may see an intake check (no matter yet) but not its hit
        in a matter behind the partner's wall; a check run by a walled user
        stores the hit redacted."""
        check = (
            self.env["law.conflict.check"]
            .with_user(self.partner_other)
            ._create_and_run([(self.client, "counterparty")])
        )
        walled_hits = check.hit_ids.filtered(lambda h: h.matter_id == self.walled)
        self.assertTrue(walled_hits)
        self.assert_visible(self.partner_walled, check)
        self.assert_hidden(self.partner_walled, walled_hits)
        visible = check.with_user(self.partner_walled).hit_ids
        self.assertTrue(visible)
        self.assertFalse(visible & walled_hits)
        # The walled partner cannot decide a check with hits it cannot see.
        check.decision_reason = "Fine"
        with self.assertRaisesRegex(Exception, "may not see"):
            check.with_user(self.partner_walled).action_clear()

    def test_hit_names_nothing_hidden_from_the_user_who_ran_it(self):
        check = (
            self.env["law.conflict.check"]
            .with_user(self.lawyer_out)
            ._create_and_run([(self.counterparty, "client")])
        )
        redacted = check.hit_ids.filtered("restricted")
        self.assertEqual(len(redacted), len(self.matter | self.hidden_matters))
        text = str(check.hit_ids.read()) + str(check.hit_ids.export_data(["summary"]))
        for matter in self.matter | self.hidden_matters:
            self.assertNotIn(matter.name, text)
        self.assertNotIn(self.secret_client.name, text)
        self.assertNotIn(self.client.name, text)

    def test_no_write_on_hits_or_through_rpc_fields(self):
        with self.assertRaises(AccessError):
            self.env["law.conflict.hit"].with_user(self.responsible).sudo(False).create(
                {"check_id": self.check.id, "classification": "none"}
            )
        check = (
            self.env["law.conflict.check"]
            .with_user(self.responsible)
            .create({"subject_ids": [Command.create({"name": "Test", "role": "client"})]})
        )
        with self.assertRaisesRegex(Exception, "cannot be written directly"):
            check.write({"state": "cleared", "decided_by_id": self.responsible.id})


@tagged("post_install", "-at_install", "law_security", "law_conflict")
class TestConflictNeedToKnowHttp(LawCrmHttpCommon):
    """The same over XML-RPC, against the running test server."""

    rpc = need_to_know_http.TestNeedToKnowHttp.rpc
    assert_rpc_denied = need_to_know_http.TestNeedToKnowHttp.assert_rpc_denied

    def test_rpc(self):
        check = (
            self.env["law.conflict.check"]
            .with_user(self.responsible)
            ._create_and_run(
                [(self.secret_client, "client"), (self.counterparty, "counterparty")],
                matter=self.confidential,
            )
        )
        kyc = self.env["law.kyc"].create({"partner_id": self.secret_client.id})
        records = [check, check.subject_ids, check.hit_ids, kyc]
        self.assertTrue(check.hit_ids)
        for records_ in records:
            ids = records_.ids
            self.assertEqual(
                len(self.rpc(self.responsible, records_._name, "search_read", [("id", "in", ids)])),
                len(ids),
            )
            for user in (self.lawyer_out, self.partner_other):
                with self.subTest(model=records_._name, user=user.login):
                    rows = self.rpc(user, records_._name, "search_read", [("id", "in", ids)])
                    self.assertEqual(rows, [])
                    self.assert_rpc_denied(user, records_._name, "read", ids, ["display_name"])
