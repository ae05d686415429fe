from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import LawCrmCommon


@tagged("post_install", "-at_install", "law_security")
class TestNeedToKnow(LawCrmCommon):
    """Every ORM path to a confidential or walled matter is closed to the users
    who must not see it, and open to those who may (so no test passes vacuously)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tasks = cls.env["project.task"]
        cls.messages = cls.env["mail.message"]
        cls.attachments = cls.env["ir.attachment"]
        cls.activities = cls.env["mail.activity"]
        for matter in cls.matter | cls.hidden_matters:
            cls.tasks |= cls.env["project.task"].create(
                {"name": f"Draft pleading {matter.name}", "project_id": matter.id}
            )
            attachment = cls.env["ir.attachment"].create(
                {
                    "name": f"brief-{matter.id}.txt",
                    "raw": b"privileged",
                    "res_model": "project.project",
                    "res_id": matter.id,
                }
            )
            cls.attachments |= attachment
            cls.messages |= matter.message_post(
                body="Privileged advice", attachment_ids=attachment.ids, message_type="comment"
            )
            cls.activities |= matter.activity_schedule(
                "mail.mail_activity_data_todo", summary="Call client", user_id=cls.responsible.id
            )

    def test_matters(self):
        Matter = self.env["project.project"]
        for user, hidden in self.attackers:
            with self.subTest(user=user.login):
                self.assert_hidden(user, hidden)
                as_user = Matter.with_user(user)
                for matter in hidden:
                    self.assertNotIn(
                        matter.id, [r[0] for r in as_user.name_search(matter.matter_number)]
                    )
                    self.assertNotIn(matter.id, [r[0] for r in as_user.name_search(matter.name)])
                counts = as_user.formatted_read_group(
                    [("is_matter", "=", True)], ["partner_id"], ["__count"]
                )
                total = sum(group["__count"] for group in counts)
                self.assertEqual(total, as_user.search_count([("is_matter", "=", True)]))
                self.assertFalse(
                    set(hidden.ids) & set(as_user.search([("is_matter", "=", True)]).ids)
                )
                hidden_count = as_user.formatted_read_group(
                    [("id", "in", hidden.ids)], [], ["__count"]
                )
                self.assertEqual(hidden_count[0]["__count"], 0, "read_group counts nothing hidden")
        self.assert_visible(self.responsible, self.matter | self.hidden_matters)
        self.assert_visible(self.partner_other, self.matter | self.walled)
        self.assert_visible(self.partner_walled, self.matter | self.confidential.browse())

    def test_walled_partner_cannot_write_or_join(self):
        with self.assertRaises(AccessError):
            self.walled.with_user(self.partner_walled).write({"name": "renamed"})
        with self.assertRaises(AccessError):
            self.walled.with_user(self.partner_walled).message_subscribe(
                partner_ids=self.partner_walled.partner_id.ids
            )
        # Nor can anyone else make a walled user follow (and so receive) the matter.
        self.walled.with_user(self.responsible).message_subscribe(
            partner_ids=(self.partner_walled | self.partner_other).partner_id.ids
        )
        self.assertIn(self.partner_other.partner_id, self.walled.message_partner_ids)
        self.assertNotIn(self.partner_walled.partner_id, self.walled.message_partner_ids)

    def test_tasks(self):
        for user, hidden in self.attackers:
            with self.subTest(user=user.login):
                self.assert_hidden(user, self.tasks.filtered(lambda t, h=hidden: t.project_id in h))
        self.assert_visible(self.responsible, self.tasks)

    def test_parties(self):
        parties = self.env["law.matter.party"].search(
            [("matter_id", "in", self.hidden_matters.ids)]
        )
        self.assertEqual(len(parties), 2)
        for user, hidden in self.attackers:
            with self.subTest(user=user.login):
                self.assert_hidden(user, parties.filtered(lambda p, h=hidden: p.matter_id in h))
        self.assert_visible(self.responsible, parties)

    def test_messages_attachments_activities(self):
        for records in (self.messages, self.attachments, self.activities):
            for user, hidden in self.attackers:
                with self.subTest(model=records._name, user=user.login):
                    self.assert_hidden(
                        user, records.filtered(lambda r, h=hidden: r.res_id in h.ids)
                    )
            self.assert_visible(self.responsible, records)
        # Reading the attachment's content is refused too, not only its name.
        for user, hidden in self.attackers:
            attachment = self.attachments.filtered(lambda a, h=hidden: a.res_id in h.ids)[:1]
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                attachment.with_user(user).read(["raw", "datas"])

    def test_every_sql_form_of_the_rule_selects_the_same_records(self):
        """Partners get the rule as "in none of the hidden matters", lawyers
        as "one of the visible matters", team and wall as sub-selects of
        their tables:
        on matters of every kind (confidential with the partner supervising
        or on the team, walled, archived, a project that is no matter) every
        form selects what the plain policy on the matter's fields does."""
        Project = self.env["project.project"].with_context(mail_create_nolog=True)
        supervised, staffed, archived = Project.create(
            [
                {
                    "name": f"Confidential {how}",
                    "is_matter": True,
                    "user_id": self.responsible.id,
                    "confidentiality": "confidential",
                    **extra,
                }
                for how, extra in [
                    ("supervised", {"supervising_partner_id": self.partner_other.id}),
                    ("staffed", {"team_user_ids": [(4, self.partner_walled.id)]}),
                    ("archived", {"active": False}),
                ]
            ]
        )
        internal = Project.create({"name": "Office move"})
        matters = self.matter | self.hidden_matters | supervised | staffed | archived
        log = self.env["law.correspondence"].create(
            [{"matter_id": matter.id, "subject": f"Call {matter.name}"} for matter in matters]
        )
        tasks = self.tasks | self.env["project.task"].create(
            [
                {"name": f"Task {project.name}", "project_id": project.id}
                for project in matters | internal
            ]
        )
        users = [
            self.responsible,
            self.assistant,
            self.lawyer_out,
            self.partner_other,
            self.partner_walled,
            self.admin_out,
        ]
        matters_seen = self.assert_rule_forms_agree(users, matters | internal)
        self.assertEqual(matters_seen[self.assistant], self.matter | internal)
        seen = self.assert_rule_forms_agree(users, log, "matter_id")
        tasks_seen = self.assert_rule_forms_agree(users, tasks, "project_id")
        self.assertIn(
            tasks[-1], tasks_seen[self.lawyer_out], "a task of a project that is no matter"
        )
        # Not vacuous: a partner sees the firm's normal matters and the
        # confidential one they supervise, not the others; tasks outside a
        # matter are left to stock Odoo.
        by_matter = {entry.matter_id: entry for entry in log}
        self.assertEqual(
            seen[self.partner_other],
            by_matter[self.matter] | by_matter[self.walled] | by_matter[supervised],
        )
        self.assertEqual(seen[self.partner_walled], by_matter[self.matter] | by_matter[staffed])

    def test_team_and_wall_changes_count_at_once(self):
        """The rule reads team and wall from their tables, not from a set of
        ids kept anywhere: staffing someone opens the matter and walling
        someone off closes it (and its log) in the same transaction."""
        Matter = self.env["project.project"]
        log = self.env["law.correspondence"].create(
            {"matter_id": self.walled.id, "subject": "Call about the walled matter"}
        )
        Log = self.env["law.correspondence"].with_user(self.partner_other)
        self.assertEqual(Log.search([("id", "=", log.id)]), log, "seen before the wall")
        self.confidential.team_user_ids = [Command.link(self.lawyer_out.id)]
        self.walled.wall_user_ids = [Command.link(self.partner_other.id)]
        self.assertEqual(
            Matter.with_user(self.lawyer_out).search([("id", "in", self.hidden_matters.ids)]),
            self.confidential,
        )
        self.assertFalse(Matter.with_user(self.partner_other).search([("id", "=", self.walled.id)]))
        self.assertFalse(Log.search([("id", "=", log.id)]))

    def test_assistant_sees_only_staffed_matter(self):
        self.assert_visible(self.assistant, self.matter)
        self.assert_hidden(self.assistant, self.hidden_matters)
