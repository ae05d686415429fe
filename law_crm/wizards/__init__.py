from . import law_getting_started
