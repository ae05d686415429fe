from datetime import datetime
from zoneinfo import ZoneInfo

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import GdprCommon

OSLO = ZoneInfo("Europe/Oslo")


def oslo(*args):
    """A wall-clock time in Oslo as the naive UTC value Odoo stores."""
    return datetime(*args, tzinfo=OSLO).astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


@tagged("post_install", "-at_install")
class TestBreach(GdprCommon):
    """The 72-hour clock of Art. 33(1), its escalation and the draft texts."""

    def _breach(self, **vals):
        return (
            self.env["law.gdpr.breach"]
            .with_user(self.compliance)
            .create(
                {
                    "title": "Client file emailed to the wrong recipient",
                    "aware_at": oslo(2026, 4, 2, 10, 0),
                    "user_id": self.compliance.id,
                    "nature": "An email with a client's case file went to a wrong address.",
                    "subject_categories": "Clients",
                    "subjects_count": 1,
                    "data_categories": "Identity, health data",
                    "records_count": 12,
                    "consequences": "Possible disclosure of health data.",
                    "measures": "Recipient asked to delete; confirmation received.",
                    "dpo_id": self.compliance.partner_id.id,
                    **vals,
                }
            )
        )

    def test_clock_72_hours_never_moved(self):
        breach = self._breach()
        self.assertTrue(breach.name.startswith("AVVIK-"))
        # Thu 2026-04-02 10:00 Oslo -> Sun 2026-04-05 10:00 Oslo, over Easter.
        self.assertEqual(breach.deadline_at, oslo(2026, 4, 5, 10, 0))
        self.assertIn("05.04.2026 10:00", breach.deadline_calculation)
        activity = breach.activity_ids
        self.assertEqual(activity.activity_type_id.name, "GDPR Deadline")
        self.assertEqual(str(activity.date_deadline), "2026-04-05")

    def test_escalation_as_it_nears_and_stops_when_notified(self):
        breach = self._breach()
        Breach = self.env["law.gdpr.breach"]

        def escalations():
            return breach.message_ids.filtered(lambda m: "Escalation" in (m.body or ""))

        Breach._cron_law_gdpr_escalate(now=oslo(2026, 4, 3, 10, 0))
        self.assertFalse(escalations(), "48 hours left")
        Breach._cron_law_gdpr_escalate(now=oslo(2026, 4, 4, 11, 0))
        self.assertEqual(breach.escalation_level, "near")
        self.assertEqual(len(escalations()), 1)
        self.assertIn(self.compliance.partner_id, escalations().partner_ids)
        Breach._cron_law_gdpr_escalate(now=oslo(2026, 4, 5, 10, 0))
        self.assertEqual(breach.escalation_level, "overdue")
        self.assertEqual(len(escalations()), 2)

        # Notified late: the reason for the delay is required (Art. 33(1)).
        breach.notification_ids = [
            (0, 0, {"notified_at": oslo(2026, 4, 5, 12, 0), "reference": "24/01234"})
        ]
        with self.assertRefused("reasons for the delay", ValidationError):
            breach.action_notified()
        breach.late_reason = "Easter; the DPO was reached on Sunday afternoon."
        breach.action_notified()
        self.assertEqual(breach.state, "notified")
        self.assertFalse(breach.activity_ids)
        Breach._cron_law_gdpr_escalate(now=oslo(2026, 4, 6, 10, 0))
        self.assertEqual(len(escalations()), 2, "no escalation after notification")
        self.assertIn("Reasons for the delay", breach.authority_draft)

    def test_notification_created_on_its_own_stops_the_clock(self):
        breach = self._breach()
        self.assertTrue(breach.activity_ids)
        self.env["law.gdpr.breach.notification"].with_user(self.compliance).create(
            {"breach_id": breach.id, "notified_at": oslo(2026, 4, 3, 9, 0)}
        )
        self.assertFalse(breach.activity_ids)

    def test_in_time_notification_in_phases(self):
        breach = self._breach()
        breach.notification_ids = [
            (0, 0, {"notified_at": oslo(2026, 4, 3, 9, 0), "phase": "initial"}),
            (0, 0, {"notified_at": oslo(2026, 4, 10, 9, 0), "phase": "supplementary"}),
        ]
        self.assertEqual(breach.first_notified_at, oslo(2026, 4, 3, 9, 0))
        self.assertFalse(breach.activity_ids, "the clock stopped")
        breach.action_notified()
        self.assertEqual(breach.state, "notified")

    def test_drafts_and_art_34_decision(self):
        breach = self._breach(high_risk=True)
        draft = breach.authority_draft
        for text in (
            "Possible disclosure of health data.",
            "Recipient asked to delete",
            "Identity, health data",
            "12",
            self.compliance.partner_id.name,
            "Datatilsynet",
        ):
            self.assertIn(text, draft)
        self.assertIn("Possible disclosure of health data.", breach.subject_draft)
        with self.assertRefused("high risk", ValidationError):
            breach.action_close()
        breach.write({"subjects_informed": "informed", "subjects_informed_how": "Letter"})
        breach.action_close()
        self.assertEqual(breach.state, "closed")

    def test_not_notifying_needs_a_reason(self):
        with self.assertRefused("need not be notified", ValidationError):
            self._breach(notification_required=False)
        breach = self._breach(
            notification_required=False,
            no_notification_reason="Encrypted laptop lost; key not compromised.",
        )
        self.assertFalse(breach.activity_ids, "no clock when not notifiable")

    def test_escalation_cron(self):
        """The hourly cron, run as the scheduler runs it, escalates as the clock nears."""
        breach = self._breach()
        cron = self.env.ref("law_crm_gdpr.ir_cron_law_gdpr_escalate_breaches")
        with freeze_time(oslo(2026, 4, 4, 12, 0)), self.enter_registry_test_mode():
            cron.method_direct_trigger()
        breach.invalidate_recordset()
        self.assertEqual(breach.escalation_level, "near")
        self.assertIn("expires at", breach.message_ids[0].body)
