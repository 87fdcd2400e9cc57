from . import test_i18n, test_iso_agency
