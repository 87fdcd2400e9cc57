from . import (
    test_zi_access,
    test_zi_click_everywhere,
    test_zi_field_access,
    test_zi_performance,
    test_zi_reports,
    test_zi_scoring,
    test_zi_tours,
    test_zi_workflow,
)
