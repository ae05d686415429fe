from . import (
    test_conflict_check,
    test_conflict_security,
    test_correspondence,
    test_dashboard,
    test_demo_roles,
    test_mail_corpus,
    test_mail_gateway_http,
    test_mail_routing,
    test_matter,
    test_need_to_know,
    test_need_to_know_http,
    test_partner,
)
