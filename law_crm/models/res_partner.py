import re

from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.no import fodselsnummer, orgnr

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL
from odoo.tools.sql import column_exists, create_column

from ..names import name_key

# Norwegian identifier fields and the python-stdnum module that checks them.
NORWEGIAN_IDS = {
    "org_number": orgnr,
    "national_id_number": fodselsnummer,
}


def fill_normalised_column(cr, table, source, target, batch_size=10000):
    """Fill ``table.target`` with the normalised ``table.source`` of every
    row, ``batch_size`` rows per UPDATE in id order: used when the column is
    added to a table that may already hold a million contacts."""
    last_id = 0
    while True:
        cr.execute(
            SQL(
                "SELECT id, %s FROM %s WHERE id > %s ORDER BY id LIMIT %s",
                SQL.identifier(source),
                SQL.identifier(table),
                last_id,
                batch_size,
            )
        )
        rows = cr.fetchall()
        if not rows:
            return
        cr.execute(
            SQL(
                "UPDATE %s SET %s = data.value FROM unnest(%s::int[], %s::varchar[]) "
                "AS data(id, value) WHERE %s = data.id",
                SQL.identifier(table),
                SQL.identifier(target),
                [row[0] for row in rows],
                [name_key(row[1]) for row in rows],
                SQL.identifier(table, "id"),
            )
        )
        last_id = rows[-1][0]


class ResPartner(models.Model):
    """Parties: clients and everyone else who appears in a matter."""

    _inherit = "res.partner"

    law_no_status_reports = fields.Boolean(
        string="No Status Reports",
        help="The person asked not to receive status reports of their matters by email.",
    )

    client_number = fields.Char(
        copy=False,
        index=True,
        readonly=True,
        help="Assigned the first time the contact becomes the client of a matter.",
    )
    org_number = fields.Char(
        string="Organisation Number",
        index=True,
        copy=False,
        tracking=True,
        help="Norwegian organisation number (9 digits), checked against its check digit.",
    )
    national_id_number = fields.Char(
        string="National Identity Number",
        copy=False,
        index="btree_not_null",  # the conflict check looks numbers up firm-wide
        groups="law_crm.group_law_assistant,law_crm.group_law_compliance",
        help="Norwegian national identity number (fødselsnummer or D-number, 11 digits).",
    )
    other_name_ids = fields.One2many("law.partner.other.name", "partner_id", string="Other Names")
    is_confidential_person = fields.Boolean(
        string="Confidential Person",
        tracking=True,
        help="Only users who can see one of this person's matters, and "
        "compliance, can see the person.",
    )
    law_client_matter_ids = fields.One2many(
        "project.project",
        "partner_id",
        string="Matters as Client",
        domain=[("is_matter", "=", True)],
    )
    law_party_ids = fields.One2many("law.matter.party", "partner_id", string="Roles in Matters")
    law_role_summary = fields.Char(
        string="Roles",
        compute="_compute_law_matter_stats",
        help="The roles this contact holds across the matters you can see.",
    )
    client_matter_count = fields.Integer(compute="_compute_law_matter_stats")
    party_matter_count = fields.Integer(compute="_compute_law_matter_stats")
    law_correspondence_count = fields.Integer(compute="_compute_law_correspondence_count")

    _client_number_unique = models.Constraint(
        "UNIQUE(client_number)", "This client number is already in use."
    )

    # -- Norwegian identifiers ---------------------------------------------

    @api.model
    def _normalise_norwegian_ids(self, vals):
        """Store identifiers in compact form (no spaces, dots or dashes) so that
        search and duplicate detection do not depend on how a user typed them."""
        for fname, module in NORWEGIAN_IDS.items():
            if vals.get(fname):
                vals[fname] = module.compact(re.sub(r"[\s.\-]", "", vals[fname]))
        return vals

    @api.constrains("org_number")
    def _check_org_number(self):
        for partner in self.filtered("org_number"):
            try:
                orgnr.validate(partner.org_number)
            except StdnumValidationError as error:
                raise ValidationError(
                    self.env._(
                        "%(number)s is not a valid Norwegian organisation number "
                        "(9 digits with a correct check digit). Check the number "
                        "in the Brønnøysund Register Centre.",
                        number=partner.org_number,
                    )
                ) from error

    @api.constrains("national_id_number")
    def _check_national_id_number(self):
        for partner in self.sudo().filtered("national_id_number"):
            try:
                fodselsnummer.validate(partner.national_id_number)
            except StdnumValidationError as error:
                raise ValidationError(
                    self.env._(
                        "The national identity number of %(name)s is not valid "
                        "(11 digits: date of birth, personal number and two "
                        "check digits). Check it against an ID document.",
                        name=partner.display_name,
                    )
                ) from error

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._normalise_norwegian_ids(vals) for vals in vals_list])

    def write(self, vals):
        return super().write(self._normalise_norwegian_ids(vals))

    # -- Matters -------------------------------------------------------------

    def _assign_client_number(self):
        """Number clients on their first matter, from the ``law.client`` sequence."""
        new_clients = self.filtered(lambda p: not p.client_number)
        for partner in new_clients:
            # sudo(): writes only a generated number on a partner that the
            # current user has just made the client of a matter it can edit.
            partner.sudo().client_number = self.env["ir.sequence"].next_by_code("law.client")

    @api.depends_context("uid")
    def _compute_law_matter_stats(self):
        """Counts and roles over the matters the current user can see: the
        queries run with the user's rights, so walled matters never count."""
        partners = self.filtered("id")
        client_counts = dict(
            self.env["project.project"]._read_group(
                [("partner_id", "in", partners.ids), ("is_matter", "=", True)],
                ["partner_id"],
                ["__count"],
            )
        )
        Party = self.env["law.matter.party"]
        roles = {}
        for partner, role in Party._read_group(
            [("partner_id", "in", partners.ids)], ["partner_id", "role"]
        ):
            roles.setdefault(partner, set()).add(role)
        party_counts = dict(
            Party._read_group(
                [("partner_id", "in", partners.ids), ("role", "!=", "client")],
                ["partner_id"],
                ["matter_id:count_distinct"],
            )
        )
        role_labels = dict(Party._fields["role"]._description_selection(self.env))
        for partner in self:
            partner_roles = roles.get(partner, set())
            if client_counts.get(partner):
                partner_roles = partner_roles | {"client"}
            partner.law_role_summary = ", ".join(
                sorted(role_labels[role] for role in partner_roles)
            )
            partner.client_matter_count = client_counts.get(partner, 0)
            partner.party_matter_count = party_counts.get(partner, 0)

    @api.depends_context("uid")
    def _compute_law_correspondence_count(self):
        """Log entries the person took part in, among those the user may see."""
        counts = dict(
            self.env["law.correspondence"]._read_group(
                [("partner_ids", "in", self.filtered("id").ids)], ["partner_ids"], ["__count"]
            )
        )
        for partner in self:
            partner.law_correspondence_count = counts.get(partner, 0)

    def action_view_correspondence(self):
        """The person's timeline: entries they took part in, and everything
        logged on the matters where they (or their company) are the client."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("law_crm.law_correspondence_action")
        action["domain"] = [
            "|",
            ("partner_ids", "in", self.id),
            ("client_id", "child_of", self.commercial_partner_id.id),
        ]
        action["context"] = {
            "search_default_group_by_day": 1,
            "default_partner_ids": [self.id],
        }
        return action

    def _law_matter_action(self, domain):
        action = self.env["ir.actions.act_window"]._for_xml_id("law_crm.law_matter_action")
        action["domain"] = domain
        return action

    def action_view_client_matters(self):
        self.ensure_one()
        action = self._law_matter_action([("partner_id", "=", self.id)])
        action["context"] = {"default_partner_id": self.id, "default_is_matter": True}
        return action

    def action_view_party_matters(self):
        self.ensure_one()
        return self._law_matter_action(
            [("party_ids", "any", [("partner_id", "=", self.id), ("role", "!=", "client")])]
        )

    # -- Conflict search ---------------------------------------------------

    law_name_normalised = fields.Char(
        string="Name for Conflict Search",
        compute="_compute_law_name_normalised",
        store=True,
        index="trigram",
        help="The name in the comparable form the conflict check searches "
        "(lower case, Norwegian letters spelled out, no legal form, words "
        "sorted and joined).",
    )

    law_owner_ids = fields.Many2many(
        "res.partner",
        "law_partner_owner_rel",
        "company_id",
        "owner_id",
        string="Declared Owners",
        help="Persons and companies that own this company, as declared by the "
        "client or the register; the conflict check treats them as its corporate family.",
    )

    @api.depends("name")
    def _compute_law_name_normalised(self):
        for partner in self:
            partner.law_name_normalised = name_key(partner.name)

    def _auto_init(self):
        """On install, fill the normalised names of existing contacts in SQL
        batches: the ORM would otherwise recompute them one record at a time."""
        if not column_exists(self.env.cr, self._table, "law_name_normalised"):
            create_column(self.env.cr, self._table, "law_name_normalised", "varchar")
            fill_normalised_column(self.env.cr, self._table, "name", "law_name_normalised")
        return super()._auto_init()
