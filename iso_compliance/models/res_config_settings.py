from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    """The addon's section of the Settings app (administrators): which of the programme's
    feature addons are installed, as core and OCA offer theirs (``module_*`` fields install
    or uninstall the addon on save). The programme's parameters have one page of their own,
    ISO Compliance > Configuration > Settings, which this section links to."""

    _inherit = "res.config.settings"

    module_iso_compliance_document = fields.Boolean(
        string="Document Register",
        help="Controlled documents with versions and approval, clause mapping between ISO "
        "9001 and ISO 37001, the document pack for auditors.",
    )
    module_iso_compliance_anti_bribery = fields.Boolean(
        string="Anti-Bribery Registers",
        help="Bribery risk register, due diligence and gratification control (KPK deadlines "
        "on the regency's working days).",
    )
    module_iso_compliance_concern = fields.Boolean(
        string="Reporting Channel",
        help="The public, confidential page to report suspected bribery (/lapor) and the "
        "investigations behind it. It opens a page to the internet.",
    )
    module_iso_compliance_zona_integritas = fields.Boolean(
        string="Zona Integritas",
        help="The units' Zona Integritas self-assessment (LKE, PermenPANRB 90/2021) and the "
        "Inspectorate's evaluation (TPI); installs the three features above with it.",
    )

    def action_open_iso_compliance_settings(self):
        return self.env["ir.actions.act_window"]._for_xml_id(
            "iso_compliance.iso_compliance_settings_action"
        )
