from . import test_demo_roles, test_matter, test_need_to_know, test_need_to_know_http, test_partner
from . import test_conflict_check, test_conflict_security
