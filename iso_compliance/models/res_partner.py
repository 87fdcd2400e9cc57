from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    is_certification_body = fields.Boolean(
        string="Certification Body",
        help="An accredited body that audits and certifies management systems "
        "(a KAN-accredited LS SMAP or LSSM, e.g. PT Mutu Agung Lestari).",
    )
    kan_accreditation_number = fields.Char(
        string="KAN Accreditation Number",
        help="Number of the body's accreditation by Komite Akreditasi Nasional (KAN).",
    )
    kan_accreditation_expiry = fields.Date(
        string="Accreditation Valid Until",
        help="Certificates issued after this date by a body whose accreditation lapsed are "
        "not recognised.",
    )
