from odoo import Command
from odoo.tests import tagged

from .common import AttackSetup


@tagged("post_install", "-at_install", "law_security")
class TestAttackReports(AttackSetup):
    """Issue 10's doors to the protected matter: the dashboard's figures, the
    status report rendered through the mail composer, and a mail merge of
    the matter with its letter PDF. Each test is one attempt."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The matter's responsible lawyer prepares a mail merge of it (letters).
        cls.secret_merge = (
            cls.env["law.mail.merge"]
            .with_user(cls.responsible)
            .create(
                {
                    "target": "matter",
                    "matter_ids": [Command.set(cls.protected.ids)],
                    "template_id": cls.env.ref("law_crm.mail_template_law_merge_matter").id,
                    "output": "letter",
                }
            )
        )

    def test_setup_the_doors_lead_somewhere(self):
        """The responsible lawyer does see the figures and the merge."""
        env = self.env(user=self.responsible.id, su=False)
        rows = env["law.dashboard"]._law_widget(
            "correspondence", domain=[("matter_id", "=", self.protected.id)]
        )
        self.assertGreater(sum(row[-1] for row in rows), 0)
        self.assertTrue(env["law.mail.merge"].search([("id", "=", self.secret_merge.id)]))

    def test_54_dashboard_counts_nothing_of_the_matter(self):
        """Narrowed to the protected matter, every matter widget counts zero
        and the correspondence widget no entry of it."""

        def attempt(user):
            for key in ("open_matters", "days_to_open"):
                rows = self.try_orm(
                    user,
                    lambda env, key=key: env["law.dashboard"]._law_widget(
                        key, domain=[("id", "=", self.protected.id)]
                    ),
                )
                self.assertFalse(rows, key)
            rows = self.try_orm(
                user,
                lambda env: env["law.dashboard"]._law_widget(
                    "correspondence", domain=[("matter_id", "=", self.protected.id)]
                ),
            )
            self.assertFalse(rows, "correspondence")
            figures = self.try_orm(user, lambda env: env["law.dashboard"].get_figures())
            self.assertNotIn(self.protected.name, str(figures))

        self.each_attacker(attempt)

    def test_55_status_report_rendered_through_the_composer(self):
        """The status report of the protected matter, asked of the mail
        composer with the matter's id: refused, or nothing of the matter."""
        template = self.env.ref("law_crm.mail_template_law_status_report")

        def attempt(user):
            self.try_orm(
                user,
                lambda env: env["mail.compose.message"]
                .create(
                    {
                        "model": "project.project",
                        "res_ids": str(self.protected.ids),
                        "template_id": template.id,
                        "composition_mode": "comment",
                    }
                )
                .read(["subject", "body"]),
            )

        self.each_attacker(attempt, attackers=self.internal_attackers)

    def test_56_mail_merge_of_the_matter(self):
        """Another user's mail merge of the matter: not found, not read, not
        sent again, over the ORM and XML-RPC."""

        def attempt(user):
            found = self.try_orm(
                user,
                lambda env: env["law.mail.merge"].search(
                    [("matter_ids", "in", self.protected.ids)]
                ),
            )
            self.assertFalse(found)
            self.assertIsNone(
                self.try_orm(
                    user,
                    lambda env: env["law.mail.merge"]
                    .browse(self.secret_merge.id)
                    .read(["matter_ids", "template_id"]),
                )
            )
            self.assertIsNone(
                self.try_orm(
                    user,
                    lambda env: env["law.mail.merge"].browse(self.secret_merge.id).action_send(),
                )
            )

        self.each_attacker(attempt)
        for user in (*self.internal_attackers, self.other_client):
            with self.subTest(attacker=user.login, door="xmlrpc"):
                self.assertFalse(
                    self.try_rpc(user, "law.mail.merge", "search_read", [], ["matter_ids"])
                )

    def test_57_mail_merge_letter_pdf_by_id(self):
        """The letters of the merge as a QWeb report for its id."""
        self.each_http(
            lambda _login: self.assert_report_refused(
                "law_crm.report_law_mail_merge_letter", self.secret_merge.id
            )
        )
