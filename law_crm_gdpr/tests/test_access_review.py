from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import GdprCommon

REVIEW_MODELS = ["law.gdpr.access.review", "law.gdpr.access.review.line"]


@tagged("post_install", "-at_install")
class TestAccessReview(GdprCommon):
    """Access reviews on the demo firm: who sees which matter and why,
    confirmed or revoked line by line, logged, reminded, kept."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env.ref("law_crm.demo_user_ingrid", raise_if_not_found=False):
            cls.skipTest(cls, "demo data not installed")
        ref = cls.env.ref
        cls.ingrid = ref("law_crm.demo_user_ingrid")
        cls.lars = ref("law_crm.demo_user_lars")
        cls.kari = ref("law_crm.demo_user_kari")
        cls.ola = ref("law_crm.demo_user_ola")
        cls.sofie = ref("law_crm.demo_user_sofie")
        cls.anne = ref("law_crm.demo_user_anne")
        cls.nordlys = ref("law_crm.demo_matter_nordlys_acquisition")
        cls.berg = ref("law_crm.demo_matter_berg_havblikk")
        cls.aurora = ref("law_crm.demo_matter_aurora_gdpr")
        cls.fjord = ref("law_crm.demo_matter_fjord_charter")
        cls.Review = cls.env["law.gdpr.access.review"].with_user(cls.compliance)

    def _review(self, **vals):
        return self.Review.create(
            {
                "name": "Spring review",
                "reviewer_ids": [Command.link(self.anne.id)],
                "date_due": date(2026, 6, 30),
                **vals,
            }
        )

    def _started(self, **vals):
        review = self._review(**vals)
        review.action_start()
        return review

    def _line(self, review, user, matter):
        return review.line_ids.filtered(
            lambda line: line.user_id == user and line.matter_id == matter
        )

    def _log(self, event):
        return self.env["law.gdpr.log"].search([("event", "=", event)])

    def test_lines_say_who_sees_which_matter_and_why(self):
        review = self._started()
        self.assertEqual(review.state, "in_progress")
        ingrid = review.line_ids.filtered(lambda line: line.user_id == self.ingrid)
        self.assertEqual(
            set(ingrid.matter_id.mapped(lambda m: m.get_external_id()[m.id])),
            {
                f"law_crm.demo_matter_{name}"
                for name in (
                    "fjord_charter",
                    "nordlys_acquisition",
                    "hansen_estate",
                    "tindtech_shareholders",
                    "aurora_gdpr",
                    "nilsen_residence",
                )
            },
        )
        self.assertTrue(all(ingrid.mapped("via_responsible")))
        self.assertFalse(any(ingrid.mapped("via_team") + ingrid.mapped("via_partner")))
        self.assertEqual(ingrid[0].reason, "responsible lawyer")
        lars = self._line(review, self.lars, self.aurora)
        self.assertTrue(lars.via_team and lars.can_revoke)
        self.assertFalse(lars.via_responsible or lars.via_partner)
        kari = self._line(review, self.kari, self.fjord)
        self.assertTrue(kari.via_supervisor and kari.via_partner)
        self.assertEqual(
            kari.reason, "supervising partner, partner of the firm (matter not confidential)"
        )
        # Confidential: the supervising partner, not as a partner of the firm.
        kari_nordlys = self._line(review, self.kari, self.nordlys)
        self.assertTrue(kari_nordlys.via_supervisor)
        self.assertFalse(kari_nordlys.via_partner)
        # No line where the user cannot see the matter.
        self.assertFalse(self._line(review, self.ola, self.berg), "behind the ethical wall")
        self.assertFalse(self._line(review, self.lars, self.nordlys), "confidential")
        self.assertFalse(self._line(review, self.ola, self.nordlys), "confidential")
        self.assertFalse(review.line_ids.filtered(lambda line: line.user_id == self.anne))
        self.assertFalse(review.line_ids.filtered(lambda line: line.user_id == self.admin_out))

    def test_lines_match_what_each_user_can_read(self):
        """The set-based query lists exactly what the record rules let each
        internal user read, for every internal user of the demo and test firm."""
        review = self._started()
        users = self.env["res.users"].search([("share", "=", False)])
        expected_total = 0
        for user in users:
            Matter = self.env["project.project"].with_user(user)
            listed = review.line_ids.filtered(lambda line, u=user: line.user_id == u).matter_id
            if not Matter.has_access("read"):
                self.assertFalse(listed, user.login)
                continue
            visible = Matter.search([("is_matter", "=", True)])
            with self.subTest(user=user.login):
                self.assertEqual(listed, visible.sudo())
            expected_total += len(visible)
        self.assertEqual(review.line_count, expected_total)
        self.assertGreater(review.line_count, 50, "demo data and test firm")

    def test_generation_is_set_based(self):
        """Generating lines costs the same few queries whatever the number of
        users and matters: twenty more staffed users change nothing."""
        review = self._review()
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        self.env["law.gdpr.access.review.line"]._law_generate(review)
        few = self.env.cr.sql_log_count - before
        self.assertLess(few, 15)
        count = review.line_count
        extra = self.env["res.users"].create(
            [{"name": f"Extra {n}", "login": f"extra{n}"} for n in range(20)]
        )
        self.fjord.team_user_ids = [Command.link(user.id) for user in extra]
        other = self._review(name="Second review")
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        self.env["law.gdpr.access.review.line"]._law_generate(other)
        self.assertLessEqual(self.env.cr.sql_log_count - before, few)
        self.assertEqual(other.line_count, count + 20)

    def test_revoke_takes_a_team_member_off_the_matter(self):
        review = self._started()
        line = self._line(review, self.lars, self.aurora).with_user(self.compliance)
        self.assert_visible(self.lars, self.aurora)
        self.aurora.message_subscribe(partner_ids=self.lars.partner_id.ids)
        line.action_revoke()
        self.assertNotIn(self.lars.partner_id, self.aurora.message_partner_ids, "no more email")
        self.assertEqual(line.decision, "revoked")
        self.assertEqual(line.decided_by_id, self.compliance)
        self.assertTrue(line.decided_at)
        self.assertNotIn(self.lars, self.aurora.team_user_ids)
        self.assert_hidden(self.lars, self.aurora)
        entry = self._log("access_review_revoked")
        self.assertEqual(len(entry), 1)
        self.assertEqual(
            (entry.res_model, entry.record_count, entry.record_ids, entry.user_id),
            ("law.gdpr.access.review.line", 1, str(line.id), self.compliance),
        )
        self.assertIsNone(self.env["law.gdpr.log"]._first_break())
        with self.assertRefused("already decided", UserError):
            line.action_revoke()

    def test_revoke_refused_where_it_is_not_team_access(self):
        # A partner of the firm on the team: taking them off would change nothing.
        self.matter.team_user_ids = [Command.link(self.partner_other.id)]
        review = self._started()
        for user, matter, reason in (
            (self.ingrid, self.fjord, "responsible lawyer"),
            (self.kari, self.fjord, "supervising partner"),
            (self.partner_other, self.matter, "partner of the firm"),
        ):
            line = self._line(review, user, matter).with_user(self.compliance)
            self.assertFalse(line.can_revoke)
            with self.subTest(user=user.login), self.assertRefused(reason, UserError):
                line.action_revoke()
            self.assertEqual(line.decision, "pending")
            self.assert_visible(user, matter)
        self.assertIn(self.partner_other, self.matter.team_user_ids)
        self.assertFalse(self._log("access_review_revoked"))

    def test_confirm_is_recorded_and_logged(self):
        review = self._started()
        lines = review.line_ids.filtered(lambda line: line.user_id == self.ingrid)
        lines.with_user(self.compliance).action_confirm()
        self.assertEqual(set(lines.mapped("decision")), {"confirmed"})
        self.assertEqual(lines.decided_by_id, self.compliance)
        self.assert_visible(self.ingrid, self.fjord)
        entry = self._log("access_review_confirmed")
        self.assertEqual(len(entry), 1, "one entry for the batch")
        self.assertEqual(entry.record_count, len(lines))
        self.assertIsNone(self.env["law.gdpr.log"]._first_break())
        # Decisions go through the buttons (and the log), not a plain write.
        other = self._line(review, self.lars, self.aurora).with_user(self.compliance)
        with self.assertRefused("Confirm or Revoke", UserError):
            other.write({"decision": "confirmed"})
        other.write({"note": "Still assisting on the appeal"})
        self.assertEqual(other.note, "Still assisting on the appeal")

    def test_done_only_when_nothing_pending_then_read_only(self):
        review = self._started()
        self.assertEqual(review.pending_count, review.line_count)
        with self.assertRefused("pending lines", UserError):
            review.action_done()
        lars = self._line(review, self.lars, self.aurora).with_user(self.compliance)
        lars.action_revoke()
        (review.line_ids - lars).with_user(self.compliance).action_confirm()
        review.invalidate_recordset()
        self.assertEqual(review.pending_count, 0)
        self.assertEqual(review.revoked_count, 1)
        review.action_done()
        self.assertEqual(review.state, "done")
        self.assertFalse(review.activity_ids, "reminders closed")
        done = self._log("access_review_done")
        self.assertEqual(
            (done.res_model, done.record_ids, done.record_count),
            ("law.gdpr.access.review", str(review.id), review.line_count),
        )
        with self.assertRefused("results are kept", UserError):
            review.write({"date_due": date(2026, 7, 31)})
        with self.assertRefused("results are kept", UserError):
            lars.write({"note": "changed afterwards"})
        with self.assertRefused("draft", UserError):
            review.unlink()
        self.assertEqual(review.line_count, len(review.line_ids))
        self.assertIsNone(self.env["law.gdpr.log"]._first_break())

    def test_lines_only_while_in_progress(self):
        review = self._review()
        self.assertFalse(review.line_ids)
        review.action_start()
        with self.assertRefused("already started", UserError):
            review.action_start()
        self.assertTrue(review.line_ids)

    def test_reminders_and_escalation(self):
        review = self._started(reviewer_ids=[Command.set([self.anne.id, self.compliance.id])])
        activity_type = self.env.ref("law_crm_gdpr.mail_activity_type_access_review")
        activities = review.activity_ids
        self.assertEqual(activities.user_id, self.anne | self.compliance)
        self.assertEqual(set(activities.mapped("date_deadline")), {date(2026, 6, 30)})
        self.assertEqual(activities.activity_type_id, activity_type)
        review.date_due = date(2026, 7, 15)
        self.assertEqual(set(review.activity_ids.mapped("date_deadline")), {date(2026, 7, 15)})
        self.assertEqual(review.activity_ids, activities, "moved, not duplicated")

        def reminders():
            return review.message_ids.filtered(lambda m: "Reminder" in (m.body or ""))

        Review = self.env["law.gdpr.access.review"]
        Review._cron_law_access_review(now=datetime(2026, 7, 1, 8, 0))
        self.assertFalse(reminders(), "two weeks ahead: nothing yet")
        Review._cron_law_access_review(now=datetime(2026, 7, 13, 8, 0))
        self.assertEqual(len(reminders()), 1)
        self.assertEqual(review.escalation_level, "near")
        self.assertIn(self.anne.partner_id, reminders().partner_ids)
        Review._cron_law_access_review(now=datetime(2026, 7, 16, 8, 0))
        self.assertEqual(review.escalation_level, "overdue")
        self.assertEqual(len(reminders()), 2)
        self.assertIn("still pending", reminders()[0].body)
        Review._cron_law_access_review(now=datetime(2026, 7, 17, 8, 0))
        self.assertEqual(len(reminders()), 2, "escalated once")
        Review._cron_law_access_review(now=datetime(2026, 7, 23, 9, 0))
        self.assertEqual(len(reminders()), 3, "reminded again a week later")
        self.assertIn(self.anne.partner_id, reminders()[0].partner_ids)
        Review._cron_law_access_review(now=datetime(2026, 7, 24, 9, 0))
        self.assertEqual(len(reminders()), 3, "once a week")
        self.assertEqual(review.activity_ids, activities, "still to do")

    def test_recurrence_starts_the_next_review_once(self):
        with freeze_time("2026-03-02"):
            review = self._started(interval_months=3, date_due=date(2026, 3, 31))
            Review = self.env["law.gdpr.access.review"]
            Review._cron_law_access_review()
            self.assertFalse(review.next_review_ids, "not yet due")
        with freeze_time("2026-06-02 06:00:00"):
            Review._cron_law_access_review()
            nxt = review.next_review_ids
            self.assertEqual(len(nxt), 1)
            self.assertEqual(nxt.state, "in_progress")
            self.assertEqual(nxt.date_start, date(2026, 6, 2))
            self.assertEqual(nxt.date_due, date(2026, 7, 1))
            self.assertEqual(nxt.reviewer_ids, self.anne)
            self.assertEqual(nxt.line_count, review.line_count)
            self.assertEqual(nxt.activity_ids.user_id, self.anne | self.compliance)
            Review._cron_law_access_review()
            self.assertEqual(len(review.next_review_ids), 1, "idempotent")

    def test_reviewers_are_compliance_officers(self):
        with self.assertRefused("only compliance officers"):
            self._review(reviewer_ids=[Command.link(self.ingrid.id)])

    def test_only_compliance_reaches_reviews(self):
        review = self._started()
        outsiders = [self.responsible, self.ingrid, self.partner_other, self.admin_out]
        for model_name in REVIEW_MODELS:
            is_review = model_name == REVIEW_MODELS[0]
            record = (review if is_review else review.line_ids)[:1]
            vals = {"name": "x"} if is_review else {"note": "x"}
            for user in outsiders:
                Model = self.env[model_name].with_user(user)
                attempts = {
                    "search": lambda M=Model: M.search([]),
                    "read": lambda r=record, u=user: r.with_user(u).read(["display_name"]),
                    "search_read": lambda M=Model: M.search_read([], ["id"]),
                    "formatted_read_group": lambda M=Model: M.formatted_read_group(
                        [], [], ["__count"]
                    ),
                    "name_search": lambda M=Model: M.name_search(""),
                    "export_data": lambda r=record, u=user: r.with_user(u).export_data(["id"]),
                    "write": lambda r=record, u=user, v=vals: r.with_user(u).write(v),
                }
                for name, attempt in attempts.items():
                    with (
                        self.subTest(user=user.login, model=model_name, attempt=name),
                        self.assertRaises(AccessError),
                    ):
                        attempt()
            Model = self.env[model_name].with_user(self.compliance)
            self.assertTrue(Model.search_read([], ["display_name"]))
            self.assertTrue(Model.formatted_read_group([], [], ["__count"]))
            self.assertTrue(record.with_user(self.compliance).export_data(["id"])["datas"])
        with self.assertRaises(AccessError):
            self.env["law.gdpr.access.review"].with_user(self.responsible).create({"name": "X"})
