from datetime import date, datetime, time, timedelta

from freezegun import freeze_time

from odoo.addons.law_crm.tests.common import LawCrmCommon
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestDailyDigest(LawCrmCommon):
    """Each user gets one digest a day of their own deadlines and tasks due
    within a week; users who switched it off get none."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = date(2026, 3, 2)
        Deadline = cls.env["law.deadline"].with_context(mail_create_nolog=True)
        common = {
            "amount": 1,
            "unit": "days",
            "override_reason": "Test",
            "show_in_calendar": False,
            "user_id": cls.responsible.id,
        }
        Deadline.create(
            [
                dict(
                    common,
                    matter_id=cls.matter.id,
                    name="Reply to the writ",
                    override_date=cls.today + timedelta(days=3),
                ),
                dict(
                    common,
                    matter_id=cls.matter.id,
                    name="Appeal far ahead",
                    override_date=cls.today + timedelta(days=40),
                ),
            ]
        )
        cls.env["project.task"].create(
            {
                "name": "Draft the pleading",
                "project_id": cls.matter.id,
                "user_ids": [(6, 0, cls.assistant.ids)],
                "date_deadline": datetime.combine(cls.today + timedelta(days=1), time(12)),
            }
        )
        cls.lawyer_out.law_daily_digest = False
        cls.env["project.task"].create(
            {
                "name": "Opted-out task",
                "project_id": cls.matter.id,
                "user_ids": [(6, 0, cls.lawyer_out.ids)],
                "date_deadline": datetime.combine(cls.today, time(12)),
            }
        )

    def _run(self, day):
        with freeze_time(datetime.combine(day, time(5, 0))), self.enter_registry_test_mode():
            self.env.ref("law_crm_deadlines.ir_cron_law_daily_digest").method_direct_trigger()
        self.env.invalidate_all()

    def _digests(self, user):
        """The digests queued for ``user`` (in the user's language)."""
        mails = self.env["mail.mail"].sudo().search([("model", "=", "res.users")])
        return mails.filtered(lambda mail: mail.res_id == user.id)

    def test_once_a_day_own_items_opt_out(self):
        self._run(self.today)
        mine = self._digests(self.responsible)
        self.assertEqual(len(mine), 1)
        self.assertEqual(mine.recipient_ids, self.responsible.partner_id)
        self.assertEqual(mine.state, "outgoing")
        self.assertIn("Reply to the writ", mine.body_html)
        self.assertNotIn("Appeal far ahead", mine.body_html)
        self.assertNotIn("Draft the pleading", mine.body_html)
        theirs = self._digests(self.assistant)
        self.assertEqual(len(theirs), 1)
        self.assertIn("Draft the pleading", theirs.body_html)
        self.assertFalse(self._digests(self.lawyer_out), "opted out")
        self.assertFalse(self._digests(self.partner_other), "nothing due: nothing sent")

        self._run(self.today)
        self.assertEqual(len(self._digests(self.responsible)), 1, "once a day")
        self._run(self.today + timedelta(days=1))
        self.assertEqual(len(self._digests(self.responsible)), 2)

    def test_user_switches_digest_off_in_preferences(self):
        self.responsible.with_user(self.responsible).write({"law_daily_digest": False})
        self._run(self.today)
        self.assertFalse(self._digests(self.responsible))
