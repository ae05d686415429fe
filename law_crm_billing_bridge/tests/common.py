from odoo import Command
from odoo.addons.law_crm.tests.common import LawCrmCommon, LawCrmHttpCommon, LawFirmSetup


class LawBillingSetup(LawFirmSetup):
    """The law_crm test firm, run as a Norwegian company with a chart of
    accounts (Norwegian ``no`` from l10n_no), employees, roles and a rate
    table, and a billing user."""

    chart_template = "no"

    @classmethod
    def _create_firm(cls):
        company = cls.env["res.company"].create(
            {
                "name": "Testadvokatene AS",
                "country_id": cls.env.ref("base.no").id,
                "currency_id": cls.env.ref("base.NOK").id,
            }
        )
        cls.env.ref("base.NOK").active = True
        cls.env.user.company_ids = [Command.link(company.id)]
        cls.env.user.company_id = company
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=[company.id]))
        cls.env["account.chart.template"].try_loading(
            cls.chart_template, company, install_demo=False
        )
        cls.company = company
        cls.vat25 = company.account_sale_tax_id
        result = super()._create_firm()

        cls.billing = cls._law_user("billing", "law_crm.group_law_billing")
        cls.billing_walled = cls._law_user("billing_walled", "law_crm.group_law_billing")
        cls.walled.wall_user_ids = [Command.link(cls.billing_walled.id)]

        Job = cls.env["hr.job"]
        cls.job_partner, cls.job_associate = Job.create(
            [{"name": "Partner"}, {"name": "Associate"}]
        )
        cls.employees = cls.env["hr.employee"].create(
            [
                {"name": user.name, "user_id": user.id, "job_id": job.id}
                for user, job in (
                    (cls.responsible, cls.job_associate),
                    (cls.assistant, cls.job_associate),
                    (cls.partner_other, cls.job_partner),
                    (cls.lawyer_out, cls.job_associate),
                )
            ]
        )
        cls.Rate = cls.env["law.billing.rate"]
        cls.Rate.create(
            [
                {"job_id": cls.job_associate.id, "date_from": "2026-01-01", "hourly_rate": 2000},
                {"job_id": cls.job_partner.id, "date_from": "2026-01-01", "hourly_rate": 3000},
            ]
        )
        cls.meeting = cls.env.ref("law_crm_billing_bridge.activity_code_meeting")
        cls.drafting = cls.env.ref("law_crm_billing_bridge.activity_code_drafting")
        cls.admin_code = cls.env.ref("law_crm_billing_bridge.activity_code_admin")
        return result

    @classmethod
    def _law_user(cls, login, groups):
        return cls.env["res.users"].create(
            {
                "name": login,
                "login": login,
                "password": login * 2,
                "email": f"{login}@firm.example",
                "group_ids": [
                    Command.set([cls.env.ref(g).id for g in (groups, "base.group_allow_export")])
                ],
            }
        )

    @classmethod
    def _time(cls, matter, user, hours, date="2026-11-10", **vals):
        """A time entry recorded by ``user`` on ``matter`` (as that user)."""
        values = {
            "project_id": matter.id,
            "unit_amount": hours,
            "date": date,
            "name": vals.pop("name", "Work"),
            "employee_id": user.employee_id.id,
        }
        values.update(vals)
        return cls.env["account.analytic.line"].with_user(user).create(values)

    def _bill(self, matters, user=None, date_to="2026-11-30", grouping="lawyer"):
        wizard = (
            self.env["law.billing.wizard"]
            .with_user(user or self.billing)
            .create(
                {"matter_ids": [Command.set(matters.ids)], "date_to": date_to, "grouping": grouping}
            )
        )
        action = wizard.action_create_invoices()
        self.env.invalidate_all()
        return self.env["account.move"].browse(action["domain"][0][2])


class LawBillingCommon(LawBillingSetup, LawCrmCommon):
    pass


class LawBillingHttpCommon(LawBillingSetup, LawCrmHttpCommon):
    pass
