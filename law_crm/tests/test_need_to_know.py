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

    def test_assistant_sees_only_staffed_matter(self):
        self.assert_visible(self.assistant, self.matter)
        self.assert_hidden(self.assistant, self.hidden_matters)
