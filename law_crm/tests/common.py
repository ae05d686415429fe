from contextlib import contextmanager
from email.message import EmailMessage
from email.utils import make_msgid

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Domain
from odoo.tests import HttpCase, TransactionCase, new_test_user

from .screenshots import COOKIE, capturing_screenshots, screenshot_folder


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

    @classmethod
    def open_matters(cls, matters):
        """Open ``matters`` the way the firm does: a conflict check per matter,
        cleared by a partner, then *Open*."""
        for matter in matters:
            check = cls.env["law.conflict.check"].browse(
                matter.action_law_conflict_check()["res_id"]
            )
            check.with_user(cls.partner_other).write({"decision_reason": "No conflict"})
            check.with_user(cls.partner_other).action_clear()
        matters.invalidate_recordset(["law_conflict_status"])
        matters.action_open_matter()

    @contextmanager
    def assertRefused(self, message_regex, exception=ValidationError):
        """The block raises ``exception`` with a message matching the regex,
        and leaves nothing behind: its writes are rolled back (as Odoo does
        for the whole request) and the cache is reloaded from the database."""
        with self.assertRaisesRegex(exception, message_regex), self.env.cr.savepoint():
            yield
        self.env.invalidate_all()

    def assert_hidden(self, user, records):
        """``user`` can neither find nor read ``records`` through the ORM."""
        Model = self.env[records._name].with_user(user)
        if not Model.has_access("read"):
            with self.assertRaises(AccessError, msg="no access right on the model at all"):
                Model.search([("id", "in", records.ids)])
            return
        self.assertFalse(Model.search([("id", "in", records.ids)]), "search")
        self.assertFalse(
            Model.search_read([("id", "in", records.ids)], ["display_name"]), "search_read"
        )
        for record in records:
            with self.assertRaises(AccessError, msg="read by id"):
                record.with_user(user).read(["display_name"])
            with self.assertRaises(AccessError, msg="export_data"):
                record.with_user(user).export_data(["display_name"])

    def assert_visible(self, user, records):
        Model = self.env[records._name].with_user(user)
        self.assertEqual(Model.search([("id", "in", records.ids)]), records)
        records.with_user(user).read(["display_name"])

    @staticmethod
    def reference_policy(user):
        """The need-to-know policy written plainly on the matter's fields, as
        the oracle for the SQL forms ``law_matter_domain()`` renders (the
        billing group is not among these tests' users)."""
        member = (
            Domain("user_id", "=", user.id)
            | Domain("supervising_partner_id", "=", user.id)
            | Domain("team_user_ids", "in", user.id)
        )
        if user.has_group("law_crm.group_law_partner"):
            member |= Domain("confidentiality", "=", "normal")
        return Domain("is_matter", "=", False) | (
            Domain("wall_user_ids", "not in", user.id) & member
        )

    def assert_rule_forms_agree(self, users, records, path=None):
        """``law_matter_domain(path)`` renders the policy as the SQL that
        suits the user (uncorrelated sub-selects of team and wall; none of
        the hidden matters for those who see most); for each of
        ``users`` it must select exactly the ``records`` that the plain
        :meth:`reference_policy` does, as the record rule too. Returns what
        each user sees, so the caller can show the comparison is not vacuous."""
        Model = self.env[records._name].sudo().with_context(active_test=False)
        among = Domain("id", "in", records.ids)
        seen = {}
        for user in users:
            plain = self.reference_policy(user)
            if path:
                plain = Domain(path, "=", False) | Domain(path, "any!", plain)
            expected = Model.search(among & plain)
            with self.subTest(user=user.login, path=path):
                self.assertEqual(Model.search(among & user.law_matter_domain(path)), expected)
                as_user = self.env[records._name].with_user(user).with_context(active_test=False)
                if as_user.has_access("read"):  # admin_out has no right on the log at all
                    self.assertEqual(as_user.search(among).ids, expected.ids, "record rule")
            seen[user] = expected
        return seen


class LawCrmHttpCommon(LawFirmSetup, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_firm()

    def rpc(self, user, model, method, *args, **kwargs):
        """``model.method(*args, **kwargs)`` over XML-RPC as ``user`` (the test
        users' password is their login twice)."""
        password = user.login * 2
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, user.login, password, {})
        self.assertTrue(uid, f"{user.login} can log in")
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, uid, password, model, method, list(args), kwargs
        )


def build_email(
    to,
    sender,
    subject,
    body="Hei,\n\nSe vedlagt.\n",
    cc=None,
    message_id=None,
    in_reply_to=None,
    attachment=None,
    date="Thu, 03 Dec 2026 09:00:00 +0100",
):
    """Raw RFC 5322 bytes of a plain email, as an MTA hands it to the gateway."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    if cc:
        message["Cc"] = cc
    message["Subject"] = subject
    message["Date"] = date
    message["Message-Id"] = message_id or make_msgid(domain="sender.example")
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
        message["References"] = in_reply_to
    message.set_content(body)
    if attachment:
        name, content = attachment
        message.add_attachment(content, maintype="application", subtype="pdf", filename=name)
    return message.as_bytes()


class LawMailSetup:
    """The test firm with a mail domain, email addresses on its clients and
    a fourth matter whose client has only that one matter."""

    @classmethod
    def _create_mail_setup(cls):
        company = cls.env.company
        if not company.alias_domain_id:
            company.alias_domain_id = cls.env["mail.alias.domain"].create({"name": "firm.example"})
        cls.domain = company.alias_domain_id.name
        cls.client.email = "post@nordvik.example"
        cls.counterparty.email = "post@motpart.example"
        cls.solberg = cls.env["res.partner"].create(
            {"name": "Solveig Solberg", "email": "solveig@solberg.example"}
        )
        cls.estate = (
            cls.env["project.project"]
            .with_context(mail_create_nolog=True)
            .create(
                {
                    "is_matter": True,
                    "name": "Solberg – estate",
                    "user_id": cls.responsible.id,
                    "partner_id": cls.solberg.id,
                    "team_user_ids": [Command.link(cls.assistant.id)],
                }
            )
        )
        cls.logging = f"logg@{cls.domain}"
        cls.Triage = cls.env["law.mail.triage"]
        cls.Log = cls.env["law.correspondence"]

    def alias_of(self, matter):
        return f"{matter.alias_name}@{self.domain}"

    def process(self, raw):
        """Feed raw email to the gateway as the mailgate script does."""
        return self.env["mail.thread"].message_process(False, raw)

    def emails_on(self, record):
        return record.message_ids.filtered(lambda message: message.message_type == "email")


class LawMailCommon(LawMailSetup, LawCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_mail_setup()


class LawMailHttpCommon(LawMailSetup, LawCrmHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_mail_setup()


class LawTourCase(HttpCase):
    """Base of the browser tours (issue 12): each runs as a demo user, once
    in English and once in Norwegian bokmål (``run_tour``). With
    ``LAW_CRM_SCREENSHOTS`` set, the tours' screenshot steps save PNGs for
    the user guides there (``screenshots.py``)."""

    browser_size = "1280x800"

    def start_tour(self, url_path, tour_name, step_delay=None, **kwargs):
        folder = screenshot_folder()
        if not folder:
            return super().start_tour(url_path, tour_name, step_delay, **kwargs)
        kwargs["cookies"] = {**kwargs.get("cookies", {}), COOKIE: "1"}
        with capturing_screenshots(folder):
            return super().start_tour(url_path, tour_name, step_delay, **kwargs)

    def set_user_lang(self, user, lang):
        """Give ``user`` the language ``lang``, as the browser will see it.

        A test database made with ``--load-language=nb_NO`` has bokmål as
        its only active language: English is not installed there, and a
        user whose language is not installed gets the company's (bokmål).
        So the language is activated first; the session check below fails
        loudly instead of running the English tour in Norwegian.
        """
        self.env["res.lang"]._activate_lang(lang)
        user.lang = lang
        self.env.flush_all()
        self.assertEqual(user.with_user(user).context_get()["lang"], lang)

    def run_tour(self, user, lang, url, tour, **kwargs):
        self.set_user_lang(user, lang)
        self.start_tour(url, tour, login=user.login, **kwargs)
