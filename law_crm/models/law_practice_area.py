from odoo import api, fields, models


class LawPracticeArea(models.Model):
    """A field of law the firm practises (family, employment, real estate...).

    Used to group matters for reporting and to route work to the right team.
    Each area has a public mailing list for its newsletter (``mass_mailing``),
    which people sign up to and unsubscribe from on the stock subscription page.
    """

    _name = "law.practice.area"
    _description = "Practice Area"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Short code used in reports, e.g. FAM or ARB.")
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    mailing_list_id = fields.Many2one(
        "mailing.list",
        string="Newsletter List",
        copy=False,
        ondelete="set null",
        help="The mailing list of this area's newsletter; made with the area.",
    )

    _name_unique = models.Constraint(
        "UNIQUE(name)",
        "A practice area with this name already exists.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        areas = super().create(vals_list)
        areas._law_ensure_mailing_list()
        return areas

    def _law_ensure_mailing_list(self):
        """A public newsletter list for each area that has none."""
        areas = self.filtered(lambda area: not area.mailing_list_id)
        if not areas:
            return
        # sudo: mailing lists belong to the email-marketing app, whose rights the
        # partner who creates a practice area need not have; the list holds no one yet.
        lists = (
            self.env["mailing.list"]
            .sudo()
            .create(
                [
                    {"name": area.name, "is_public": True, "law_practice_area_id": area.id}
                    for area in areas
                ]
            )
        )
        for area, mailing_list in zip(areas, lists, strict=True):
            area.mailing_list_id = mailing_list
