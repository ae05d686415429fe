from . import law_mail_merge
