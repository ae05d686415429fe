import logging
import re

from odoo import api, models
from odoo.fields import Domain
from odoo.tools import email_normalize_all, html2plaintext

from .. import inbound_email

_logger = logging.getLogger(__name__)

MATTER_ALIAS_PREFIX = "sak-"
_MATTER_ALIAS_RE = re.compile(r"^sak-\d{4}-\d+$")


class LawMailRouter(models.AbstractModel):
    """Where an inbound email belongs: the firm's rules on top of Odoo's routing.

    Odoo's gateway (``mail.thread.message_route``) finds the route: a reply to
    a known message, a matter's own alias, or the firm's logging alias. This
    model then applies, per route:

    * logging alias: the matter number in the subject, then the thread the
      email answers, then the one open matter of the people in it that the
      forwarding lawyer may see; otherwise the triage queue;
    * any route onto a matter: a confidential matter only takes email from
      people it knows, and never from a user behind its ethical wall; such
      email goes to triage restricted to the matter's own people;
    * unknown matter addresses go to triage too, so the gateway answers every
      ``sak-…`` address the same way and a bounce never tells an outsider
      whether a matter exists.

    Nothing is dropped: every email ends on a matter or in triage, or is a
    bounce that Odoo's own bounce handling records.
    """

    _name = "law.mail.router"
    _description = "Email-to-Matter Routing"

    @api.model
    def _reroute(self, message_dict, routes):
        """The routes Odoo found, with the firm's rules applied."""
        return [self._reroute_one(message_dict, route) for route in routes]

    def _reroute_one(self, message_dict, route):
        model, thread_id, _custom_values, user_id, alias = route
        if model == "law.mail.triage" and not thread_id:
            return self._route_logged_email(message_dict, route)
        if model == "project.project" and thread_id:
            matter = self.env["project.project"].sudo().browse(thread_id)
            if matter.is_matter:
                return self._guard_matter(message_dict, matter, user_id, alias) or route
        return route

    @api.model
    def _route_unknown_address(self, message_dict):
        """A route to triage for email to a matter address that does not
        exist, or None when no recipient looks like one."""
        locals_ = {email.partition("@")[0] for email in self._recipients(message_dict)}
        if not any(_MATTER_ALIAS_RE.match(local) for local in locals_):
            return None
        _logger.info(
            "law_crm gateway: %s to unknown matter address %s goes to triage",
            message_dict.get("message_id"),
            message_dict.get("to"),
        )
        return self._triage_route(message_dict, self.env.uid, reason="unknown_address")

    # ------------------------------------------------------------------
    # the logging alias
    # ------------------------------------------------------------------

    def _route_logged_email(self, message_dict, route):
        user = self._forwarding_user(message_dict)
        matters = self._matters_by_number(message_dict)
        how = "matter number"
        if not matters:
            matters, how = self._matters_by_thread(message_dict), "thread"
        if not matters:
            matters, how = self._matters_by_people(message_dict, user), "people"
        if len(matters) > 1:
            return self._triage_route(
                message_dict, route[3], reason="ambiguous", candidates=matters, user=user
            )
        if not matters:
            return self._triage_route(message_dict, route[3], reason="no_match", user=user)
        guarded = self._guard_matter(message_dict, matters, route[3], route[4], user=user)
        if guarded:
            return guarded
        _logger.info(
            "law_crm gateway: %s filed on matter %s by %s",
            message_dict.get("message_id"),
            matters.id,
            how,
        )
        return ("project.project", matters.id, {}, route[3], route[4])

    def _matters_by_number(self, message_dict):
        numbers = inbound_email.find_matter_numbers(message_dict.get("subject"))
        if not numbers:
            return self.env["project.project"]
        return (
            self.env["project.project"]
            .sudo()
            .with_context(active_test=False)
            .search([("is_matter", "=", True), ("matter_number", "in", numbers)])
        )

    def _matters_by_thread(self, message_dict):
        """The matter of the message this email answers, when it is on one.

        Odoo routes a reply by itself, except when it is sent to an alias of
        another model (here: the logging alias), which it treats as new mail.
        """
        references = (
            (message_dict.get("references") or "") + " " + (message_dict.get("in_reply_to") or "")
        )
        message_ids = re.findall(r"<[^>]+>", references)[-32:]
        if not message_ids:
            return self.env["project.project"]
        parents = (
            self.env["mail.message"]
            .sudo()
            .search(
                [("message_id", "in", message_ids), ("model", "=", "project.project")],
                order="id desc",
                limit=1,
            )
        )
        return self.env["project.project"].sudo().browse(parents.res_id).filtered("is_matter")

    def _matters_by_people(self, message_dict, user):
        """Open matters of the people in the email, if the forwarding user
        sees exactly one of them (an external sender sees none that are
        confidential)."""
        emails = set(self._recipients(message_dict))
        emails.update(email_normalize_all(message_dict.get("email_from") or ""))
        forward = self._forward(message_dict)
        if forward:
            emails.add(forward[1])
        firm_users = (
            self.env["res.users"]
            .sudo()
            .search([("share", "=", False), ("email_normalized", "in", list(emails))])
        )
        emails -= set(firm_users.mapped("email_normalized"))
        if not emails:
            return self.env["project.project"]
        partners = self.env["res.partner"].sudo().search([("email_normalized", "in", list(emails))])
        if not partners:
            return self.env["project.project"]
        people = partners | partners.commercial_partner_id
        domain = (
            Domain("is_matter", "=", True)
            & Domain("state", "in", ["intake", "open"])
            & (
                Domain("partner_id", "in", people.ids)
                | Domain("party_ids.partner_id", "in", people.ids)
            )
        )
        if user:
            return self.env["project.project"].with_user(user).search(domain).sudo()
        return (
            self.env["project.project"]
            .sudo()
            .search(domain & Domain("confidentiality", "=", "normal"))
        )

    # ------------------------------------------------------------------
    # confidentiality and walls
    # ------------------------------------------------------------------

    def _guard_matter(self, message_dict, matter, route_user_id, alias, user=None):
        """A triage route when this email must not land on ``matter``, else None."""
        user = user if user is not None else self._forwarding_user(message_dict)
        if user:
            if matter.with_user(user).has_access("read"):
                return None
            return self._triage_route(
                message_dict, route_user_id, reason="not_visible", restricted=matter
            )
        if matter.confidentiality == "normal" or self._known_to(matter, message_dict):
            return None
        return self._triage_route(
            message_dict, route_user_id, reason="unknown_sender", restricted=matter
        )

    def _known_to(self, matter, message_dict):
        author = self.env["res.partner"].sudo().browse(message_dict.get("author_id")).exists()
        if not author:
            return False
        known = (
            matter.partner_id
            | matter.partner_id.commercial_partner_id
            | matter.party_ids.partner_id
            | matter.message_partner_ids
        )
        return author in known or author.commercial_partner_id in known

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------

    def _triage_route(
        self, message_dict, route_user_id, reason, candidates=None, restricted=None, user=None
    ):
        values = {"reason": reason}
        if candidates:
            values["candidate_matter_ids"] = [(6, 0, candidates.ids)]
        if restricted:
            values["restricted_matter_id"] = restricted.id
            values["responsible_user_id"] = restricted.user_id.id
        elif user:
            values["responsible_user_id"] = user.id
        _logger.info(
            "law_crm gateway: %s from %s goes to triage (%s)",
            message_dict.get("message_id"),
            message_dict.get("email_from"),
            reason,
        )
        alias = self.env.ref("law_crm.mail_alias_logging", raise_if_not_found=False)
        return ("law.mail.triage", False, values, route_user_id, alias or None)

    def _forwarding_user(self, message_dict):
        """The firm's user who sent (or forwarded) this email, if any."""
        emails = email_normalize_all(message_dict.get("email_from") or "")
        if not emails:
            return self.env["res.users"]
        return (
            self.env["res.users"]
            .sudo()
            .search([("share", "=", False), ("email_normalized", "=", emails[0])], limit=1)
        )

    def _forward(self, message_dict):
        if not inbound_email.is_forward(message_dict.get("subject")):
            return None
        return inbound_email.parse_forward(html2plaintext(message_dict.get("body") or ""))

    def _recipients(self, message_dict):
        """Normalised addresses of To, Cc and the envelope, minus our aliases."""
        emails = set()
        for header in ("to", "cc", "recipients"):
            emails.update(email_normalize_all(message_dict.get(header) or ""))
        aliases = self.env["mail.alias"].sudo().search([("alias_full_name", "in", list(emails))])
        return sorted(emails - set(aliases.mapped("alias_full_name")))
