import base64
import json
import subprocess
import sys
import xmlrpc.client
from datetime import datetime, timedelta
from pathlib import Path

from odoo import Command
from odoo.modules.module import get_module_path
from odoo.tests import get_db_name, new_test_user, tagged

from .common import LawMailHttpCommon, build_email


def _api_key(user):
    return (
        user.env["res.users.apikeys"]
        .with_user(user)
        ._generate("rpc", "test", datetime.now() + timedelta(days=1))
    )


@tagged("post_install", "-at_install", "law_mail")
class TestMailgateScript(LawMailHttpCommon):
    """End to end: raw email piped into Odoo's stock ``odoo-mailgate.py``,
    which posts it over XML-RPC to the running server, lands on the matter."""

    def mailgate(self, user, password, raw):
        """Run the stock script as the MTA would; the test server answers it
        inside this test's transaction."""
        script = Path(get_module_path("mail")) / "static" / "scripts" / "odoo-mailgate.py"
        command = [
            sys.executable,
            str(script),
            "-d",
            get_db_name(),
            "-u",
            str(user.id),
            "-p",
            password,
            "--host",
            "127.0.0.1",
            "--port",
            str(self.http_port()),
        ]
        self.env.flush_all()
        with self.allow_requests(all_requests=True):
            result = subprocess.run(
                command, input=raw, capture_output=True, timeout=120, check=False
            )
        self.env.invalidate_all()
        return result

    def test_mailgate_to_matter_alias(self):
        gateway = new_test_user(self.env, login="mailgate", groups="base.group_user")
        key = _api_key(gateway)
        raw = build_email(
            self.alias_of(self.estate),
            "Solveig Solberg <solveig@solberg.example>",
            "Testamentet, signert",
            attachment=("testament.pdf", b"%PDF-1.4 signed"),
        )
        result = self.mailgate(gateway, key, raw)
        self.assertEqual(result.returncode, 0, result.stderr.decode())
        message = self.emails_on(self.estate).filtered(
            lambda m: m.subject == "Testamentet, signert"
        )
        self.assertEqual(message.author_id, self.solberg)
        self.assertEqual(message.attachment_ids.mapped("name"), ["testament.pdf"])
        self.assertTrue(self.Log.search([("mail_message_id", "=", message.id)]))

    def test_mailgate_wrong_key_is_refused(self):
        gateway = new_test_user(self.env, login="mailgate", groups="base.group_user")
        raw = build_email(self.alias_of(self.estate), "x@y.example", "Nope")
        result = self.mailgate(gateway, "wrong", raw)
        # Refused, so the MTA keeps or bounces the mail; the stock script maps
        # Odoo 19's "Access Denied" fault to EX_SOFTWARE (70), not EX_NOPERM,
        # because it compares the message case-sensitively.
        self.assertEqual(result.returncode, 70, result.stderr.decode())
        self.assertFalse(self.emails_on(self.estate))


@tagged("post_install", "-at_install", "law_mail")
class TestExternalApi(LawMailHttpCommon):
    """The jobs of docs/api.md, over real HTTP as an integration user with an
    API key: Law: Assistant, on the team of the matters it serves only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.integration = new_test_user(
            cls.env,
            login="phone-system",
            groups="law_crm.group_law_assistant",
            name="Phone system (integration)",
        )
        cls.matter.team_user_ids = [Command.link(cls.integration.id)]
        cls.key = _api_key(cls.integration)

    def xmlrpc(self, model, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(
            get_db_name(), self.integration.id, self.key, model, method, list(args), kwargs
        )

    def json2(self, model, method, **params):
        response = self.url_open(
            f"/json/2/{model}/{method}",
            data=json.dumps(params),
            headers={
                "Authorization": f"bearer {self.key}",
                "Content-Type": "application/json",
                "X-Odoo-Database": get_db_name(),
            },
        )
        return response.status_code, response.json()

    def test_jobs_over_xmlrpc(self):
        matters = self.xmlrpc(
            "project.project",
            "search_read",
            [("is_matter", "=", True), ("partner_id", "=", self.client.id)],
            fields=["matter_number", "name", "state"],
        )
        self.assertEqual([m["id"] for m in matters], self.matter.ids, "not the walled matter")
        call_id = self.xmlrpc(
            "law.correspondence",
            "create",
            {
                "matter_id": self.matter.id,
                "kind": "phone",
                "direction": "in",
                "subject": "Innkommende samtale fra +47 22 00 00 00",
                "duration": 0.1,
                "partner_ids": [self.client.id],
            },
        )
        self.xmlrpc(
            "ir.attachment",
            "create",
            {
                "name": "opptak-notat.txt",
                "res_model": "law.correspondence",
                "res_id": call_id,
                "datas": base64.b64encode(b"Notat fra samtalen").decode(),
            },
        )
        log = self.xmlrpc(
            "law.correspondence",
            "search_read",
            [("matter_id", "=", self.matter.id)],
            fields=["subject", "kind", "direction", "date"],
        )
        self.assertEqual([entry["id"] for entry in log], [call_id])
        new_id = self.xmlrpc(
            "project.project",
            "create",
            {
                "is_matter": True,
                "name": "Nordvik – ny avtale",
                "partner_id": self.client.id,
                "user_id": self.responsible.id,
                "team_user_ids": [(4, self.integration.id)],
            },
        )
        number = self.xmlrpc("project.project", "read", [new_id], ["matter_number"])
        self.assertTrue(number[0]["matter_number"])

    def test_jobs_over_json2(self):
        status, matters = self.json2(
            "project.project",
            "search_read",
            domain=[("is_matter", "=", True), ("partner_id", "=", self.client.id)],
            fields=["matter_number", "name"],
        )
        self.assertEqual(status, 200, matters)
        self.assertEqual([m["id"] for m in matters], self.matter.ids)
        status, call_ids = self.json2(
            "law.correspondence",
            "create",
            vals_list=[{"matter_id": self.matter.id, "kind": "phone", "subject": "Samtale"}],
        )
        self.assertEqual(status, 200, call_ids)
        status, log = self.json2(
            "law.correspondence",
            "search_read",
            domain=[("matter_id", "=", self.matter.id)],
            fields=["subject"],
        )
        self.assertEqual([entry["id"] for entry in log], call_ids)

    def test_integration_cannot_leave_its_rights(self):
        for hidden in (self.walled, self.confidential, self.estate):
            with self.subTest(matter=hidden.name):
                self.assertFalse(self.xmlrpc("project.project", "search", [("id", "=", hidden.id)]))
                with self.assertRaisesRegex(xmlrpc.client.Fault, "AccessError|access"):
                    self.xmlrpc("project.project", "read", [hidden.id], ["name"])
                with self.assertRaisesRegex(xmlrpc.client.Fault, "AccessError|access"):
                    self.xmlrpc(
                        "law.correspondence",
                        "create",
                        {"matter_id": hidden.id, "subject": "Injected"},
                    )
                status, body = self.json2(
                    "project.project", "write", ids=hidden.ids, vals={"name": "Renamed"}
                )
                self.assertEqual(status, 403, body)
        with self.assertRaisesRegex(xmlrpc.client.Fault, "AccessError|access"):
            self.xmlrpc("project.project", "unlink", self.matter.ids)
        with self.assertRaisesRegex(xmlrpc.client.Fault, "AccessError|access"):
            self.xmlrpc(
                "res.users",
                "write",
                [self.integration.id],
                {"group_ids": [(4, self.env.ref("base.group_system").id)]},
            )
        status, _body = self.json2("project.project", "search", domain=[])
        self.assertEqual(status, 200)
        bad = self.url_open(
            "/json/2/project.project/search",
            data="{}",
            headers={
                "Authorization": "bearer not-a-key",
                "Content-Type": "application/json",
                "X-Odoo-Database": get_db_name(),
            },
        )
        self.assertEqual(bad.status_code, 401)
        self.assertFalse(self.Log.search([("subject", "=", "Injected")]))
        self.assertEqual(self.walled.name, "Nordvik v. Motpart")
