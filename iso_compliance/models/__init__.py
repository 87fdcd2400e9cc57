from . import (
    iso_agency,
    iso_certificate,
    iso_standard,
    iso_standard_clause,
    res_config_settings,
    res_partner,
)
