from odoo import models

from .iso_confidential_mixin import confidential_models


class IrBinary(models.AbstractModel):
    """Downloading a file of a confidential record (``/web/content``) is reading the record."""

    _inherit = "ir.binary"

    def _record_to_stream(self, record, field_name):
        stream = super()._record_to_stream(record, field_name)
        # After the stream: reading the file checked the user's rights first (reading the
        # attachment through the superuser before would fill the cache and skip them).
        if self.env.su or record.env.su:
            return stream
        names = confidential_models(self.env)
        if record._name in names:
            record._iso_log_read()
        elif record._name == "ir.attachment" and record.res_model in names and record.res_id:
            self.env[record.res_model].browse(record.res_id)._iso_log_read()
        return stream
