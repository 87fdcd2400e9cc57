from . import (
    iso_agency,
    iso_compliance_settings,
    iso_concern,
    iso_concern_access_log,
    iso_concern_identity,
    iso_concern_rate_limit,
    mail_activity,
    mail_followers,
)
