import json
import zipfile
from datetime import date

from markupsafe import Markup

from odoo.addons.law_crm.tests.common import LawCrmHttpCommon
from odoo.addons.law_crm.tests.portal_common import LawPortalSetup
from odoo.addons.law_crm.tests.security.common import AttackMixin
from odoo.tests import tagged


@tagged("post_install", "-at_install", "law_security")
class TestAttackDeadlinesGdpr(AttackMixin, LawPortalSetup, LawCrmHttpCommon):
    """The attack suite's doors of law_crm_deadlines and law_crm_gdpr (the
    rest is in law_crm_billing_bridge/tests/security): deadlines, matter
    events, the deadline's calendar event and activity, and the GDPR export
    of a person who is a party to the protected matter. The protected matter
    is the test firm's walled matter *Nordvik v. Motpart*; attackers are
    those of :class:`AttackMixin`. Each test is one attempt."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_portal()
        cls._create_attackers()
        cls.protected = matter = cls.walled
        cls.secret_event = cls.env["law.matter.event"].create(
            {
                "matter_id": matter.id,
                "event_type_id": cls.env.ref("law_crm_deadlines.event_type_judgment_served").id,
                "date": date(2026, 11, 20),
                "note": "Judgment in the settlement dispute served on us",
            }
        )
        cls.secret_deadline = cls.env["law.deadline"].create(
            {
                "matter_id": matter.id,
                "name": "Appeal against the Havbris judgment",
                "rule_id": cls.env.ref("law_crm_deadlines.deadline_rule_anke_sivil").id,
                "trigger_date": date(2026, 11, 20),
            }
        )
        cls.secret_deadline.message_post(body=Markup("<p>Privileged: appeal prospects weak</p>"))
        cls.deadline_event = cls.secret_deadline.calendar_event_id
        cls.deadline_activity = cls.secret_deadline.activity_id
        # The counterparty asks for its data; compliance runs the export.
        cls.secret_message = matter.message_post(
            body=Markup("<p>Privileged advice about Motpart's weak position</p>"),
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=cls.counterparty.ids,
        )
        request = (
            cls.env["law.gdpr.request"]
            .with_user(cls.compliance)
            .create(
                {
                    "kind": "access",
                    "partner_id": cls.counterparty.id,
                    "received_date": date(2026, 11, 25),
                    "identity_method": "bankid",
                }
            )
        )
        action = request.with_user(cls.compliance).action_export()
        cls.export = cls.env["law.gdpr.export"].browse(action["res_id"])
        cls.export.with_user(cls.compliance).action_run_now()
        cls.archive = cls.export.attachment_id
        cls.secrets = (
            matter.name,
            matter.matter_number,
            "Havbris",
            "appeal prospects",
            "Privileged advice",
            "settlement dispute",
        )
        cls.protected_files = ()

    def test_setup_has_something_behind_every_door(self):
        """The attempts below try real doors: each one has the secret behind it."""
        self.assertEqual(self.secret_deadline.name, "Appeal against the Havbris judgment")
        self.assertTrue(self.deadline_event and self.deadline_activity)
        self.assertEqual(self.deadline_event.law_matter_id, self.protected)
        self.assertTrue(self.secret_event.deadline_ids)
        self.assertEqual(self.export.state, "done", self.export.error)
        self.assertTrue(self.archive)
        self.assertIn(self.protected.matter_number, self.export.review_summary)

    # == Deadlines (law_crm_deadlines) ============================================

    def test_d01_deadline_search_count_read(self):
        def attempt(user):
            self.assertFalse(
                self.try_orm(
                    user,
                    lambda env: env["law.deadline"].search([("name", "ilike", "Havbris")]),
                )
            )
            count = self.try_orm(
                user,
                lambda env: env["law.deadline"].search_count(
                    [("matter_id", "=", self.protected.id)]
                ),
            )
            self.assertIn(count, (None, 0))
            self.assertIsNone(
                self.try_orm(
                    user,
                    lambda env: env["law.deadline"]
                    .browse(self.secret_deadline.id)
                    .read(["name", "date_deadline"]),
                )
            )

        self.each_attacker(attempt)

    def test_d02_deadline_read_group_by_matter(self):
        self.each_attacker(
            lambda u: self.assertFalse(
                self.try_orm(
                    u,
                    lambda env: env["law.deadline"].formatted_read_group(
                        [("matter_id.name", "=", self.protected.name)], ["matter_id"], ["__count"]
                    ),
                )
            )
        )

    def test_d03_matter_event(self):
        def attempt(user):
            self.assertFalse(
                self.try_orm(
                    user,
                    lambda env: env["law.matter.event"].search_read(
                        [("note", "ilike", "settlement dispute")], ["note", "matter_id"]
                    ),
                )
            )
            self.assertIsNone(
                self.try_orm(
                    user,
                    lambda env: env["law.matter.event"]
                    .browse(self.secret_event.id)
                    .read(["note", "matter_id"]),
                )
            )

        self.each_attacker(attempt)

    def test_d04_deadline_calendar_event_by_name(self):
        """The deadline's calendar event is private, so Odoo masks its name,
        but a search on the name still found it (its existence and date)
        before law_crm's rule on matter events."""

        def attempt(user):
            self.assertFalse(
                self.try_orm(
                    user,
                    lambda env: env["calendar.event"].search(
                        [("name", "ilike", self.protected.matter_number)]
                    ),
                )
            )
            count = self.try_orm(
                user,
                lambda env: env["calendar.event"].search_count(
                    [("id", "=", self.deadline_event.id)]
                ),
            )
            self.assertIn(count, (None, 0))

        self.each_attacker(attempt)

    def test_d05_deadline_activity(self):
        def attempt(user):
            self.assertIsNone(
                self.try_orm(
                    user,
                    lambda env: env["mail.activity"]
                    .browse(self.deadline_activity.id)
                    .read(["summary", "note", "res_name"]),
                )
            )
            self.assertFalse(
                self.try_orm(
                    user,
                    lambda env: env["mail.activity"].search(
                        [
                            ("activity_type_id", "=", self.deadline_activity.activity_type_id.id),
                            ("res_id", "=", self.protected.id),
                        ]
                    ),
                )
            )

        self.each_attacker(attempt)

    def test_d06_deadline_chatter_messages(self):
        def attempt(user):
            self.assertFalse(
                self.try_orm(
                    user,
                    lambda env: env["mail.message"].search_read(
                        [("model", "=", "law.deadline"), ("res_id", "=", self.secret_deadline.id)],
                        ["body"],
                    ),
                )
            )

        self.each_attacker(attempt)

    def test_d07_deadline_chatter_route(self):
        def attempt(_login):
            for model, record in (
                ("law.deadline", self.secret_deadline),
                ("law.matter.event", self.secret_event),
            ):
                response = self.url_open(
                    "/mail/thread/messages",
                    data=json.dumps(
                        {
                            "params": {
                                "thread_model": model,
                                "thread_id": record.id,
                                "fetch_params": {"limit": 30},
                            }
                        }
                    ),
                    headers={"Content-Type": "application/json"},
                )
                self.assert_clean(response.content, f"/mail/thread/messages {model}")

        self.each_http(attempt)

    def test_d08_deadlines_over_xmlrpc_and_json2(self):
        for user in (*self.internal_attackers, self.other_client):
            with self.subTest(attacker=user.login):
                for model, domain in (
                    ("law.deadline", [("matter_id", "=", self.protected.id)]),
                    ("law.matter.event", [("matter_id", "=", self.protected.id)]),
                    ("calendar.event", [("id", "=", self.deadline_event.id)]),
                ):
                    self.assertFalse(
                        self.try_rpc(user, model, "search_read", domain, fields=["display_name"])
                    )
                    self.assertIn(self.try_rpc(user, model, "search_count", domain), (None, 0))
                response = self.json2(
                    user, "law.deadline", "read", ids=self.secret_deadline.ids, fields=["name"]
                )
                self.assertNotEqual(response.status_code, 200)
                self.assert_clean(response.content, "json2 law.deadline.read")

    # == GDPR (law_crm_gdpr) ======================================================

    def test_g01_gdpr_export_record(self):
        """The export names the protected matter in its review list: only
        compliance reads it."""

        def attempt(user):
            self.assertFalse(
                self.try_orm(
                    user,
                    lambda env: env["law.gdpr.export"].search_read(
                        [("partner_id", "=", self.counterparty.id)], ["review_summary"]
                    ),
                )
            )
            self.assertIsNone(
                self.try_orm(
                    user,
                    lambda env: env["law.gdpr.export"]
                    .browse(self.export.id)
                    .read(["review_summary", "model_summary"]),
                )
            )

        self.each_attacker(attempt)

    def test_g02_gdpr_request_of_party(self):
        self.each_attacker(
            lambda u: self.assertFalse(
                self.try_orm(
                    u,
                    lambda env: env["law.gdpr.request"].search(
                        [("partner_id", "=", self.counterparty.id)]
                    ),
                )
            )
        )

    def test_g03_gdpr_archive_download(self):
        def attempt(_login):
            for url in (
                f"/web/content/{self.archive.id}?download=true",
                f"/web/content/law.gdpr.export/{self.export.id}/attachment_id",
                f"/web/content/ir.attachment/{self.archive.id}/datas",
            ):
                response = self.url_open(url)
                self.assertNotEqual(response.content[:2], b"PK", url)
                self.assert_clean(response.content, url)

        self.each_http(attempt)

    def test_g04_gdpr_archive_given_to_the_counterparty(self):
        """The counterparty is a data subject of the protected matter: its own
        export lists the matter for the DPO's review and puts none of it in
        the archive it receives."""
        attachment = self.archive.sudo()
        archive = zipfile.ZipFile(attachment._full_path(attachment.store_fname))
        for name in archive.namelist():
            with self.subTest(file=name):
                self.assert_clean(archive.read(name), f"archive {name}")

    def test_g05_gdpr_over_json2(self):
        for user in (*self.internal_attackers, self.other_client, None):
            with self.subTest(attacker=user.login if user else "anonymous"):
                response = self.json2(
                    user,
                    "law.gdpr.export",
                    "search_read",
                    domain=[["partner_id", "=", self.counterparty.id]],
                    fields=["review_summary"],
                )
                self.assert_clean(response.content, "json2 law.gdpr.export")
                if response.status_code == 200:
                    self.assertEqual(response.json(), [])
