{
    "name": "ISO Compliance: Zona Integritas",
    "summary": "Units' Zona Integritas self-assessment (LKE, PermenPANRB 90/2021) and the "
    "Inspectorate's evaluation (TPI) on the evidence the agencies already keep",
    "version": "18.0.1.0.0",
    "category": "Productivity/ISO Compliance",
    "author": "iso_compliance contributors",
    "license": "LGPL-3",
    "depends": [
        "iso_compliance",
        "iso_compliance_document",
        "iso_compliance_anti_bribery",
        "iso_compliance_concern",
    ],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/iso_compliance_zona_integritas_groups.xml",
        "security/ir.model.access.csv",
        "security/iso_compliance_zona_integritas_security.xml",
        "data/iso_zi_lke_2026_data.xml",
        "report/iso_zi_report.xml",
        "views/iso_zi_template_views.xml",
        "views/iso_zi_node_views.xml",
        "views/iso_zi_question_views.xml",
        "views/iso_zi_pass_mark_views.xml",
        "views/iso_zi_period_views.xml",
        "views/iso_zi_assessment_line_views.xml",
        "views/iso_zi_assessment_views.xml",
        "views/iso_zi_score_views.xml",
        "views/iso_compliance_zona_integritas_menus.xml",
    ],
    "demo": ["demo/iso_zi_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "iso_compliance_zona_integritas/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
