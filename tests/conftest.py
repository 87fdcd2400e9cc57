"""Fixtures for the suite that drives the addons from outside: odoo-bin in subprocesses,
on databases made for one test module and dropped afterwards.

Installing the addons with their demo data is the heaviest step of the suite: it is done
once per run (`demo_template`), and the modules that need a demo database get a copy of it
(PostgreSQL copies a database from a template in a second or two)."""

import uuid

import pytest
from odoo_runner import OdooRunner

# The programme's addons; the bridge between the channel and the registers installs itself.
ADDONS = (
    "iso_compliance",
    "iso_compliance_document",
    "iso_compliance_anti_bribery",
    "iso_compliance_concern",
    "iso_compliance_zona_integritas",
)


@pytest.fixture(scope="session")
def odoo_cli():
    return OdooRunner()


def _name(kind):
    return f"iso_compliance_ext_{kind}_{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="module")
def new_db(odoo_cli):
    """A name for a database that this test module creates; dropped at the end."""
    name = _name("db")
    yield name
    odoo_cli.drop_db(name)


@pytest.fixture(scope="session")
def demo_template(odoo_cli):
    """(name, log): a database with every addon and its demo data, installed once per run
    with odoo-bin as an administrator would; only ever copied, never served or changed."""
    name = _name("demo")
    log = odoo_cli.run("-d", name, "-i", ",".join(ADDONS), "--stop-after-init", "--no-http")
    yield name, log
    odoo_cli.drop_db(name)


@pytest.fixture(scope="module")
def demo_db(odoo_cli, demo_template):
    """A copy of the demo database (and its files) for this test module; dropped at the end."""
    name = _name("copy")
    odoo_cli.copy_db(demo_template[0], name)
    yield name
    odoo_cli.drop_db(name)


@pytest.fixture(scope="module")
def installed_db(demo_db):
    """A database with every addon installed, for the test modules that only need a server
    to talk to: a copy of the run's demo database (copying it takes seconds, installing
    minutes on a small machine). Tests that write to it leave it usable for the module."""
    return demo_db
