from datetime import timedelta

from odoo import api, fields, models
from odoo.tools.misc import hmac

from .iso_concern_config import get_int_param

DEFAULT_SUBMIT_LIMIT = 5
DEFAULT_STATUS_LIMIT = 20
RATE_WINDOW = timedelta(hours=1)
LIMIT_PARAMS = {
    "submit": ("iso_compliance.concern_submit_limit", DEFAULT_SUBMIT_LIMIT),
    "status": ("iso_compliance.concern_status_limit", DEFAULT_STATUS_LIMIT),
}


class IsoConcernRateLimit(models.Model):
    """How many times an address used the public reporting page in an hour. The address is
    kept only as a keyed hash (HMAC with the database secret): the table says how often, not
    who. Nobody has access rights to it; the public page counts through the superuser."""

    _name = "iso.concern.rate.limit"
    _description = "Reporting Page Rate Limit"
    _log_access = False

    key = fields.Char(string="Address (keyed hash)", required=True, index=True)
    scope = fields.Selection(
        [
            ("submit", "Reports Submitted"),
            ("status", "Status Look-ups"),
            ("form", "Form Used"),
        ],
        required=True,
    )
    window_start = fields.Datetime(string="Hour", required=True)
    count = fields.Integer(string="Uses", required=True, default=0)

    _sql_constraints = [
        ("window_unique", "unique(key, scope, window_start)", "One counter per address and hour.")
    ]

    @api.model
    def _hit(self, scope, address, now=None):
        """Count one use of `scope` (submit, status) by `address`; whether it stays within
        the hourly limit set in Settings."""
        now = now or fields.Datetime.now()
        window = now.replace(minute=0, second=0, microsecond=0)
        key = hmac(self.env(su=True), "iso_concern_rate_limit", address or "unknown")
        param, default = LIMIT_PARAMS[scope]
        limit = get_int_param(self.env, param, default)
        # One statement, so that simultaneous requests all count (an ORM read-then-write
        # would lose some); the unique constraint is its conflict target.
        self.env.cr.execute(
            """
            INSERT INTO iso_concern_rate_limit (key, scope, window_start, count)
            VALUES (%s, %s, %s, 1)
            ON CONFLICT (key, scope, window_start)
            DO UPDATE SET count = iso_concern_rate_limit.count + 1
            RETURNING count
            """,
            (key, scope, window),
        )
        (count,) = self.env.cr.fetchone()
        self.invalidate_model()
        return count <= limit

    @api.model
    def _use_form_once(self, token, served):
        """Whether the form token `token` (served at the moment `served`) is used here for
        the first time: a form is sent once. Kept as a keyed hash, like the addresses."""
        key = hmac(self.env(su=True), "iso_concern_form_used", token)
        self.env.cr.execute(
            """
            INSERT INTO iso_concern_rate_limit (key, scope, window_start, count)
            VALUES (%s, 'form', %s, 1)
            ON CONFLICT (key, scope, window_start)
            DO UPDATE SET count = iso_concern_rate_limit.count + 1
            RETURNING count
            """,
            (key, served),
        )
        (count,) = self.env.cr.fetchone()
        self.invalidate_model()
        return count == 1

    @api.model
    def _cron_forget(self):
        """Counters older than a day serve nothing: delete them."""
        self.sudo().search(
            [("window_start", "<", fields.Datetime.now() - timedelta(days=1))]
        ).unlink()
