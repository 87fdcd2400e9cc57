from . import (
    test_zi_click_everywhere,
    test_zi_tours,
)
