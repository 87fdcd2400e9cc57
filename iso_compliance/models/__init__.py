# The mixins first: Odoo builds models in import order, and others inherit them.
from . import iso_scheduled_mixin  # isort: skip
from . import iso_workflow_mixin  # isort: skip
from . import iso_access_mixin  # isort: skip
from . import iso_cycle_mixin  # isort: skip
from . import iso_compliance_settings_mixin  # isort: skip
from . import iso_confidential_mixin  # isort: skip
from . import (
    base,
    ir_actions_report,
    ir_attachment,
    ir_binary,
    iso_agency,
    iso_audit,
    iso_audit_finding,
    iso_audit_line,
    iso_certificate,
    iso_compliance_settings,
    iso_mentoring,
    iso_mentoring_line,
    iso_mentoring_session,
    iso_mentoring_stage,
    iso_standard,
    iso_standard_clause,
    mail_activity,
    mail_followers,
    mail_mail,
    mail_message,
    mail_notification,
    mail_thread,
    mail_tracking_value,
    res_config_settings,
    res_groups,
    res_partner,
    res_users,
)
