from . import test_time_need_to_know
from . import test_rates
from . import test_billing_wizard
from . import test_client_funds
from . import test_portal_invoice
from .security import test_attack_reports, test_attack_suite
from . import test_tour_billing
