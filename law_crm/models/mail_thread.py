import logging
from itertools import islice

from markupsafe import Markup

from odoo import api, models

_logger = logging.getLogger(__name__)

# More MIME parts than any real letter has: beyond this the email is kept
# whole as one .eml attachment instead of being taken apart.
MAX_MIME_PARTS = 250


class MailThread(models.AbstractModel):
    """The mail gateway's routing, with the firm's rules applied on top.

    Odoo finds the routes (replies, aliases, fallback); ``law.mail.router``
    then decides what a matter may receive and where the logging alias's mail
    goes. Email to an unknown matter address goes to triage instead of
    Odoo's "no route" error (see ``law.mail.router``).
    """

    _inherit = "mail.thread"

    @api.model
    def message_route(self, message, message_dict, model=None, thread_id=None, custom_values=None):
        router = self.env["law.mail.router"]
        try:
            routes = super().message_route(
                message, message_dict, model=model, thread_id=thread_id, custom_values=custom_values
            )
        except ValueError:
            route = router._route_unknown_address(message_dict)
            if not route:
                raise
            return [route]
        return router._reroute(message_dict, routes)

    def _message_parse_extract_payload(self, message, message_dict, save_original=False):
        """Bound the work per email: a message nested thousands of parts deep
        (mail loops, attacks) would take minutes to take apart and flood the
        matter with attachments. It is kept whole instead, as ``original.eml``
        on the message, so nothing is lost and it can still be opened."""
        if next(islice(message.walk(), MAX_MIME_PARTS, None), None) is None:
            return super()._message_parse_extract_payload(message, message_dict, save_original)
        _logger.warning(
            "law_crm gateway: %s has more than %d MIME parts; kept whole as original.eml",
            message_dict.get("message_id"),
            MAX_MIME_PARTS,
        )
        notice = self.env._(
            "This email has more than %(count)s parts and was not taken apart; "
            "the original is attached.",
            count=MAX_MIME_PARTS,
        )
        attachment = self._Attachment("original.eml", message.as_bytes(), {})
        return {"body": Markup("<p>%s</p>") % notice, "attachments": [attachment]}
