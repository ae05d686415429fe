from dateutil.relativedelta import relativedelta
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.no import fodselsnummer

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..names import normalise_identifier

# hvitvaskingsloven: a register extract proves identity only while recent.
REGISTER_EXTRACT_MAX_AGE = relativedelta(months=3)


class LawKyc(models.Model):
    """Customer due diligence under the Anti-Money Laundering Act
    (hvitvaskingsloven §§ 12-13, 18-20): who the client is, how that was
    verified, who owns and controls it, whether it is politically exposed.

    Matters of a type marked as transaction work (``aml_required``) cannot
    be opened, nor created from an inquiry, without a complete and in-date
    record for the client. The national identity number is readable only by
    compliance; the responsible lawyer can have it shown (and that is
    logged); everyone else sees it masked.
    """

    _name = "law.kyc"
    _description = "Customer Due Diligence"
    _inherit = ["mail.thread"]
    _order = "date_verified desc, id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    is_company = fields.Boolean(related="partner_id.is_company", string="Organisation")
    full_name = fields.Char(tracking=True)
    national_id_number = fields.Char(
        string="National Identity Number",
        groups="law_crm.group_law_compliance",
        copy=False,
        help="Fødselsnummer or D-number.",
    )
    national_id_masked = fields.Char(
        string="National ID",
        compute="_compute_national_id_masked",
        store=True,
        help="The last two digits only; compliance and the responsible lawyer can see it all.",
    )
    national_id_entry = fields.Char(
        string="Set National Identity Number",
        compute="_compute_national_id_entry",
        inverse="_inverse_national_id_entry",
        help="Type the number to store it; it is not shown again here.",
    )
    birth_date = fields.Date(help="When the person has no Norwegian identity number.")
    birth_place = fields.Char()
    sex = fields.Selection([("female", "Female"), ("male", "Male"), ("other", "Other")])
    citizenship_id = fields.Many2one("res.country")
    address = fields.Text()
    verification_method = fields.Selection(
        [
            ("passport", "Passport"),
            ("driving_licence", "Driving Licence"),
            ("bank_card", "Bank Card with Photo"),
            ("bankid", "BankID"),
            ("register_extract", "Register Extract"),
        ],
        string="Identity Verified With",
        tracking=True,
    )
    verified_by_id = fields.Many2one("res.users", tracking=True)
    date_verified = fields.Date(string="Verified On", tracking=True)
    register_extract_date = fields.Date(
        help="Date of the extract from the Register of Business Enterprises; "
        "at most 3 months old when identity is verified."
    )
    register_extract_attachment_ids = fields.Many2many("ir.attachment", string="Register Extract")
    representative = fields.Char(
        string="Acts for the Client", help="Who acts for the organisation."
    )
    representative_authority = fields.Char(
        string="Authority", help="Signature right, power of attorney..."
    )
    beneficial_owners = fields.Text(
        help="Natural persons who ultimately own or control the client."
    )
    ownership_structure = fields.Text(string="Ownership and Control")
    purpose = fields.Text(
        string="Purpose and Nature", help="Purpose and intended nature of the relationship."
    )
    pep_status = fields.Selection(
        [
            ("no", "Not Politically Exposed"),
            ("self", "Politically Exposed Person"),
            ("family", "Family Member of a PEP"),
            ("associate", "Close Associate of a PEP"),
        ],
        string="PEP Status",
        default="no",
        required=True,
        tracking=True,
    )
    pep_approved_by_id = fields.Many2one(
        "res.users",
        string="Senior Approval By",
        tracking=True,
        help="A partner of the firm who approved the relationship with a PEP.",
    )
    source_of_funds = fields.Text(string="Source of Funds and Wealth")
    risk_level = fields.Selection(
        [("low", "Low"), ("normal", "Normal"), ("high", "High")],
        default="normal",
        required=True,
        tracking=True,
    )
    date_review = fields.Date(
        string="Next Review",
        tracking=True,
        help="When the client's due diligence must be updated, e.g. sooner for a high-risk client.",
    )
    date_relationship_end = fields.Date(
        string="Relationship Ended",
        tracking=True,
        help="Records are kept five years after this date, then deleted.",
    )
    problems = fields.Text(
        string="Incomplete Because", compute="_compute_problems", help="Empty when complete."
    )

    # -- National identity number ----------------------------------------------

    @api.depends("national_id_number")
    def _compute_national_id_masked(self):
        # Stored compute, so computed as superuser by the ORM: it reads the
        # number and stores nothing but two digits of it.
        for kyc in self:
            number = kyc.national_id_number or ""
            kyc.national_id_masked = number and "•" * 9 + number[-2:]

    def _compute_national_id_entry(self):
        self.national_id_entry = False

    def _inverse_national_id_entry(self):
        for kyc in self.filtered("national_id_entry"):
            number = normalise_identifier(kyc.national_id_entry)
            try:
                fodselsnummer.validate(number)
            except StdnumValidationError as error:
                raise ValidationError(
                    self.env._(
                        "This is not a valid national identity number or D-number "
                        "(11 digits with two check digits). Check it against the ID document."
                    )
                ) from error
            # sudo(): stores what this user typed on a record it may edit; the
            # number is not read back to the user.
            kyc.sudo().national_id_number = number

    def _may_see_national_id(self):
        self.ensure_one()
        user = self.env.user
        if user.has_group("law_crm.group_law_compliance"):
            return True
        return bool(
            self.env["project.project"].search_count(
                [
                    ("is_matter", "=", True),
                    ("partner_id", "child_of", self.partner_id.commercial_partner_id.id),
                    ("user_id", "=", user.id),
                ],
                limit=1,
            )
        )

    def action_show_national_id(self):
        """Show the whole number to compliance or the client's responsible
        lawyer, and log that it was shown."""
        self.ensure_one()
        self.check_access("read")
        if not self._may_see_national_id():
            raise AccessError(
                self.env._(
                    "Only compliance and the client's responsible lawyer may see "
                    "the national identity number."
                )
            )
        # sudo(): the user was just found to be compliance or the client's
        # responsible lawyer, who need the number; the viewing is logged.
        number = self.sudo().national_id_number or self.env._("none recorded")
        self.message_post(
            body=self.env._("National identity number shown to %(user)s.", user=self.env.user.name)
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("National Identity Number"),
                "message": number,
                "sticky": False,
            },
        }

    # -- Completeness ------------------------------------------------------------

    @api.constrains("register_extract_date", "date_verified")
    def _check_register_extract_age(self):
        for kyc in self.filtered(lambda k: k.register_extract_date and k.date_verified):
            if kyc.register_extract_date + REGISTER_EXTRACT_MAX_AGE < kyc.date_verified:
                raise ValidationError(
                    self.env._(
                        "The register extract of %(client)s is dated %(date)s, more than "
                        "3 months before identity was verified. Get a new extract.",
                        client=kyc.partner_id.display_name,
                        date=kyc.register_extract_date,
                    )
                )

    @api.constrains("pep_approved_by_id")
    def _check_pep_approver(self):
        for kyc in self.filtered("pep_approved_by_id"):
            if not kyc.pep_approved_by_id.has_group("law_crm.group_law_partner"):
                raise ValidationError(
                    self.env._(
                        "%(user)s is not a partner of the firm: only a partner can "
                        "approve a relationship with a politically exposed person.",
                        user=kyc.pep_approved_by_id.name,
                    )
                )

    def _kyc_problems(self):
        """Why this record does not (yet) allow transaction work."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        missing = {
            self.env._("identity verification method"): self.verification_method,
            self.env._("who verified"): self.verified_by_id,
            self.env._("verification date"): self.date_verified,
            self.env._("address"): self.address,
            self.env._("purpose and nature of the relationship"): self.purpose,
        }
        if self.is_company:
            missing.update(
                {
                    self.env._("register extract"): self.register_extract_attachment_ids,
                    self.env._("register extract date"): self.register_extract_date,
                    self.env._("who acts for the client"): self.representative,
                    self.env._("beneficial owners"): self.beneficial_owners,
                }
            )
        else:
            missing[self.env._("full name")] = self.full_name
            missing[self.env._("national identity number or date and place of birth")] = (
                self.national_id_masked or (self.birth_date and self.birth_place)
            )
        problems = [
            self.env._("%(item)s missing", item=item)
            for item, value in missing.items()
            if not value
        ]
        if self.pep_status != "no" and not self.pep_approved_by_id:
            problems.append(self.env._("politically exposed: senior approval missing"))
        if self.pep_status != "no" and not self.source_of_funds:
            problems.append(self.env._("politically exposed: source of funds missing"))
        if self.date_review and self.date_review < today:
            problems.append(self.env._("review overdue since %(date)s", date=self.date_review))
        if self.date_relationship_end and self.date_relationship_end <= today:
            problems.append(self.env._("client relationship has ended"))
        return problems

    @api.depends_context("uid")
    def _compute_problems(self):
        for kyc in self:
            kyc.problems = "\n".join(kyc._kyc_problems()) if kyc.partner_id else False

    @api.model
    def _client_kyc_problems(self, partner):
        """Problems of the client's latest due diligence, or that there is none."""
        kyc = self.search(
            [("partner_id", "child_of", partner.commercial_partner_id.id)],
            order="date_verified desc, id desc",
            limit=1,
        )
        if not kyc:
            return [self.env._("no customer due diligence recorded")]
        return kyc._kyc_problems()

    @api.model
    def _check_client_cleared(self, partner, record):
        problems = self._client_kyc_problems(partner)
        if problems:
            raise UserError(
                self.env._(
                    "%(record)s is transaction work and needs complete customer due "
                    "diligence for %(client)s (Anti-Money Laundering Act): %(problems)s.",
                    record=record.display_name,
                    client=partner.display_name,
                    problems="; ".join(problems),
                )
            )
