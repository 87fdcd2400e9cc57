from odoo import models

from .iso_confidential_mixin import confidential_models


class IrBinary(models.AbstractModel):
    """Downloading a file of a confidential record (``/web/content``) is reading the record."""

    _inherit = "ir.binary"

    def _find_record_check_access(self, record, access_token, field):
        result = super()._find_record_check_access(record, access_token, field)
        if self.env.su:
            return result
        names = confidential_models(self.env)
        if record._name in names:
            record._iso_log_read()
        elif record._name == "ir.attachment":
            attachment = record.sudo()
            if attachment.res_model in names and attachment.res_id:
                self.env[attachment.res_model].browse(attachment.res_id)._iso_log_read()
        return result
