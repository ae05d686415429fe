from . import law_billing_wizard
from . import law_getting_started
