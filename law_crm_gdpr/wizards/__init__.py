from . import mail_compose_message
from . import law_getting_started
from . import law_mail_merge
