from odoo.tests import HttpCase, tagged

# What each demo login must see: worked out by hand from demo/project_project_demo.xml
# and the need-to-know policy (responsible, supervising partner, team; partners see
# every normal matter; nobody behind a wall; confidential = team only).
ALL_NORMAL = {
    "nordbygg_defects",
    "fjord_charter",
    "berg_havblikk",
    "hansen_estate",
    "johansen_dismissal",
    "tindtech_shareholders",
    "fiskeriet_quota",
    "solheim_lease",
    "aurora_gdpr",
    "larsen_custody",
    "nilsen_residence",
    "pedersen_tax",
    "kvarts_license",
    "kristiansen_will",
}
EXPECTED = {
    "kari": ALL_NORMAL | {"nordlys_acquisition"},  # partner, supervises Nordlys
    "ola": ALL_NORMAL - {"berg_havblikk"},  # partner, walled off Berg v. Havblikk
    "admin": ALL_NORMAL,  # partner in the demo; not on Nordlys' team
    "ingrid": {
        "fjord_charter",
        "nordlys_acquisition",
        "hansen_estate",
        "tindtech_shareholders",
        "aurora_gdpr",
        "nilsen_residence",
    },
    "lars": {
        "nordbygg_defects",
        "berg_havblikk",
        "johansen_dismissal",
        "aurora_gdpr",
        "larsen_custody",
        "kvarts_license",
    },
    "sofie": {
        "nordbygg_defects",
        "berg_havblikk",
        "hansen_estate",
        "fiskeriet_quota",
        "kristiansen_will",
    },
    "anne": set(),  # compliance: no matter contents
    "per": set(),  # billing: no matters until the billing bridge grants them
    "marit": set(),  # portal client: no matter through the ORM, only /my/matters
}


@tagged("post_install", "-at_install", "law_demo")
class TestDemoRoles(HttpCase):
    """Logs in as every demo role over HTTP and lists exactly the matters that
    role may see, on the same demo data `make run` serves."""

    def test_each_role_sees_exactly_its_matters(self):
        if not self.env.ref("law_crm.demo_matter_nordbygg_defects", raise_if_not_found=False):
            self.skipTest("demo data not installed (install with --with-demo)")
        xmlid_of = {
            self.env.ref(f"law_crm.demo_matter_{name}").id: name
            for name in ALL_NORMAL | {"nordlys_acquisition"}
        }
        db = self.env.cr.dbname
        expected_by_login = dict(EXPECTED)
        if self.env["ir.module.module"]._get("law_crm_billing_bridge").state == "installed":
            # The billing bridge opens every normal matter to billing staff.
            expected_by_login["per"] = ALL_NORMAL
        for login, expected in expected_by_login.items():
            with self.subTest(login=login):
                uid = self.xmlrpc_common.authenticate(db, login, login, {})
                self.assertTrue(uid, f"demo user {login} logs in with its login as password")
                rows = self.xmlrpc_object.execute_kw(
                    db,
                    uid,
                    login,
                    "project.project",
                    "search_read",
                    [[("is_matter", "=", True)]],
                    {"fields": ["name"]},
                )
                self.assertEqual({xmlid_of[row["id"]] for row in rows}, expected)
                # The web client's session sees the same list.
                self.authenticate(login, login)
                response = self.make_jsonrpc_request(
                    "/web/dataset/call_kw/project.project/search_read",
                    {
                        "model": "project.project",
                        "method": "search_read",
                        "args": [[("is_matter", "=", True)]],
                        "kwargs": {"fields": ["id"]},
                    },
                )
                self.assertEqual({xmlid_of[row["id"]] for row in response}, expected)
