from datetime import date, datetime

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import GdprCommon


@tagged("post_install", "-at_install")
class TestRequest(GdprCommon):
    """Data-subject requests: one month, extension rules, activity, escalation."""

    def _request(self, **vals):
        return (
            self.env["law.gdpr.request"]
            .with_user(self.compliance)
            .create(
                {
                    "kind": "access",
                    "partner_id": self.person.id,
                    "received_date": date(2026, 3, 10),
                    "user_id": self.compliance.id,
                    **vals,
                }
            )
        )

    def test_due_dates_from_engine(self):
        request = self._request()
        self.assertTrue(request.name.startswith("DSR-"))
        # Received Tue 2026-03-10 -> due Fri 2026-04-10 (Art. 12(3)).
        self.assertEqual(request.due_date, date(2026, 4, 10))
        self.assertEqual(request.original_due_date, date(2026, 4, 10))
        self.assertIn("10 Apr 2026", request.due_calculation)
        # 24:00 Oslo (CEST) on the due date.
        self.assertEqual(request.deadline_at, datetime(2026, 4, 10, 22, 0))
        request.write(
            {
                "extension_months": 2,
                "extension_reason": "Numerous requests and a large case file.",
                "person_informed_date": date(2026, 4, 1),
            }
        )
        # Extended by two further months -> Wed 2026-06-10.
        self.assertEqual(request.due_date, date(2026, 6, 10))
        self.assertEqual(request.original_due_date, date(2026, 4, 10))

    def test_extension_needs_reason_and_timely_information(self):
        request = self._request()
        with self.assertRefused("reason for extending"):
            request.write({"extension_months": 2, "person_informed_date": date(2026, 4, 1)})
        with self.assertRefused("told within the first month"):
            request.write({"extension_months": 2, "extension_reason": "Complex"})
        with self.assertRefused("told within the first month"):
            request.write(
                {
                    "extension_months": 2,
                    "extension_reason": "Complex",
                    "person_informed_date": date(2026, 4, 11),
                }
            )
        with self.assertRefused("one or two months", ValidationError):
            request.write(
                {
                    "extension_months": 3,
                    "extension_reason": "Complex",
                    "person_informed_date": date(2026, 4, 1),
                }
            )
        self.assertEqual(request.due_date, date(2026, 4, 10))

    def test_activity_follows_deadline(self):
        request = self._request()
        activity_type = self.env.ref("law_crm_gdpr.mail_activity_type_gdpr_deadline")
        activity = request.activity_ids
        self.assertEqual(activity.activity_type_id, activity_type)
        self.assertEqual(activity.date_deadline, date(2026, 4, 10))
        self.assertEqual(activity.user_id, self.compliance)
        request.write(
            {
                "extension_months": 1,
                "extension_reason": "Complex",
                "person_informed_date": date(2026, 4, 2),
            }
        )
        self.assertEqual(request.activity_ids.date_deadline, date(2026, 5, 11))
        request.identity_method = "bankid"
        request.action_answer()
        self.assertFalse(request.activity_ids, "the activity is done when answered")
        self.assertEqual(request.state, "answered")

    def test_answer_needs_identity_and_refusal_needs_reason(self):
        request = self._request()
        with self.assertRefused("Verify the identity", UserError):
            request.action_answer()
        with self.assertRefused("decision and its reason", UserError):
            request.action_refuse()

    def test_escalation_near_and_overdue_once(self):
        request = self._request()
        other = self.env["mail.message"]
        Request = self.env["law.gdpr.request"]

        def escalations():
            return request.message_ids.filtered(lambda m: "Escalation" in (m.body or "")) - other

        Request._cron_law_gdpr_escalate(now=datetime(2026, 3, 30, 8, 0))
        self.assertFalse(escalations(), "12 days before: nothing yet")
        Request._cron_law_gdpr_escalate(now=datetime(2026, 4, 5, 8, 0))
        near = escalations()
        self.assertEqual(len(near), 1)
        self.assertEqual(request.escalation_level, "near")
        self.assertIn(self.compliance.partner_id, near.partner_ids)
        self.assertIn("expires at", near.body)
        Request._cron_law_gdpr_escalate(now=datetime(2026, 4, 6, 8, 0))
        self.assertEqual(len(escalations()), 1, "the same level is not sent twice")
        Request._cron_law_gdpr_escalate(now=datetime(2026, 4, 11, 8, 0))
        self.assertEqual(request.escalation_level, "overdue")
        self.assertEqual(len(escalations()), 2)
        self.assertIn("passed", escalations()[0].body)
        # Extending moves the deadline: the ladder starts again.
        request.write(
            {
                "extension_months": 2,
                "extension_reason": "Complex",
                "person_informed_date": date(2026, 4, 9),
            }
        )
        self.assertEqual(request.escalation_level, "none")
