from . import test_attack_suite
