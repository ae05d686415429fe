from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import LawCrmCommon


@tagged("post_install", "-at_install")
class TestPartner(LawCrmCommon):
    def test_org_number_normalised(self):
        company = self.env["res.partner"].create(
            {"name": "Brønnøy Test AS", "is_company": True, "org_number": "912 345 602"}
        )
        self.assertEqual(company.org_number, "912345602")
        company.org_number = " 912-384-772 "
        self.assertEqual(company.org_number, "912384772")

    def test_invalid_org_number_refused(self):
        for bad in ("912345603", "12345", "91234560X"):
            with (
                self.subTest(bad=bad),
                self.assertRefused("organisation number"),
            ):
                self.env["res.partner"].create({"name": "Bad AS", "org_number": bad})
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Bad AS")]))

    def test_national_id_number(self):
        person = self.env["res.partner"].create(
            {"name": "Kari Test", "national_id_number": "150385 40189"}
        )
        self.assertEqual(person.national_id_number, "15038540189")
        with self.assertRefused("national identity number"):
            person.national_id_number = "15038540188"
        self.assertEqual(person.national_id_number, "15038540189")

    def test_invalid_ids_in_norwegian(self):
        self.env["res.lang"]._activate_lang("nb_NO")
        self.env["ir.module.module"]._load_module_terms(["law_crm"], ["nb_NO"], overwrite=True)
        Partner = self.env["res.partner"].with_context(lang="nb_NO")
        with self.assertRefused("organisasjonsnummer"):
            Partner.create({"name": "Feil AS", "org_number": "912345603"})
        with self.assertRefused("(?i)fødselsnummer"):
            Partner.create({"name": "Feil Person", "national_id_number": "15038540188"})

    def test_national_id_hidden_from_non_law_users(self):
        person = self.env["res.partner"].create(
            {"name": "Ola Test", "national_id_number": "02079140034"}
        )
        employee = self.env["res.users"].create(
            {
                "name": "Reception",
                "login": "reception",
                "group_ids": [Command.link(self.env.ref("base.group_user").id)],
            }
        )
        with self.assertRaises(AccessError):
            person.with_user(employee).read(["national_id_number"])
        self.assertEqual(
            person.with_user(self.assistant).read(["national_id_number"])[0]["national_id_number"],
            "02079140034",
        )

    def test_roles_and_counts_follow_visibility(self):
        # The counterparty is a party on all three matters.
        as_responsible = self.counterparty.with_user(self.responsible)
        self.assertEqual(as_responsible.party_matter_count, 3)
        self.assertEqual(as_responsible.law_role_summary, "Counterparty")
        as_outsider = self.counterparty.with_user(self.lawyer_out)
        self.assertEqual(as_outsider.party_matter_count, 0)
        self.assertFalse(as_outsider.law_role_summary)
        self.assertEqual(self.client.with_user(self.responsible).client_matter_count, 2)
        self.assertEqual(self.client.with_user(self.partner_walled).client_matter_count, 1)

    def test_confidential_person_need_to_know(self):
        domain = [("id", "=", self.secret_client.id)]
        for user in (self.lawyer_out, self.partner_other, self.admin_out):
            with self.subTest(user=user.login):
                Partner = self.env["res.partner"].with_user(user)
                self.assertFalse(Partner.search(domain))
                self.assertFalse(Partner.name_search("Eva Secret"))
                with self.assertRaises(AccessError):
                    self.secret_client.with_user(user).read(["name"])
        for user in (self.responsible, self.compliance):
            with self.subTest(user=user.login):
                self.assertEqual(
                    self.env["res.partner"].with_user(user).search(domain), self.secret_client
                )

    def test_other_names_searchable_and_protected(self):
        self.env["law.partner.other.name"].create(
            [
                {"partner_id": self.client.id, "name": "Nordvik Eiendom AS", "kind": "former"},
                {"partner_id": self.secret_client.id, "name": "Eva Hemmelig", "kind": "former"},
            ]
        )
        OtherName = self.env["law.partner.other.name"].with_user(self.lawyer_out)
        self.assertEqual(
            OtherName.search([("name", "ilike", "nordvik ei")]).partner_id, self.client
        )
        self.assertFalse(OtherName.search([("name", "ilike", "hemmelig")]))
        self.assertEqual(
            self.env["law.partner.other.name"]
            .with_user(self.responsible)
            .search_count([("name", "ilike", "hemmelig")]),
            1,
        )
