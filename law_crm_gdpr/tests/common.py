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


def due_prospects_policy(env, name, count, batch_size):
    """``count`` prospects created two days ago and a delete policy due for
    them (0 years acts the day after), as the cron-process tests commit them
    for a worker to find. Returns (people, policy)."""
    people = env["res.partner"].create(
        [{"name": f"{name} prospect {index}"} for index in range(count)]
    )
    env.cr.execute(
        "UPDATE res_partner SET create_date = now() - interval '2 days' WHERE id = ANY(%s)",
        [people.ids],
    )
    policy = env["law.gdpr.retention.policy"].create(
        {
            "name": f"Test: {name}",
            "category": "prospect",
            "model_name": "res.partner",
            "domain": f"[('id', 'in', {people.ids})]",
            "date_field": "create_date",
            "action": "delete",
            "needs_approval": False,
            "batch_size": batch_size,
            "legal_basis": "Test",
        }
    )
    return people, policy
