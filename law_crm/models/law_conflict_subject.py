from stdnum.no import fodselsnummer, orgnr

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..names import name_key, normalise_identifier
from .law_matter_party import PARTY_ROLES


class LawConflictSubject(models.Model):
    """One person or organisation a conflict check searches for, in the role
    the firm would meet them (our client, the other side, a witness...).

    The role decides what a hit means: the same name is a direct conflict when
    we would act against our own client, and nothing when it is our client
    coming back. A subject is either an existing contact or typed-in data from
    an inquiry that has no contact yet.
    """

    _name = "law.conflict.subject"
    _description = "Conflict Check Subject"
    _order = "check_id, sequence, id"

    check_id = fields.Many2one("law.conflict.check", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        index=True,
        help="The existing contact to check; its name, other names, numbers "
        "and corporate family are all searched.",
    )
    name = fields.Char(help="Name to search for when there is no contact yet.")
    role = fields.Selection(PARTY_ROLES, required=True, default="counterparty")
    org_number = fields.Char(string="Organisation Number")
    national_id_number = fields.Char(
        string="National Identity Number",
        groups="law_crm.group_law_assistant,law_crm.group_law_compliance",
    )
    check_state = fields.Selection(related="check_id.state")

    @api.constrains("org_number", "national_id_number")
    def _check_numbers(self):
        """A mistyped number would silently find nothing: refuse it."""
        for subject in self.sudo():
            if subject.org_number and not orgnr.is_valid(subject.org_number):
                raise ValidationError(
                    self.env._(
                        "%(number)s is not a valid Norwegian organisation number "
                        "(9 digits with a correct check digit). Check the number "
                        "in the Brønnøysund Register Centre.",
                        number=subject.org_number,
                    )
                )
            if subject.national_id_number and not fodselsnummer.is_valid(
                subject.national_id_number
            ):
                raise ValidationError(
                    self.env._(
                        "This is not a valid national identity number or D-number "
                        "(11 digits with two check digits). Check it against the ID document."
                    )
                )

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.partner_id:
            self.name = self.partner_id.name
            self.org_number = self.partner_id.org_number

    def _compute_display_name(self):
        for subject in self:
            subject.display_name = subject.partner_id.display_name or subject.name or ""

    def _search_terms(self):
        """(names, organisation numbers, national ids) to search for this
        subject, all normalised: typed values plus, for a contact, its name,
        other names and numbers."""
        self.ensure_one()
        names = {self.name, self.partner_id.name, *self.partner_id.other_name_ids.mapped("name")}
        # sudo(): the national identity numbers are only sent to the search
        # query as input; they are never returned or displayed.
        subject = self.sudo()
        org_numbers = {self.org_number, self.partner_id.org_number}
        national_ids = {subject.national_id_number, subject.partner_id.national_id_number}
        return (
            {name_key(name) for name in names} - {""},
            {normalise_identifier(number) for number in org_numbers} - {""},
            {normalise_identifier(number) for number in national_ids} - {""},
        )

    @api.model_create_multi
    def create(self, vals_list):
        subjects = super().create(vals_list)
        subjects.check_id._check_editable()
        for subject in subjects:
            if not subject.partner_id and not subject.name:
                raise UserError(
                    self.env._("Give each subject of a conflict check a contact or a name.")
                )
        return subjects

    def write(self, vals):
        self.check_id._check_editable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        self.check_id._check_editable()
