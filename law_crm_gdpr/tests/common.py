from odoo.addons.law_crm.tests.common import LawCrmCommon


class GdprCommon(LawCrmCommon):
    """law_crm's small firm, plus a compliance officer's view of GDPR."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.marketing = cls.env.ref("law_crm_gdpr.purpose_marketing")
        cls.client_matters = cls.env.ref("law_crm_gdpr.purpose_client_matters")
        cls.person = cls.env["res.partner"].create(
            {"name": "Marit Testesen", "email": "marit.testesen@example.no"}
        )

    @classmethod
    def give_consent(cls, partner, purpose, version="v1"):
        return cls.env["law.gdpr.consent"].create(
            {
                "partner_id": partner.id,
                "purpose_id": purpose.id,
                "channel": "web_form",
                "notice_version": version,
                "notice_text": f"I accept the newsletter ({version}).",
            }
        )
