from . import (
    test_iso_concern,
    test_iso_concern_access,
    test_iso_concern_agency_access,
    test_iso_concern_deadlines_summary,
    test_iso_concern_public,
    test_iso_concern_side_doors,
)
