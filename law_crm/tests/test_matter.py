from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import LawCrmCommon


@tagged("post_install", "-at_install")
class TestMatter(LawCrmCommon):
    def test_matter_number_from_sequence(self):
        year = fields.Date.today().year
        self.assertRegex(self.matter.matter_number, rf"^{year}-\d{{4}}$")
        numbers = (self.matter | self.confidential | self.walled).mapped("matter_number")
        self.assertEqual(len(set(numbers)), 3)
        self.assertEqual(
            self.matter.display_name, f"{self.matter.matter_number} Nordvik – lease dispute"
        )

    def test_number_follows_opening_year(self):
        matter = self.env["project.project"].create(
            {"name": "Old file", "is_matter": True, "date_opened": "2019-05-02"}
        )
        self.assertTrue(matter.matter_number.startswith("2019-"))

    def test_plain_project_gets_no_number(self):
        project = self.env["project.project"].create({"name": "Office move"})
        self.assertFalse(project.matter_number)
        self.assertFalse(project.is_matter)

    def test_find_matter_by_number(self):
        found = (
            self.env["project.project"]
            .with_user(self.responsible)
            .name_search(self.matter.matter_number)
        )
        self.assertEqual([row[0] for row in found], [self.matter.id])

    def test_duplicate_matter_number_refused(self):
        with self.assertRefused("already in use"):
            self.walled.matter_number = self.matter.matter_number
        with self.assertRefused("already in use"):
            self.env["project.project"].create(
                {"name": "Copy", "is_matter": True, "matter_number": self.matter.matter_number}
            )
        self.assertNotEqual(self.walled.matter_number, self.matter.matter_number)

    def test_duplicate_matter_number_refused_in_database(self):
        """Two transactions racing past the Python check still hit the SQL constraint."""
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.cr.execute(
                "UPDATE project_project SET matter_number = %s WHERE id = %s",
                (self.matter.matter_number, self.walled.id),
            )

    def test_closed_before_opened_refused(self):
        self.matter.date_opened = "2026-03-01"
        with self.assertRefused("cannot be closed"):
            self.matter.write({"date_closed": "2026-02-01", "state": "closed"})
        self.assertFalse(self.matter.date_closed)
        self.assertEqual(self.matter.state, "intake")

    def test_error_messages_in_norwegian(self):
        self.env["res.lang"]._activate_lang("nb_NO")
        self.env["ir.module.module"]._load_module_terms(["law_crm"], ["nb_NO"], overwrite=True)
        matter_nb = self.matter.with_context(lang="nb_NO")
        matter_nb.date_opened = "2026-03-01"
        with self.assertRefused("kan ikke avsluttes"):
            matter_nb.date_closed = "2026-02-01"
        with self.assertRefused("er allerede i bruk"):
            self.walled.with_context(lang="nb_NO").matter_number = self.matter.matter_number

    def test_lifecycle(self):
        matter = self.matter.with_user(self.responsible)
        # Opening needs every party cleared by a partner who sees all the hits.
        check = matter.env["law.conflict.check"].browse(
            matter.action_law_conflict_check()["res_id"]
        )
        check.decision_reason = "No conflict"
        self.confidential.team_user_ids |= self.partner_other
        check.with_user(self.partner_other).action_clear()
        matter.action_open_matter()
        self.env.cr.flush()  # run the precommit hooks that write tracking values
        self.assertEqual(matter.state, "open")
        self.assertEqual(matter.date_opened, fields.Date.today())
        matter.action_close_matter()
        self.env.cr.flush()  # run the precommit hooks that write tracking values
        self.assertEqual((matter.state, matter.date_closed), ("closed", fields.Date.today()))
        with self.assertRaises(UserError):
            matter.action_close_matter()
        # sudo(): tracking values are readable by administrators only.
        tracked = matter.sudo().message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        )
        self.assertIn("Closed", tracked.mapped("new_value_char"), "the case history shows it")

    def test_wall_and_team_exclusive(self):
        with self.assertRefused("ethical wall"):
            self.matter.wall_user_ids = self.assistant

    def test_walled_user_is_unsubscribed(self):
        self.walled.message_subscribe(partner_ids=self.partner_other.partner_id.ids)
        self.walled.wall_user_ids |= self.partner_other
        self.assertNotIn(self.partner_other.partner_id, self.walled.message_partner_ids)

    def test_client_gets_client_number(self):
        self.assertRegex(self.client.client_number, r"^K\d{5}$")
        self.assertFalse(self.counterparty.client_number)

    def test_matter_type_proposes_defaults(self):
        matter_type = self.env.ref("law_crm.matter_type_criminal_case")
        draft = self.env["project.project"].new({"is_matter": True})
        draft.matter_type_id = matter_type
        draft._onchange_matter_type_id()
        self.assertEqual(draft.confidentiality, "confidential")
        self.assertEqual(draft.practice_area_id, self.env.ref("law_crm.practice_area_criminal"))
