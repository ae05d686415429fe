from . import (
    base,
    law_matter_party,
    law_matter_type,
    law_partner_other_name,
    law_practice_area,
    project_project,
    res_partner,
    res_users,
)
