from odoo import api, fields, models


class LawGettingStarted(models.TransientModel):
    """The getting-started page: what to configure first in a new database.

    It is the home action of the administrator of a fresh database
    (``data/res_users_data.xml``) until they dismiss it, and stays reachable
    from *Law > Configuration > Getting Started*. Each step says what the
    setting is for, how far it is set up, and opens its configuration screen.
    The billing and GDPR addons add their steps (rates, retention policies).
    """

    _name = "law.getting.started"
    _description = "Getting Started"

    practice_area_count = fields.Integer(compute="_compute_counts")
    matter_type_count = fields.Integer(compute="_compute_counts")
    alias_domain_id = fields.Many2one(
        "mail.alias.domain",
        string="Mail Domain",
        compute="_compute_mail",
        help="The firm's mail domain: the logging address and each matter's own address are on it.",
    )
    logging_address = fields.Char(
        compute="_compute_mail",
        help="Email copied or forwarded here is filed on its matter, or waits in "
        "Email Triage when the gateway cannot tell which matter it belongs to.",
    )
    is_home = fields.Boolean(
        string="Shown at Login",
        compute="_compute_is_home",
        help="This page opens when you log in, until you dismiss it.",
    )

    def _compute_display_name(self):
        self.display_name = self.env._("Getting Started")

    def _counted_models(self):
        """{count field: model} of what the page counts; the addons add theirs."""
        return {"practice_area_count": "law.practice.area", "matter_type_count": "law.matter.type"}

    @api.depends_context("uid")
    def _compute_counts(self):
        """Records the user may see of each counted model; 0 when they may see none."""
        counts = {
            field: self.env[model].search_count([]) if self.env[model].has_access("read") else 0
            for field, model in self._counted_models().items()
        }
        for page in self:
            page.update(counts)

    @api.depends_context("company")
    def _compute_mail(self):
        domain = self.env.company.alias_domain_id
        alias = self.env.ref("law_crm.mail_alias_logging", raise_if_not_found=False)
        address = f"{alias.alias_name}@{domain.name}" if domain and alias else False
        for page in self:
            page.alias_domain_id = domain
            page.logging_address = address

    def _home_action(self):
        return self.env.ref("law_crm.law_getting_started_action")

    @api.depends_context("uid")
    def _compute_is_home(self):
        for page in self:
            page.is_home = self.env.user.action_id.id == self._home_action().id

    @api.model
    def action_open(self):
        """The page, on a record of its own (the home action runs this)."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "law_crm.law_getting_started_form_action"
        )
        action["res_id"] = self.create({}).id
        return action

    def action_dismiss(self):
        """Stop opening this page at login, and go to the user's home."""
        if self.env.user.action_id.id == self._home_action().id:
            self.env.user.action_id = False
        return {"type": "ir.actions.act_url", "url": "/odoo", "target": "self"}

    def action_show_at_login(self):
        self.env.user.action_id = self._home_action().id
        return {"type": "ir.actions.client", "tag": "soft_reload"}
