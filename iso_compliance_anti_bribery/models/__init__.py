from . import (
    iso_agency,
    iso_bribery_risk,
    iso_compliance_settings,
    iso_due_diligence,
    iso_gratification_note,
    iso_gratification_report,
    iso_gratification_threshold,
    iso_mentoring_line,
    res_company,
    res_partner,
    resource_calendar,
)
