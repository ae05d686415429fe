import xmlrpc.client

from odoo.addons.law_crm.tests.common import LawCrmHttpCommon
from odoo.tests import tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install", "law_security")
class TestGdprLogHttp(LawCrmHttpCommon):
    """Over XML-RPC nobody, administrators and compliance included, writes
    the GDPR log; the private append method is not reachable."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["law.gdpr.hold"].create({"matter_id": cls.matter.id, "reason": "Litigation"})
        cls.entry = cls.env["law.gdpr.log"].search([], limit=1)

    def test_nobody_writes_the_log_over_xmlrpc(self):
        attempts = [
            ("create", ({"event": "export", "record_count": 1},)),
            ("write", ([self.entry.id], {"record_count": 0})),
            ("unlink", ([self.entry.id],)),
            ("copy", ([self.entry.id],)),
            ("_append", ("export",)),
        ]
        for user in (self.admin_out, self.compliance, self.responsible):
            for method, args in attempts:
                with (
                    self.subTest(user=user.login, method=method),
                    mute_logger("odoo.http"),
                    self.assertRaises(xmlrpc.client.Fault),
                ):
                    self.rpc(user, "law.gdpr.log", method, *args)
        self.env.invalidate_all()
        self.assertEqual(self.entry.record_count, 1)
        self.assertIsNone(self.env["law.gdpr.log"]._first_break())
        rows = self.rpc(
            self.compliance, "law.gdpr.log", "search_read", [["id", "=", self.entry.id]], ["event"]
        )
        self.assertEqual(rows[0]["event"], "hold_placed")
