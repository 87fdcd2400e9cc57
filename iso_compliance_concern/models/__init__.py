from . import (
    ir_http,
    iso_agency,
    iso_compliance_settings,
    iso_concern,
    iso_concern_access_log,
    iso_concern_identity,
    iso_concern_rate_limit,
    iso_concern_summary,
    res_groups,
    res_users,
)
