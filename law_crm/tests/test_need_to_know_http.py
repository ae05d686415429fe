import xmlrpc.client

from odoo.addons.rpc.controllers.xmlrpc import RPC_FAULT_CODE_ACCESS_ERROR
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import LawCrmHttpCommon


@tagged("post_install", "-at_install", "law_security")
class TestNeedToKnowHttp(LawCrmHttpCommon):
    """The same walls, tried from outside: XML-RPC and /web/content downloads
    against the running test server."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Per matter: {model: record} of everything that hangs off it.
        cls.hanging = {}
        for matter in cls.matter | cls.hidden_matters:
            attachment = cls.env["ir.attachment"].create(
                {
                    "name": "brief.txt",
                    "raw": b"privileged content",
                    "res_model": "project.project",
                    "res_id": matter.id,
                }
            )
            cls.hanging[matter] = {
                "project.task": cls.env["project.task"].create(
                    {"name": "Draft", "project_id": matter.id}
                ),
                "law.matter.party": matter.party_ids,
                "ir.attachment": attachment,
                "mail.message": matter.message_post(body="Advice", attachment_ids=attachment.ids),
                "mail.activity": matter.activity_schedule(
                    "mail.mail_activity_data_todo", user_id=cls.responsible.id
                ),
            }

    def assert_rpc_denied(self, user, model, method, *args, **kwargs):
        """The call fails with Odoo's access-error fault (code 4), whatever
        language the message is in."""
        with mute_logger("odoo.http"), self.assertRaises(xmlrpc.client.Fault) as caught:
            self.rpc(user, model, method, *args, **kwargs)
        self.assertEqual(caught.exception.faultCode, RPC_FAULT_CODE_ACCESS_ERROR, caught.exception)

    def assert_rpc_finds_nothing(self, user, model, domain):
        """search_read returns nothing, or the user has no right on the model at all."""
        try:
            rows = self.rpc(user, model, "search_read", domain, fields=["id"])
        except xmlrpc.client.Fault as fault:
            self.assertEqual(fault.faultCode, RPC_FAULT_CODE_ACCESS_ERROR, fault)
        else:
            self.assertEqual(rows, [], model)

    def test_xmlrpc_paths_closed(self):
        related = {
            "project.task": "project_id",
            "law.matter.party": "matter_id",
        }
        for user, hidden in self.attackers:
            ids = hidden.ids
            with self.subTest(user=user.login):
                found = self.rpc(
                    user, "project.project", "search_read", [("id", "in", ids)], fields=["name"]
                )
                self.assertEqual(found, [])
                self.assert_rpc_denied(user, "project.project", "read", ids, ["name"])
                self.assert_rpc_denied(user, "project.project", "export_data", ids, ["name"])
                for matter in hidden:
                    names = self.rpc(user, "project.project", "name_search", matter.matter_number)
                    self.assertEqual(names, [])
                groups = self.rpc(
                    user,
                    "project.project",
                    "formatted_read_group",
                    [("id", "in", ids)],
                    ["partner_id"],
                    ["__count"],
                )
                self.assertEqual(groups, [])
                for model, field in related.items():
                    self.assert_rpc_finds_nothing(user, model, [(field, "in", ids)])
                for model in ("mail.message", "ir.attachment", "mail.activity"):
                    domain = [
                        ("res_id", "in", ids),
                        (
                            "model" if model == "mail.message" else "res_model",
                            "=",
                            "project.project",
                        ),
                    ]
                    self.assert_rpc_finds_nothing(user, model, domain)
                for model in self.hanging[self.matter]:
                    record_ids = [self.hanging[m][model].id for m in hidden]
                    self.assert_rpc_denied(user, model, "read", record_ids, ["display_name"])
                attachment_ids = [self.hanging[m]["ir.attachment"].id for m in hidden]
                self.assert_rpc_denied(user, "ir.attachment", "read", attachment_ids, ["datas"])
                self.assert_rpc_denied(user, "project.project", "write", ids, {"name": "x"})

        # Positive control: the responsible lawyer reaches all of it the same way.
        all_ids = (self.matter | self.hidden_matters).ids
        rows = self.rpc(
            self.responsible,
            "project.project",
            "search_read",
            [("id", "in", all_ids)],
            fields=["name"],
        )
        self.assertEqual(sorted(r["id"] for r in rows), sorted(all_ids))
        rows = self.rpc(
            self.responsible,
            "law.matter.party",
            "search_read",
            [("matter_id", "in", all_ids)],
            fields=["id"],
        )
        self.assertEqual(len(rows), 3)

    def test_web_content_download_closed(self):
        for user, hidden in self.attackers:
            self.authenticate(user.login, user.login * 2)
            for matter in hidden:
                with self.subTest(user=user.login, matter=matter.name), mute_logger("odoo.http"):
                    response = self.url_open(
                        f"/web/content/{self.hanging[matter]['ir.attachment'].id}?download=true"
                    )
                    self.assertIn(response.status_code, (403, 404))
                    self.assertNotIn(b"privileged content", response.content)
        self.authenticate(self.responsible.login, self.responsible.login * 2)
        for matter in self.hidden_matters:
            response = self.url_open(
                f"/web/content/{self.hanging[matter]['ir.attachment'].id}?download=true"
            )
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response.content, b"privileged content")

    def test_archived_user_loses_access_at_once(self):
        self.authenticate(self.responsible.login, self.responsible.login * 2)
        attachment = self.hanging[self.confidential]["ir.attachment"]
        self.assertEqual(self.url_open(f"/web/content/{attachment.id}").status_code, 200)
        self.assertEqual(
            self.rpc(
                self.responsible,
                "project.project",
                "search_count",
                [("id", "=", self.confidential.id)],
            ),
            1,
        )

        self.responsible.action_archive()

        # The open browser session is dead, and so is the password over RPC.
        with mute_logger("odoo.http"):
            response = self.url_open(f"/web/content/{attachment.id}")
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn(b"privileged content", response.content)
        uid = self.xmlrpc_common.authenticate(
            self.env.cr.dbname, "responsible", "responsibleresponsible", {}
        )
        self.assertFalse(uid)
