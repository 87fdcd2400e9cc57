from . import test_iso_concern_risk, test_iso_concern_working_days
