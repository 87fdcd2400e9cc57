"""The addon's system parameters: their valid ranges, and the one guarded reader that the
scheduled actions and computes use, so that a bad value never stops a job."""

import logging
import re

_logger = logging.getLogger(__name__)

# Whole numbers, {key: (lowest, highest)}; Settings refuse values outside these ranges. No
# setting starts at 0: Settings store 0 as "unset", which means the default.
INT_PARAM_RANGES = {
    "iso_compliance.recertification_lead_days": (1, 365),
    "iso_compliance.suspension_limit_months": (1, 24),
    "iso_compliance.finding_due_days_major": (1, 365),
    "iso_compliance.finding_due_days_minor": (1, 365),
    "iso_compliance.finding_due_days_observation": (0, 365),
    "iso_compliance.finding_due_days_ofi": (0, 365),
    "iso_compliance.mentoring_stall_days": (1, 365),
}
# Reminder thresholds: each a whole number of days in this range, at most this many.
REMINDER_DAYS_RANGE = (1, 730)
MAX_REMINDERS = 12
_INTEGER = re.compile(r"-?[0-9]{1,9}")


def get_int_param(env, key, default, bounds=None):
    """The system parameter `key` as a whole number within its range (`bounds`, or the base's
    INT_PARAM_RANGES; a feature addon passes its own); `default` when it is unset, and, with a
    warning in the log, when it is not such a number."""
    raw = env["ir.config_parameter"].sudo().get_param(key)
    if raw in (None, False, ""):
        return default
    lowest, highest = bounds or INT_PARAM_RANGES[key]
    text = str(raw).strip()
    if _INTEGER.fullmatch(text) and lowest <= int(text) <= highest:
        return int(text)
    _logger.warning(
        "System parameter %s is %r, not a whole number from %s to %s: %s is used instead. "
        "Correct it in Settings.",
        key,
        text[:40],
        lowest,
        highest,
        default,
    )
    return default
