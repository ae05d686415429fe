from datetime import date, datetime, time

from freezegun import freeze_time

from odoo.addons.law_crm.tests.common import LawCrmCommon
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestStatusReportDeadlines(LawCrmCommon):
    """A status report lists the deadlines and hearings the lawyer chose to
    share, and none of the others."""

    def test_shared_deadlines_and_hearings(self):
        self.matter.write({"state": "open", "date_opened": "2026-01-05"})
        Deadline = self.env["law.deadline"].with_context(mail_create_nolog=True)
        values = {
            "matter_id": self.matter.id,
            "amount": 1,
            "unit": "days",
            "override_reason": "Test",
            "show_in_calendar": False,
        }
        Deadline.create(
            [
                dict(
                    values,
                    name="Reply to the writ",
                    override_date="2026-02-10",
                    share_with_client=True,
                ),
                dict(values, name="Internal review", override_date="2026-02-05"),
            ]
        )
        self.env["calendar.event"].create(
            [
                {
                    "name": "Main hearing, Oslo tingrett",
                    "start": "2026-03-02 08:00:00",
                    "stop": "2026-03-02 15:00:00",
                    "res_model_id": self.env["ir.model"]._get_id("project.project"),
                    "res_id": self.matter.id,
                    "law_portal_shared": True,
                },
                {
                    "name": "Team preparation",
                    "start": "2026-02-27 08:00:00",
                    "stop": "2026-02-27 09:00:00",
                    "res_model_id": self.env["ir.model"]._get_id("project.project"),
                    "res_id": self.matter.id,
                },
            ]
        )
        with freeze_time(datetime.combine(date(2026, 1, 15), time(9, 0))):
            items = self.matter._law_status_report_upcoming()
            body = self.env.ref("law_crm.mail_template_law_status_report")._render_field(
                "body_html", self.matter.ids
            )[self.matter.id]
        self.assertEqual(
            [item["name"] for item in items], ["Reply to the writ", "Main hearing, Oslo tingrett"]
        )
        self.assertIn("Main hearing, Oslo tingrett", body)
        self.assertNotIn("Internal review", body)
        self.assertNotIn("Team preparation", body)
