from . import (
    law_dashboard,
    law_deadline,
    law_deadline_rule,
    law_matter_event,
    law_matter_event_type,
    project_project,
    res_users,
)
