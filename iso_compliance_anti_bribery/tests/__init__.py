from . import (
    test_iso_anti_bribery_access,
    test_iso_anti_bribery_pdf,
    test_iso_bribery_risk,
    test_iso_compliance_settings,
    test_iso_due_diligence,
    test_iso_gratification,
    test_iso_gratification_deadlines,
    test_iso_gratification_exceptions,
    test_iso_gratification_kpk,
    test_iso_gratification_tour,
    test_iso_regency_page_tour,
    test_iso_register_tie_in,
)
