# The mixins first: Odoo builds models in import order, and others inherit them.
from . import iso_scheduled_mixin  # isort: skip
from . import iso_workflow_mixin  # isort: skip
from . import iso_access_mixin  # isort: skip
from . import iso_cycle_mixin  # isort: skip
from . import iso_compliance_settings_mixin  # isort: skip
from . import (
    ir_actions_report,
    iso_agency,
    iso_agency_bribery,
    iso_audit,
    iso_audit_finding,
    iso_audit_line,
    iso_bribery_risk,
    iso_certificate,
    iso_clause_mapping,
    iso_compliance_settings,
    iso_concern,
    iso_concern_access_log,
    iso_concern_identity,
    iso_concern_rate_limit,
    iso_document,
    iso_document_version,
    iso_due_diligence,
    iso_gratification_note,
    iso_gratification_report,
    iso_gratification_threshold,
    iso_mentoring,
    iso_mentoring_line,
    iso_mentoring_line_register,
    iso_mentoring_session,
    iso_mentoring_stage,
    iso_standard,
    iso_standard_clause,
    mail_activity,
    mail_followers,
    report_iso_document_pack,
    res_company,
    res_config_settings,
    res_partner,
    resource_calendar,
)
