"""Project-wide pytest rules: a skipped test proves nothing, so `make test` fails on any skip
(Odoo skips browser tests without Chromium or websocket-client, for instance); and one false
alarm of pytest-odoo's import order is kept out of the log."""

import logging

import pytest


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped, which this project counts as a failure: {reason}"
    return report


class _ImportOrderFalseAlarm(logging.Filter):
    """pytest-odoo imports Odoo's test framework right after parsing Odoo's options and
    before it turns Odoo's test mode on (it does so around each test module), so Odoo logs
    an ERROR "Importing test framework, avoid importing from business modules and when not
    running in test mode", with a stack trace, on every run. Nothing is wrong: hide that one
    message so that an ERROR in the test output means something."""

    def filter(self, record):
        return not record.getMessage().startswith("Importing test framework, avoid importing")


logging.getLogger("odoo.tests.common").addFilter(_ImportOrderFalseAlarm())
