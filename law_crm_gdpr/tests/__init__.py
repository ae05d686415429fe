from . import (
    test_breach,
    test_consent,
    test_export,
    test_mailing,
    test_registers,
    test_request,
    test_security,
    test_security_http,
)
