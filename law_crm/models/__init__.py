from . import base
from . import law_matter_record_mixin  # before the models that inherit it
from . import law_matter_party
from . import law_matter_type
from . import law_partner_other_name
from . import law_practice_area
from . import project_project
from . import res_partner
from . import res_users
from . import law_mail_router
from . import law_correspondence
from . import law_mail_triage
from . import mail_thread
from . import crm_lead
from . import law_conflict_check
from . import law_conflict_subject
from . import law_conflict_hit
from . import law_kyc
