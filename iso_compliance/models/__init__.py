# The mixin first: Odoo builds models in import order, and others inherit it.
from . import iso_scheduled_mixin  # isort: skip
from . import (
    iso_agency,
    iso_certificate,
    iso_standard,
    iso_standard_clause,
    res_config_settings,
    res_partner,
)
