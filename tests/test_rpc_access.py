"""The demo users of a real server, over XML-RPC: what each role may see and change."""

import contextlib
import xmlrpc.client

import pytest

ACCESS_ERROR = 4  # Odoo's XML-RPC fault code for AccessError (base/controllers/rpc.py)


@contextlib.contextmanager
def refused():
    """The call inside must fail with Odoo's AccessError, not any other fault."""
    with pytest.raises(xmlrpc.client.Fault) as fault:
        yield
    assert fault.value.faultCode == ACCESS_ERROR, fault.value.faultString


class Session:
    """One user logged in over XML-RPC."""

    def __init__(self, url, db, login):
        self.db, self.password = db, login  # demo users' password is their login
        self.uid = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common").authenticate(
            db, login, login, {}
        )
        assert self.uid, f"demo user {login} cannot log in"
        self.models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)

    def __call__(self, model, method, *args, **kwargs):
        return self.models.execute_kw(
            self.db, self.uid, self.password, model, method, list(args), kwargs
        )

    def agency(self, code):
        (agency_id,) = self("iso.agency", "search", [("code", "=", code)])
        return agency_id


@pytest.fixture(scope="module")
def server(odoo_cli, new_db):
    odoo_cli.run("-d", new_db, "-i", "iso_compliance", "--stop-after-init", "--no-http")
    proc, url = odoo_cli.serve(new_db)
    yield url
    proc.terminate()
    proc.wait(timeout=60)


@pytest.fixture(scope="module")
def admin(server, new_db):
    session = Session(server, new_db, "admin")
    return session


def test_officer_sees_only_own_agency(server, new_db, admin):
    officer = Session(server, new_db, "officer.disdukcapil")
    agencies = officer("iso.agency", "search_read", [], fields=["code"])
    assert [a["code"] for a in agencies] == ["DISDUKCAPIL"]
    with refused():
        officer("iso.agency", "read", [admin.agency("DINKES")], fields=["name"])
    with refused():
        officer("iso.agency", "write", [admin.agency("DISDUKCAPIL")], {"name": "Renamed"})


def test_mentor_reads_all_and_edits_assigned_only(server, new_db, admin):
    mentor = Session(server, new_db, "mentor.a")
    assert mentor("iso.agency", "search_count", []) == admin("iso.agency", "search_count", [])
    assert mentor("iso.agency", "write", [admin.agency("RSUD")], {"is_public_service": True})
    with refused():
        mentor("iso.agency", "write", [admin.agency("DISDUKCAPIL")], {"note": "<p>x</p>"})
    with refused():
        mentor("iso.agency", "unlink", [admin.agency("RSUD")])


def test_manager_creates_archives_and_deletes(server, new_db):
    manager = Session(server, new_db, "inspektur")
    new_id = manager("iso.agency", "create", {"name": "Dinas Perhubungan", "code": "dishub"})
    assert manager("iso.agency", "read", [new_id], fields=["code"])[0]["code"] == "DISHUB"
    assert manager("iso.agency", "write", [new_id], {"active": False})
    assert manager("iso.agency", "search", [("id", "=", new_id)]) == []
    assert manager("iso.agency", "unlink", [new_id])
