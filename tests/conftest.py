"""Fixtures for the suite that drives iso_compliance from outside: odoo-bin in subprocesses,
on databases made for one test module and dropped afterwards."""

import uuid
from pathlib import Path

import pytest
from odoo_runner import OdooRunner


@pytest.fixture(scope="session")
def odoo_cli():
    return OdooRunner()


@pytest.fixture(scope="module")
def new_db(odoo_cli):
    """A name for a database that this test module creates; dropped at the end."""
    name = f"iso_compliance_ext_{uuid.uuid4().hex[:10]}"
    yield name
    odoo_cli.drop_db(name)


@pytest.fixture(scope="session")
def installed_db(odoo_cli):
    """A database with iso_compliance and the feature addons beside it (iso_compliance_*)
    installed without demo data, made once per session for the test modules that only need
    a server to talk to (installing takes minutes on a small machine); dropped at the end.
    Tests that write to it leave it usable for others."""
    name = f"iso_compliance_ext_{uuid.uuid4().hex[:10]}"
    repo = Path(__file__).resolve().parent.parent
    features = sorted(path.parent.name for path in repo.glob("iso_compliance_*/__manifest__.py"))
    addons = ["iso_compliance", *features]
    try:
        odoo_cli.run(
            "-d", name, "-i", ",".join(addons), "--without-demo=all", "--stop-after-init",
            "--no-http",
        )  # fmt: skip
        yield name
    finally:
        odoo_cli.drop_db(name)
