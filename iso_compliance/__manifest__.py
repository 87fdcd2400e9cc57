{
    "name": "ISO Compliance",
    "summary": "ISO 37001 / ISO 9001 certification programme of a regional government: "
    "agencies, certificates, audits, mentoring",
    "description": """
Runs a regency's ISO certification programme inside Odoo: the register of agencies (OPD),
who their compliance officers and Inspectorate mentors are, and who may see what.
""",
    "version": "18.0.1.0.0",
    "category": "Productivity/ISO Compliance",
    "author": "iso_compliance contributors",
    "license": "LGPL-3",
    "depends": ["base", "mail"],
    "data": [
        "security/iso_compliance_groups.xml",
        "security/ir.model.access.csv",
        "security/iso_compliance_security.xml",
        "views/iso_agency_views.xml",
        "views/iso_compliance_menus.xml",
    ],
    "demo": [
        "demo/iso_compliance_demo.xml",
    ],
    "application": True,
    "installable": True,
}
