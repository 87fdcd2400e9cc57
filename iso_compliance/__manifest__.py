{
    "name": "ISO Compliance",
    "summary": "ISO 37001 / ISO 9001 certification programme of a regional government: "
    "agencies, certificates, audits, mentoring",
    "description": """
Runs a regency's ISO certification programme inside Odoo: the register of agencies (OPD),
who their compliance officers and Inspectorate mentors are, and who may see what; standards
with their clauses, certification bodies, and the certificate register, whose daily scheduled
action expires certificates and reminds officers and mentors before expiry.
""",
    "version": "18.0.1.2.0",
    "category": "Productivity/ISO Compliance",
    "author": "iso_compliance contributors",
    "license": "LGPL-3",
    "depends": ["base", "mail"],
    "data": [
        "security/iso_compliance_groups.xml",
        "security/ir.model.access.csv",
        "security/iso_compliance_security.xml",
        "data/ir_config_parameter_data.xml",
        "data/iso_standard_data.xml",
        "data/mail_activity_type_data.xml",
        "data/mail_template_data.xml",
        "data/iso_mentoring_stage_data.xml",
        "data/ir_cron_data.xml",
        "views/iso_agency_views.xml",
        "views/iso_standard_views.xml",
        "views/res_partner_views.xml",
        "views/iso_certificate_views.xml",
        "views/iso_audit_views.xml",
        "report/iso_report_templates.xml",
        "report/iso_audit_report.xml",
        "wizard/iso_certificate_state_wizard_views.xml",
        "views/iso_mentoring_views.xml",
        "views/iso_mentoring_session_views.xml",
        "report/iso_mentoring_report.xml",
        "views/res_config_settings_views.xml",
        "views/iso_compliance_settings_views.xml",
        "views/iso_compliance_menus.xml",
    ],
    "demo": [
        "demo/iso_compliance_demo.xml",
        "demo/iso_certificate_demo.xml",
        "demo/iso_mentoring_demo.xml",
        "demo/iso_audit_demo.xml",
    ],
    "assets": {
        # Graph views load lazily in 18.0: their subclasses go in the same bundle.
        "web.assets_backend_lazy": [
            "iso_compliance/static/src/views/*.js",
        ],
        "web.assets_tests": [
            "iso_compliance/static/tests/tours/*.js",
        ],
    },
    "uninstall_hook": "uninstall_hook",
    "application": True,
    "installable": True,
}
