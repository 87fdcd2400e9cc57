{
    "name": "ISO Compliance: Reporting Channel",
    "summary": "A public, confidential page to report suspected bribery (/lapor) "
    "and the investigations behind it",
    "version": "18.0.1.2.0",
    "category": "Productivity/ISO Compliance",
    "author": "iso_compliance contributors",
    "license": "LGPL-3",
    "depends": ["iso_compliance"],
    "data": [
        "security/iso_compliance_concern_groups.xml",
        "security/ir.model.access.csv",
        "security/iso_compliance_concern_security.xml",
        "data/ir_config_parameter_data.xml",
        "data/mail_message_subtype_data.xml",
        "data/res_partner_data.xml",
        "data/ir_cron_data.xml",
        "views/iso_concern_views.xml",
        "views/iso_concern_access_log_views.xml",
        "views/iso_concern_summary_views.xml",
        "views/iso_concern_templates.xml",
        "views/iso_agency_views.xml",
        "views/iso_compliance_settings_views.xml",
        "views/iso_compliance_concern_menus.xml",
    ],
    "demo": [
        "demo/iso_concern_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "iso_compliance_concern/static/tests/tours/*.js",
        ],
    },
    "uninstall_hook": "uninstall_hook",
    "installable": True,
}
