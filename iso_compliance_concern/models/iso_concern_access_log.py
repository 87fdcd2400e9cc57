from odoo import fields, models


class IsoConcernAccessLog(models.Model):
    """Who read a case's content, and when: written by the case itself (see
    ``iso.concern._log_access``), read by the handlers, changed by nobody."""

    _name = "iso.concern.access.log"
    _description = "Case Access Log"
    _order = "date desc, id desc"
    _log_access = False

    concern_id = fields.Many2one(
        "iso.concern", string="Case", required=True, ondelete="cascade", index=True, readonly=True
    )
    user_id = fields.Many2one(
        "res.users", string="Read By", required=True, ondelete="restrict", readonly=True
    )
    date = fields.Datetime(
        string="Read On", required=True, default=fields.Datetime.now, readonly=True
    )
    company_id = fields.Many2one(related="concern_id.company_id", store=True)
