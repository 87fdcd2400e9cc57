from werkzeug.exceptions import RequestEntityTooLarge

from odoo import models
from odoo.http import request

from ..controllers.concern import ConcernController

# The route whose size limit the reporting page explains itself.
SUBMIT_PATH = "/lapor/kirim"


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _handle_error(cls, exception):
        """A report too large for the route is refused before the page sees it: answer with
        the page's own form and message, in Indonesian, rather than Odoo's English error."""
        if (
            isinstance(exception, RequestEntityTooLarge)
            and request
            and request.httprequest.path == SUBMIT_PATH
        ):
            return ConcernController()._too_large()
        return super()._handle_error(exception)
