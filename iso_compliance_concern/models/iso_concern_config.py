"""The reporting channel's system parameters and their valid ranges (the base's
iso_config.get_int_param reads them, within these ranges)."""

from odoo.addons.iso_compliance.models.iso_config import get_int_param as _get_int_param

CONCERN_PARAM_RANGES = {
    "iso_compliance.concern_ack_days": (1, 60),
    "iso_compliance.concern_assess_days": (1, 180),
    "iso_compliance.concern_feedback_days": (1, 180),
    "iso_compliance.concern_investigation_days": (1, 365),
    "iso_compliance.concern_submit_limit": (1, 1000),
    "iso_compliance.concern_status_limit": (1, 1000),
    "iso_compliance.concern_retention_years": (1, 30),
}


def get_int_param(env, key, default):
    """The channel's system parameter `key` as a whole number within its range."""
    return _get_int_param(env, key, default, CONCERN_PARAM_RANGES[key])
