from . import (
    test_i18n,
    test_iso_access,
    test_iso_agency,
    test_iso_audit,
    test_iso_bad_input,
    test_iso_certificate,
    test_iso_certificate_cron,
    test_iso_deletion,
    test_iso_mentoring,
    test_iso_mentoring_cron,
    test_iso_mentoring_tour,
    test_iso_standard,
)
