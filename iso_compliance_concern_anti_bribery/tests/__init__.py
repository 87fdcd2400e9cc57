from . import test_iso_concern_risk
