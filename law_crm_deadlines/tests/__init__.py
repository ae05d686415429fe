from . import test_deadline, test_reminders
