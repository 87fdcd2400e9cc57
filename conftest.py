"""Project-wide pytest rules: a skipped test proves nothing, so `make test` fails on any skip
(Odoo skips browser tests without Chromium or websocket-client, for instance)."""

import pytest


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped, which this project counts as a failure: {reason}"
    return report
