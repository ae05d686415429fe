from . import (
    test_dashboard,
    test_deadline,
    test_digest,
    test_reminders,
    test_status_report,
    test_tour_lawyer_phone,
)
