from . import (
    test_breach,
    test_consent,
    test_export,
    test_log,
    test_log_http,
    test_mailing,
    test_registers,
    test_request,
    test_restriction,
    test_retention,
    test_security,
    test_security_http,
)
