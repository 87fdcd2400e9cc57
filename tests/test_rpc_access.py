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
def new_db(demo_db):
    """The demo database of every addon (a copy of the run's)."""
    return demo_db


@pytest.fixture(scope="module")
def server(odoo_cli, new_db):
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


INVALID = 2  # Odoo's XML-RPC fault code for UserError and ValidationError


@contextlib.contextmanager
def invalid(pattern=""):
    """The call inside must fail with a UserError or ValidationError saying `pattern`."""
    with pytest.raises(xmlrpc.client.Fault) as fault:
        yield
    assert fault.value.faultCode == INVALID, fault.value.faultString
    assert pattern in fault.value.faultString, fault.value.faultString


def engagement_of(session, code):
    (engagement_id,) = session("iso.mentoring", "search", [("agency_id.code", "=", code)])
    return engagement_id


def test_officer_keeps_her_checklist_where_it_is(server, new_db, admin):
    officer = Session(server, new_db, "officer.disdukcapil")
    own = engagement_of(admin, "DISDUKCAPIL")
    lines = officer(
        "iso.mentoring.line",
        "search_read",
        [("mentoring_id", "=", own)],
        fields=["status", "active"],
    )
    unverified = [line["id"] for line in lines if line["status"] != "verified"]
    (readiness,) = officer("iso.mentoring", "read", [own], fields=["readiness"])
    # Planting a note in another agency's engagement, of the same company or not.
    with refused():
        officer(
            "iso.mentoring.line",
            "write",
            unverified[:1],
            {"mentoring_id": engagement_of(admin, "DINKES"), "note": "planted"},
        )
    dinkes = Session(server, new_db, "officer.dinkes")
    assert not dinkes("iso.mentoring.line", "search", [("note", "=", "planted")])
    # Archiving the unverified lines, or verifying them, to raise readiness.
    with refused():
        officer("iso.mentoring.line", "write", unverified, {"active": False})
    with refused():
        officer("iso.mentoring.line", "write", unverified[:1], {"status": "verified"})
    with refused():
        officer("iso.mentoring.line", "write", unverified[:1], {"verified_by_id": officer.uid})
    assert officer("iso.mentoring", "read", [own], fields=["readiness"]) == [readiness]
    # What she may do: report the status, notes and evidence of her clauses.
    assert officer(
        "iso.mentoring.line",
        "write",
        unverified[:1],
        {"status": "in_progress", "note": "Draft decree at the legal bureau."},
    )


def test_mentor_moves_nothing_out_of_his_reach(server, new_db, admin):
    mentor = Session(server, new_db, "mentor.a")
    (session_id,) = mentor(
        "iso.mentoring.session",
        "search",
        [("mentoring_id", "=", engagement_of(admin, "DINKES")), ("state", "=", "planned")],
    )
    with refused():  # an engagement of mentor.b's team only
        mentor(
            "iso.mentoring.session",
            "write",
            [session_id],
            {"mentoring_id": engagement_of(admin, "DISDUKCAPIL")},
        )
    company_id = admin("res.company", "create", {"name": "Kabupaten Lebak"})
    with refused():
        mentor("iso.agency", "write", [admin.agency("RSUD")], {"company_id": company_id})
    manager = Session(server, new_db, "inspektur")
    with refused():  # the Inspector does not belong to that company
        manager("iso.agency", "write", [admin.agency("RSUD")], {"company_id": company_id})
    assert admin("iso.agency", "search_count", [("company_id", "=", company_id)]) == 0


def test_states_move_through_the_buttons_only(server, new_db, admin):
    mentor = Session(server, new_db, "mentor.a")
    manager = Session(server, new_db, "inspektur")
    (finding_id,) = mentor("iso.audit.finding", "search", [("state", "=", "implemented")])
    (audit_id,) = mentor("iso.audit", "search", [("agency_id.code", "=", "DPMPTSP")])
    with refused():
        mentor("iso.audit.finding", "write", [finding_id], {"state": "closed"})
    with refused():
        manager("iso.audit.finding", "write", [finding_id], {"verified_by_id": manager.uid})
    with refused():
        mentor("iso.audit", "write", [audit_id], {"state": "closed"})
    values = {
        "agency_id": admin.agency("RSUD"),
        "standard_id": admin("iso.standard", "search", [("code", "=", "ISO 9001")])[0],
    }
    with refused():
        manager("iso.certificate", "create", dict(values, state="active"))
    draft_id = manager("iso.certificate", "create", values)
    with refused():
        manager("iso.certificate", "write", [draft_id], {"state": "active"})
    with invalid("Certificate Number"):
        manager("iso.certificate", "action_activate", [draft_id])
    # The suspension button opens the reason dialog, without a context key.
    (active_id,) = manager("iso.certificate", "search", [("name", "=", "MAL-QMS-DPMPTSP-01")])
    action = manager("iso.certificate", "action_suspend", [active_id])
    assert action["res_model"] == "iso.certificate.state.wizard"
    assert action["context"]["default_action"] == "suspend"


def test_history_is_never_deleted(server, new_db, admin):
    manager = Session(server, new_db, "inspektur")
    mentor = Session(server, new_db, "mentor.a")
    (closed_id,) = manager("iso.audit.finding", "search", [("state", "=", "closed")])
    with invalid():
        manager("iso.audit.finding", "unlink", [closed_id])
    (active_id,) = manager("iso.certificate", "search", [("name", "=", "MAL-QMS-INSP-2025")])
    with refused():
        manager("iso.certificate", "write", [active_id], {"state": "draft"})
    with invalid():
        manager("iso.certificate", "unlink", [active_id])
    closed_audit = manager("iso.audit", "search", [("state", "=", "closed")], limit=1)
    lines = mentor("iso.audit.line", "search", [("audit_id", "in", closed_audit)], limit=1)
    with invalid():
        mentor("iso.audit.line", "unlink", lines)
    iso_9001 = manager("iso.standard", "search", [("code", "=", "ISO 9001")])
    with invalid("archive it"):
        manager("iso.standard", "unlink", iso_9001)
    with invalid("archive it"):
        manager("iso.agency", "unlink", [admin.agency("DPMPTSP")])
    (held_id,) = mentor(
        "iso.mentoring.session",
        "search",
        [("mentoring_id", "=", engagement_of(admin, "DINKES")), ("state", "=", "held")],
        limit=1,
    )
    with invalid():
        mentor("iso.mentoring.session", "unlink", [held_id])
    assert manager("iso.audit.finding", "search_count", [("id", "=", closed_id)]) == 1


def test_bad_values_get_a_sentence(server, new_db, admin):
    manager = Session(server, new_db, "inspektur")
    with invalid("Short Code"):
        manager("iso.agency", "create", {"name": "Dinas Perhubungan", "code": "   "})
    with invalid("too long"):
        manager("iso.agency", "create", {"name": "Dinas Perhubungan", "code": "X" * 10_000})
    (cert,) = manager(
        "iso.certificate",
        "search_read",
        [("name", "=", "MAL-QMS-DPMPTSP-01")],
        fields=["agency_id", "standard_id", "certification_body_id"],
    )
    with invalid("already issued the number"):
        manager(
            "iso.certificate",
            "create",
            {
                "name": " mal-qms-dpmptsp-01 ",
                "agency_id": admin.agency("RSUD"),
                "standard_id": cert["standard_id"][0],
                "certification_body_id": cert["certification_body_id"][0],
            },
        )
    mentor = Session(server, new_db, "mentor.a")
    (finding_id,) = mentor("iso.audit.finding", "search", [("state", "=", "implemented")])
    with invalid("Grade"):
        mentor("iso.audit.finding", "write", [finding_id], {"grade": "catastrophic"})
    for values in (
        {"iso_certificate_reminder_days": "1" * 25},
        {"iso_certificate_reminder_days": "30,²"},
        {"iso_recertification_lead_days": -5},
        {"iso_suspension_limit_months": 0},
    ):
        with invalid():
            admin("iso.compliance.settings", "create", values)
    key = "iso_compliance.certificate_reminder_days"
    assert admin("ir.config_parameter", "get_param", key) == "180,90,30,7"


def test_cases_are_read_by_the_concern_handler_alone(server, new_db, admin):
    handler = Session(server, new_db, "penangan")
    cases = handler("iso.concern", "search_read", [], fields=["name", "reporter_name"])
    assert {c["name"] for c in cases} == {"WBS-DEMO2345", "WBS-DEMO6789"}
    # She acknowledged the web report (assigned to it): she alone sees who reported it.
    assert {c["name"]: c["reporter_name"] for c in cases}["WBS-DEMO2345"] == "Ahmad Fauzi"
    for login in ("admin", "inspektur", "mentor.a", "officer.disdukcapil"):
        curious = Session(server, new_db, login)
        with refused():
            curious("iso.concern", "search", [])
        with refused():
            curious("iso.concern", "read", [cases[0]["id"]], fields=["name"])
        assert curious("ir.attachment", "search", [("res_model", "=", "iso.concern")]) == []
        assert curious("mail.message", "search", [("model", "=", "iso.concern")]) == []


DEMO_USERS = (
    "inspektur",
    "mentor.a",
    "mentor.b",
    "officer.disdukcapil",
    "officer.dinkes",
    "kepala.disdukcapil",
    "kepala.dinkes",
    "penangan",
)


def test_the_demo_regency_counts_in_rupiah_and_reads_its_notices_in_odoo(server, new_db, admin):
    """Issue 21, items 3 and 5: amounts read "Rp 750.000"; every demo user (the head of
    agency, who has no e-mail address, and the handler included) is notified in Odoo."""
    officer = Session(server, new_db, "officer.disdukcapil")
    (company,) = officer("res.company", "search_read", [], fields=["currency_id"])
    assert company["currency_id"][1] == "IDR"
    formatted = officer(
        "res.currency", "format", [company["currency_id"][0]], 750000, context={"lang": "id_ID"}
    )
    assert formatted.replace("\xa0", " ") == "Rp 750.000"
    users = admin(
        "res.users",
        "search_read",
        [("login", "in", DEMO_USERS)],
        fields=["login", "notification_type"],
    )
    assert {u["login"]: u["notification_type"] for u in users} == dict.fromkeys(DEMO_USERS, "inbox")


def _tables_of_figures(sections):
    tables = {}
    for section in sections:
        if section.get("page_only"):  # the user's own to-dos, not printed
            continue
        if section["kind"] == "table" and section["rows"]:
            tables[section["key"]] = [
                [" ".join(c.split()) for c in r["cells"]] for r in section["rows"]
            ]
        elif section["kind"] == "heatmap":
            tables[section["key"]] = [
                [" ".join(c["text"].split()) for c in r["cells"]] for r in section["rows"]
            ]
    return tables


def _tables_of_html(html):
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(html)
    return {
        table.get("name"): [
            [" ".join(td.text_content().split()) for td in tr.xpath("./td")]
            for tr in table.xpath("./tbody/tr")
        ]
        for table in tree.xpath("//table[@name]")
    }


def test_the_regency_page_and_pdf_agree_on_the_demo(server, new_db):
    """Issue 21, item 6: the Inspector's page (its figures, which the page shows as they
    come) and the regency PDF (its HTML, which wkhtmltopdf prints) hold the same texts, cell
    by cell, on the demo regency; agencies are counted, not engagements."""
    import requests

    inspector = Session(server, new_db, "inspektur")
    figures = _tables_of_figures(
        inspector("iso.mentoring", "get_regency_figures", context={"lang": "id_ID"})
    )
    agencies = inspector("iso.agency", "search_count", [])
    # The demo's 14 agencies and the civil registry's service unit of the ZI demo.
    assert agencies == 15
    assert {row[0] for row in figures["certified"]} == {"ISO 37001", "ISO 9001"}
    assert all(row[1].endswith(f"/ {agencies}") for row in figures["certified"])
    assert sum(int(cell) for row in figures["heatmap"] for cell in row if cell) > 0
    # The Inspector lands on this page; what waits for him comes first, on the page only.
    (home,) = inspector("res.users", "read", [inspector.uid], fields=["action_id"])
    assert home["action_id"][1] in ("Regency Overview", "Ikhtisar Kabupaten"), home
    sections = inspector("iso.mentoring", "get_regency_figures", context={"lang": "id_ID"})
    assert sections[0]["key"] == "todo" and sections[0]["page_only"]
    http = requests.Session()
    page = http.get(f"{server}/web/login", params={"db": new_db}, timeout=30).text
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    http.post(
        f"{server}/web/login",
        data={"login": "inspektur", "password": "inspektur", "csrf_token": token, "db": new_db},
        timeout=30,
    ).raise_for_status()
    ids = ",".join(map(str, inspector("iso.mentoring", "search", [])))
    html = http.get(
        f"{server}/report/html/iso_compliance.report_iso_mentoring_regency/{ids}", timeout=120
    )
    html.raise_for_status()
    printed = _tables_of_html(html.content)
    assert set(figures) <= set(printed)
    for key, rows in figures.items():
        assert printed[key] == rows, key


def test_demo_risks_reviewed_show_no_change_since_review(server, new_db):
    """Issue 21, item 9: the demo's reviewed risks were recorded as reviewed."""
    inspector = Session(server, new_db, "inspektur")
    reviewed = inspector(
        "iso.bribery.risk",
        "search_read",
        [("last_review_date", "!=", False)],
        fields=["changed_since_review"],
    )
    assert reviewed
    assert not [risk for risk in reviewed if risk["changed_since_review"]]
