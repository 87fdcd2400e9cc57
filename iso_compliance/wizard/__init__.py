from . import iso_certificate_state_wizard
