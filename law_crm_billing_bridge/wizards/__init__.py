from . import law_billing_wizard
