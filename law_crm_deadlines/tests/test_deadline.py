from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDeadline(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lawyer = new_test_user(cls.env, "dl_lawyer", groups="law_crm.group_law_lawyer")
        cls.colleague = new_test_user(cls.env, "dl_colleague", groups="law_crm.group_law_lawyer")
        cls.outsider = new_test_user(cls.env, "dl_outsider", groups="law_crm.group_law_lawyer")
        client = cls.env["res.partner"].create({"name": "Fjordkraft Klient AS", "is_company": True})
        cls.matter = cls.env["project.project"].create(
            {
                "name": "Appeal case",
                "is_matter": True,
                "partner_id": client.id,
                "user_id": cls.lawyer.id,
                "team_user_ids": [Command.link(cls.colleague.id)],
            }
        )
        cls.civil_appeal = cls.env.ref("law_crm_deadlines.deadline_rule_anke_sivil")
        cls.activity_type = cls.env.ref("law_crm_deadlines.mail_activity_type_deadline")

    def _deadline(self, user=None, **vals):
        values = {"matter_id": self.matter.id, "rule_id": self.civil_appeal.id}
        values.update(vals)
        return self.env["law.deadline"].with_user(user or self.lawyer).create(values)

    def test_rule_to_deadline_activity_and_calendar(self):
        # Spec example: served 28 Jan 2026, 1 month, suspended in recess:
        # 28 Feb is a Saturday -> Monday 2 Mar 2026.
        deadline = self._deadline(trigger_date="2026-01-28")
        self.assertEqual(deadline.date_deadline, date(2026, 3, 2))
        self.assertEqual((deadline.amount, deadline.unit), (1, "months"))
        self.assertTrue(deadline.recess_suspends)
        self.assertEqual(deadline.criticality, "critical")
        self.assertEqual(deadline.user_id, self.lawyer, "defaults to the matter's lawyer")
        self.assertIn("Saturday", deadline.calculation)
        self.assertIn("2 Mar 2026", deadline.calculation)

        activity = deadline.activity_id
        self.assertEqual(activity.activity_type_id, self.activity_type)
        self.assertEqual((activity.res_model, activity.res_id), ("project.project", self.matter.id))
        self.assertEqual(activity.date_deadline, date(2026, 3, 2))
        self.assertEqual(activity.user_id, self.lawyer)

        event = deadline.calendar_event_id
        self.assertTrue(event.allday)
        self.assertEqual(event.start_date, date(2026, 3, 2))
        self.assertEqual(event.privacy, "private")

        # The deadline moves: activity and event follow.
        deadline.trigger_date = "2026-02-05"
        self.assertEqual(deadline.date_deadline, date(2026, 3, 5))
        self.assertEqual(activity.date_deadline, date(2026, 3, 5))
        self.assertEqual(event.start_date, date(2026, 3, 5))

    def test_internal_date_before_deadline(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "law_crm_deadlines.internal_days_before", "3"
        )
        deadline = self._deadline(trigger_date="2026-01-28")
        self.assertEqual(deadline.activity_id.date_deadline, date(2026, 2, 27))

    def test_done_closes_activity_cancel_removes_it(self):
        done = self._deadline(trigger_date="2026-01-28")
        cancelled = self._deadline(trigger_date="2026-01-29")
        activity, event = done.activity_id, done.calendar_event_id
        done.with_user(self.colleague).action_confirm()
        done.with_user(self.lawyer).action_done()
        self.assertFalse(activity.active, "a done activity leaves the to-do list")
        self.assertFalse(event.exists())
        self.assertIn(
            "Deadline met",
            " ".join(self.matter.message_ids.mapped("body")),
            "marking it done is in the matter's history",
        )
        cancelled_activity = cancelled.activity_id
        cancelled.action_cancel()
        self.assertFalse(cancelled_activity.exists())

    def test_dual_control(self):
        deadline = self._deadline(trigger_date="2026-01-28")
        with self.assertRaisesRegex(UserError, "colleague"):
            deadline.with_user(self.lawyer).action_register()
        with self.assertRaisesRegex(UserError, "another person"):
            deadline.with_user(self.lawyer).action_confirm()
        self.assertEqual(deadline.state, "draft")
        deadline.with_user(self.colleague).action_confirm()
        self.assertEqual(deadline.state, "registered")
        self.assertEqual(deadline.confirmed_by_id, self.colleague)

    def test_normal_deadline_registers_alone(self):
        rule = self.env.ref("law_crm_deadlines.deadline_rule_reklamasjon_kjop")
        deadline = self._deadline(rule_id=rule.id, trigger_date="2026-01-28")
        deadline.with_user(self.lawyer).action_register()
        self.assertEqual(deadline.state, "registered")

    def test_override_needs_reason(self):
        deadline = self._deadline(trigger_date="2026-01-28")
        with self.assertRaisesRegex(ValidationError, "why"), self.env.cr.savepoint():
            deadline.write({"override_date": "2026-03-10"})
        deadline.invalidate_recordset()
        self.assertFalse(deadline.override_date)
        deadline.write({"override_date": "2026-03-10", "override_reason": "Court order 3 Feb"})
        self.assertEqual(deadline.date_deadline, date(2026, 3, 10))
        self.assertEqual(deadline.computed_date, date(2026, 3, 2), "the computation is kept")

    def test_missing_trigger_and_negative_length_refused(self):
        with self.assertRaisesRegex(ValidationError, "runs from"), self.env.cr.savepoint():
            self._deadline()
        with self.assertRaisesRegex(ValidationError, "negative"), self.env.cr.savepoint():
            self._deadline(trigger_date="2026-01-28", amount=-1)

    def test_hours_deadline_never_moves(self):
        rule = self.env.ref("law_crm_deadlines.deadline_rule_gdpr_breach")
        # Aware Friday 1 May 2026 10:00 Oslo (08:00 UTC): 72 h later is Monday 4 May 10:00.
        deadline = self._deadline(rule_id=rule.id, trigger_datetime="2026-05-01 08:00:00")
        self.assertEqual(str(deadline.deadline_datetime), "2026-05-04 08:00:00")
        self.assertEqual(deadline.date_deadline, date(2026, 5, 4))

    def test_trigger_chain(self):
        judgment = self.env.ref("law_crm_deadlines.event_type_judgment_served")
        event = (
            self.env["law.matter.event"]
            .with_user(self.lawyer)
            .create(
                {"matter_id": self.matter.id, "event_type_id": judgment.id, "date": "2026-01-28"}
            )
        )
        self.assertEqual(event.deadline_ids.rule_id, self.civil_appeal)
        deadline = event.deadline_ids
        self.assertEqual(deadline.date_deadline, date(2026, 3, 2))

        # A closed dependant is history and stays; the open one follows the event.
        closed = self._deadline(trigger_date="2026-01-28", event_id=event.id)
        closed.with_user(self.colleague).action_confirm()
        closed.action_done()
        self.env.cr.flush()  # precommit: tracking starts from the stored dates
        event.date = "2026-02-05"
        self.assertEqual(deadline.date_deadline, date(2026, 3, 5))
        self.assertEqual(closed.date_deadline, date(2026, 3, 2))
        self.env.cr.flush()  # precommit: write the tracking values
        tracked = deadline.sudo().message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "date_deadline"
        )
        self.assertEqual(
            (tracked.old_value_datetime.date(), tracked.new_value_datetime.date()),
            (date(2026, 3, 2), date(2026, 3, 5)),
            "the deadline's history shows the old and the new date",
        )

    def test_need_to_know(self):
        deadline = self._deadline(trigger_date="2026-01-28")
        Deadline = self.env["law.deadline"].with_user(self.outsider)
        self.assertFalse(Deadline.search([("id", "=", deadline.id)]))
        with self.assertRaises(AccessError):
            deadline.with_user(self.outsider).read(["name"])
        Activity = self.env["mail.activity"].with_user(self.outsider)
        self.assertFalse(Activity.search([("id", "=", deadline.activity_id.id)]))
        with self.assertRaises(AccessError):
            deadline.activity_id.with_user(self.outsider).read(["summary"])
        # The calendar event is on the matter (law_crm's rule on matter
        # events): not found, not read, not even as a masked private event.
        event = deadline.calendar_event_id
        self.assertEqual(event.law_matter_id, self.matter)
        Event = self.env["calendar.event"].with_user(self.outsider)
        self.assertFalse(Event.search([("id", "=", event.id)]))
        with self.assertRaises(AccessError):
            event.with_user(self.outsider).read(["name"])
        # The responsible lawyer still has it in the calendar.
        self.assertEqual(
            self.env["calendar.event"].with_user(self.lawyer).search([("id", "=", event.id)]),
            event,
        )
        # The team sees it.
        self.assertEqual(
            self.env["law.deadline"].with_user(self.colleague).search([("id", "=", deadline.id)]),
            deadline,
        )
