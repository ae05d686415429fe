import xmlrpc.client

from odoo import Command
from odoo.addons.law_crm.tests.common import LawCrmHttpCommon
from odoo.addons.rpc.controllers.xmlrpc import RPC_FAULT_CODE_ACCESS_ERROR
from odoo.tests import tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install", "law_security")
class TestAccessReviewHttp(LawCrmHttpCommon):
    """From outside: a lawyer cannot read access reviews or their lines over
    XML-RPC, nor decide a line; the compliance officer can."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.review = (
            cls.env["law.gdpr.access.review"]
            .with_user(cls.compliance)
            .create({"name": "Review", "reviewer_ids": [Command.link(cls.compliance.id)]})
        )
        cls.review.action_start()
        cls.line = cls.review.line_ids.filtered(
            lambda line: line.user_id == cls.assistant and line.matter_id == cls.matter
        )

    def test_lawyer_refused_over_xmlrpc(self):
        calls = [
            ("law.gdpr.access.review", "search_read", ([],)),
            ("law.gdpr.access.review", "create", ({"name": "Mine"},)),
            ("law.gdpr.access.review.line", "search_read", ([],)),
            ("law.gdpr.access.review.line", "read", (self.line.ids, ["user_id"])),
            ("law.gdpr.access.review.line", "action_confirm", (self.line.ids,)),
        ]
        for user in (self.responsible, self.partner_other, self.admin_out):
            for model, method, args in calls:
                with (
                    self.subTest(user=user.login, model=model, method=method),
                    mute_logger("odoo.http"),
                    self.assertRaises(xmlrpc.client.Fault) as caught,
                ):
                    self.rpc(user, model, method, *args)
                self.assertEqual(caught.exception.faultCode, RPC_FAULT_CODE_ACCESS_ERROR)
        self.assertEqual(self.line.decision, "pending")
        rows = self.rpc(
            self.compliance,
            "law.gdpr.access.review.line",
            "search_read",
            [["id", "=", self.line.id]],
            ["via_team", "decision"],
        )
        self.assertEqual(rows[0]["via_team"], True)
        self.rpc(self.compliance, "law.gdpr.access.review.line", "action_confirm", self.line.ids)
        self.line.invalidate_recordset()
        self.assertEqual(self.line.decision, "confirmed")
