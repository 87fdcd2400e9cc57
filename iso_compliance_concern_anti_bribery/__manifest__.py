{
    "name": "ISO Compliance: Reporting Channel and Anti-Bribery Registers",
    "summary": "Links a reported case to the bribery risk it shows (bridge, installed by itself)",
    "version": "18.0.1.0.0",
    "category": "Productivity/ISO Compliance",
    "author": "iso_compliance contributors",
    "license": "LGPL-3",
    "depends": ["iso_compliance_concern", "iso_compliance_anti_bribery"],
    "data": [
        "security/ir.model.access.csv",
        "security/iso_compliance_concern_anti_bribery_security.xml",
        "views/iso_concern_views.xml",
    ],
    "auto_install": True,
    "installable": True,
}
