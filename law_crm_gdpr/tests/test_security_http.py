import xmlrpc.client

from odoo.addons.law_crm.tests.common import LawCrmHttpCommon
from odoo.addons.rpc.controllers.xmlrpc import RPC_FAULT_CODE_ACCESS_ERROR
from odoo.tests import tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install", "law_security")
class TestGdprSecurityHttp(LawCrmHttpCommon):
    """From outside: a lawyer cannot read the registers over XML-RPC nor
    download an export archive; the compliance officer can."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        person = cls.env["res.partner"].create({"name": "Kari Nordmann", "email": "kari@ex.no"})
        cls.request = cls.env["law.gdpr.request"].create(
            {"kind": "access", "partner_id": person.id}
        )
        cls.export = cls.env["law.gdpr.export"].create(
            {"partner_id": person.id, "request_id": cls.request.id}
        )
        cls.export._run_export()

    def test_lawyer_refused_over_xmlrpc(self):
        for model in ("law.gdpr.request", "law.gdpr.export", "law.gdpr.breach"):
            for method, args in (("search_read", ([],)), ("create", ({},))):
                with (
                    self.subTest(model=model, method=method),
                    mute_logger("odoo.http"),
                    self.assertRaises(xmlrpc.client.Fault) as caught,
                ):
                    self.rpc(self.responsible, model, method, *args)
                self.assertEqual(caught.exception.faultCode, RPC_FAULT_CODE_ACCESS_ERROR)
        rows = self.rpc(
            self.compliance, "law.gdpr.request", "search_read", [["id", "=", self.request.id]]
        )
        self.assertEqual([row["id"] for row in rows], self.request.ids)

    def test_archive_download(self):
        url = f"/web/content/{self.export.attachment_id.id}?download=true"
        for user in (self.responsible, self.partner_other, self.admin_out):
            self.authenticate(user.login, user.login * 2)
            with mute_logger("odoo.http"):
                response = self.url_open(url)
            self.assertIn(response.status_code, (403, 404), user.login)
        self.authenticate(self.compliance.login, self.compliance.login * 2)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content[:2], b"PK", "a zip archive")
