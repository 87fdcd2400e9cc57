import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError


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
    iso_nip = fields.Char(
        string="NIP",
        help="Nomor Induk Pegawai: the 18-digit number of a civil servant, printed under the "
        "signature on the programme's reports with the job position.",
    )

    @api.constrains("iso_nip")
    def _check_iso_nip(self):
        for partner in self:
            if partner.iso_nip and not re.fullmatch(r"\d{18}", partner.iso_nip):
                raise ValidationError(
                    self.env._(
                        "The NIP of %(name)s must be 18 digits, without spaces or dots "
                        "(e.g. 198503122010011004).",
                        name=partner.display_name,
                    )
                )
