from . import mail_compose_message
from . import law_getting_started
