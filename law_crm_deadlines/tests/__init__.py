from . import test_deadline, test_reminders, test_tour_lawyer_phone
