from contextlib import contextmanager

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, TransactionCase, new_test_user


class LawFirmSetup:
    """A small firm with one normal, one confidential and one walled matter.

    Users who may see each matter, and three who must not:
    - ``lawyer_out``: a lawyer staffed on none of them;
    - ``partner_other``: a firm partner, not on the confidential matter's team;
    - ``partner_walled``: a firm partner behind the walled matter's ethical wall;
    - ``admin_out``: an Odoo administrator (Settings + Project admin), no law group.
    """

    @classmethod
    def _create_firm(cls):
        # Everyone may export, so the export path is tried for real, not
        # stopped early by the missing export right.
        new_user = lambda login, groups: new_test_user(  # noqa: E731
            cls.env,
            login=login,
            groups=f"{groups},base.group_allow_export",
            password=login * 2,
            email=f"{login}@firm.example",
        )
        cls.responsible = new_user("responsible", "law_crm.group_law_lawyer")
        cls.assistant = new_user("assistant", "law_crm.group_law_assistant")
        cls.lawyer_out = new_user("lawyer_out", "law_crm.group_law_lawyer")
        cls.partner_other = new_user("partner_other", "law_crm.group_law_partner")
        cls.partner_walled = new_user("partner_walled", "law_crm.group_law_partner")
        cls.compliance = new_user("compliance", "law_crm.group_law_compliance")
        cls.admin_out = new_user("admin_out", "base.group_system,project.group_project_manager")

        Partner = cls.env["res.partner"]
        cls.client = Partner.create({"name": "Nordvik Holding AS", "is_company": True})
        cls.secret_client = Partner.create(
            {"name": "Eva Secret", "is_confidential_person": True, "email": "eva@example.no"}
        )
        cls.counterparty = Partner.create({"name": "Motpart AS", "is_company": True})

        base = {
            "is_matter": True,
            "user_id": cls.responsible.id,
            "party_ids": [Command.create({"partner_id": cls.counterparty.id})],
        }
        cls.matter, cls.confidential, cls.walled = (
            cls.env["project.project"]
            .with_context(mail_create_nolog=True)
            .create(
                [
                    dict(
                        base,
                        name="Nordvik – lease dispute",
                        partner_id=cls.client.id,
                        team_user_ids=[Command.link(cls.assistant.id)],
                    ),
                    dict(
                        base,
                        name="Project Falcon",
                        partner_id=cls.secret_client.id,
                        confidentiality="confidential",
                    ),
                    dict(
                        base,
                        name="Nordvik v. Motpart",
                        partner_id=cls.client.id,
                        wall_user_ids=[Command.link(cls.partner_walled.id)],
                    ),
                ]
            )
        )
        cls.hidden_matters = cls.confidential | cls.walled
        # Who must not see what: (user, matters hidden from that user).
        cls.attackers = [
            (cls.lawyer_out, cls.hidden_matters),
            (cls.partner_other, cls.confidential),
            (cls.partner_walled, cls.walled),
            (cls.admin_out, cls.hidden_matters),
        ]


class LawCrmCommon(LawFirmSetup, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_firm()

    @contextmanager
    def assertRefused(self, message_regex, exception=ValidationError):
        """The block raises ``exception`` with a message matching the regex,
        and leaves nothing behind: its writes are rolled back (as Odoo does
        for the whole request) and the cache is reloaded from the database."""
        with self.assertRaisesRegex(exception, message_regex), self.env.cr.savepoint():
            yield
        self.env.invalidate_all()


class LawCrmHttpCommon(LawFirmSetup, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_firm()
