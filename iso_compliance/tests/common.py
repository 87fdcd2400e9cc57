import io

from PyPDF2 import PdfReader

from odoo import Command, http
from odoo.tests import HttpCase, TransactionCase, new_test_user


class IsoComplianceCase(TransactionCase):
    """Builds its own agencies and users in every group; never relies on demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.Agency = cls.env["iso.agency"]
        cls.agency_a = cls.Agency.create(
            {"name": "Dinas Kependudukan dan Pencatatan Sipil", "code": "DISDUKCAPIL"}
        )
        cls.agency_b = cls.Agency.create({"name": "Dinas Kesehatan", "code": "DINKES"})
        cls.officer_a = new_test_user(
            cls.env,
            login="officer_a",
            groups="iso_compliance.group_iso_compliance_officer",
            name="Officer of A",
        )
        cls.mentor = new_test_user(
            cls.env,
            login="mentor",
            groups="iso_compliance.group_iso_compliance_mentor",
            name="Inspectorate Mentor",
        )
        cls.manager = new_test_user(
            cls.env,
            login="iso_manager",
            groups="iso_compliance.group_iso_compliance_manager",
            name="Inspector",
        )
        cls.agency_a.write(
            {"officer_ids": [(4, cls.officer_a.id)], "mentor_ids": [(4, cls.mentor.id)]}
        )
        cls.iso_37001 = cls.env.ref("iso_compliance.standard_iso_37001_2016")
        cls.iso_37001_2025 = cls.env.ref("iso_compliance.standard_iso_37001_2025")
        cls.iso_9001 = cls.env.ref("iso_compliance.standard_iso_9001_2015")
        cls.body = cls.env["res.partner"].create(
            {"name": "PT Sertifikasi Uji", "is_company": True, "is_certification_body": True}
        )
        cls.Certificate = cls.env["iso.certificate"]

    @classmethod
    def make_certificate(cls, agency=None, standard=None, state="active", **vals):
        """A certificate, activated through the real action unless `state` is draft."""
        cls._cert_seq = getattr(cls, "_cert_seq", 0) + 1
        cert = cls.Certificate.create(
            {
                "name": f"CERT-{cls._cert_seq:05d}",
                "agency_id": (agency or cls.agency_a).id,
                "standard_id": (standard or cls.iso_37001).id,
                "certification_body_id": cls.body.id,
                "issue_date": "2025-02-24",
                **vals,
            }
        )
        if state != "draft":
            cert.action_activate()
        return cert


def installed(env, module):
    """Whether the feature addon `module` is installed beside the programme: the base's
    cross-feature tests (click-everywhere, tours) cover what is there."""
    return bool(
        env["ir.module.module"]
        .sudo()
        .search_count([("name", "=", module), ("state", "=", "installed")])
    )


class IsoHttpCase(HttpCase):
    """A browser case with one user per role, working in Indonesian, whose password is the
    login, and one record of every kind the app shows (never relies on demo data)."""

    ROLES = {
        "officer": "iso_compliance.group_iso_compliance_officer",
        "mentor": "iso_compliance.group_iso_compliance_mentor",
        "manager": "iso_compliance.group_iso_compliance_manager",
        "administrator": "iso_compliance.group_iso_compliance_manager,base.group_system",
        "handler": "iso_compliance_concern.group_iso_concern_handler",
        "tpi": "iso_compliance_zona_integritas.group_zi_tpi",
        "tpi_lead": "iso_compliance_zona_integritas.group_zi_tpi_lead",
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The server thread reads every addon's manifest (ast.literal_eval) on its first
        # static request. On CPython before 3.11.8 / 3.12.2, building ASTs in two threads at
        # once can fail with "SystemError: AST constructor recursion depth mismatch"
        # (python/cpython#106905): read them here first.
        cls.addons_with_statics = http.root.statics
        # Indonesian, as the regency works: the language and the terms of the modules the
        # app's screens show (Odoo loads a module's terms only for languages installed).
        cls.env["res.lang"]._activate_lang("id_ID")
        cls.env["ir.module.module"]._load_module_terms(
            ["base", "web", "mail", "base_import", "resource", *cls._iso_modules()], ["id_ID"]
        )
        roles = {
            role: groups
            for role, groups in cls.ROLES.items()
            if all(cls.env.ref(group, raise_if_not_found=False) for group in groups.split(","))
        }
        cls.users = {
            role: new_test_user(
                cls.env,
                login=f"iso_{role}",
                password=f"iso_{role}",
                groups=groups,
                name=f"ISO {role.title()}",
                lang="id_ID",
                tz="Asia/Jakarta",
            )
            for role, groups in roles.items()
        }
        cls.iso_37001 = cls.env.ref("iso_compliance.standard_iso_37001_2016")
        cls.agency = cls.env["iso.agency"].create(
            {
                "name": "Dinas Kependudukan dan Pencatatan Sipil",
                "code": "DISDUKCAPIL",
                "is_public_service": True,
                "officer_ids": [Command.link(cls.users["officer"].id)],
                "mentor_ids": [Command.link(cls.users["mentor"].id)],
            }
        )
        cls.agency_not_started = cls.env["iso.agency"].create(
            {"name": "Dinas Sosial", "code": "DINSOS"}
        )
        cls.body = cls.env["res.partner"].create(
            {"name": "PT Sertifikasi Uji", "is_company": True, "is_certification_body": True}
        )

    @classmethod
    def _iso_modules(cls):
        """The programme's addons installed in this database."""
        return (
            cls.env["ir.module.module"]
            .sudo()
            .search([("name", "=like", "iso_compliance%"), ("state", "=", "installed")])
            .mapped("name")
        )

    def login_as(self, role):
        """The login (and password) of the test user of `role`."""
        return self.users[role].login


class IsoPdfCase(HttpCase):
    """The programme's PDF reports as a user gets them: rendered by the installed
    wkhtmltopdf in Indonesian, with the report stylesheet (and its web fonts) served by the
    test server, and read back as text, page by page. Mix it in before a fixtures case:
    `class TestPdf(IsoPdfCase, DocumentCase)`."""

    CLOSING = (
        "Demikian laporan ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya."
    )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # wkhtmltopdf fetches the stylesheet from the server thread: read the manifests
        # here first (see IsoHttpCase).
        cls.addons_with_statics = http.root.statics
        cls.env["res.lang"]._activate_lang("id_ID")
        modules = (
            cls.env["ir.module.module"]
            .search([("name", "=like", "iso_compliance%"), ("state", "=", "installed")])
            .mapped("name")
        )
        cls.env["ir.module.module"]._load_module_terms(["base", "web", *modules], ["id_ID"])
        cls.env.company.write(
            {
                "name": "Pemerintah Kabupaten Serang",
                "street": "Jl. Veteran No. 1",
                "city": "Serang",
                "zip": "42111",
                "phone": "(0254) 200011",
            }
        )

    @classmethod
    def official(cls, partner, function, nip):
        """`partner` (or a user's partner) as a signer: job position and NIP."""
        partner = partner.partner_id if partner._name == "res.users" else partner
        partner.write({"function": function, "iso_nip": nip})
        return partner

    def pdf_pages(self, report, records, data=None):
        """The text of each page of the PDF of `report` on `records`."""
        self.env["ir.config_parameter"].set_param("report.url", self.base_url())
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True, lang="id_ID", tz="Asia/Jakarta")
            ._render_qweb_pdf(report, res_ids=records.ids, data=data)
        )
        self.assertEqual(kind, "pdf")
        self.last_pdf = pdf
        return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]

    def assertOfficialDocument(self, pages, signers=()):
        """A document as an Indonesian government office issues it: the letterhead first,
        "Halaman X dari Y" on every page, and on the last page the closing sentence with
        each signer's name, job position and NIP."""
        company = self.env.company
        self.assertTrue(pages and pages[0], "the PDF has no text: drawn as outlines?")
        letterhead = pages[0][: pages[0].index(company.name) + len(company.name) + 80]
        self.assertIn("Jl. Veteran No. 1, Serang 42111", letterhead)
        for number, text in enumerate(pages, start=1):
            self.assertIn(f"Halaman {number} dari {len(pages)}", text)
        self.assertIn(self.CLOSING, pages[-1], "the signatures start a page alone")
        for signer in signers:
            self.assertIn(signer.name, pages[-1])
            self.assertIn(signer.function, pages[-1])
            self.assertIn(f"NIP. {signer.iso_nip}", pages[-1])


def report_tables(html):
    """{table name: [[cell text]]} of the body rows of the named tables of a report's HTML,
    texts with their spaces collapsed: what the regency PDF prints, section by section."""
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(html)
    tables = {}
    for table in tree.xpath("//table[@name]"):
        tables[table.get("name")] = [
            [" ".join(cell.text_content().split()) for cell in row.xpath("./td")]
            for row in table.xpath("./tbody/tr")
        ]
    return tables


def figure_tables(sections):
    """The same {name: [[cell text]]} from the regency page's figures (the sections that
    ``iso.mentoring._regency_figures`` returns): the texts the page shows."""
    tables = {}
    for section in sections:
        if section.get("page_only"):  # the user's own, not printed
            continue
        if section["kind"] == "table" and section["rows"]:
            tables[section["key"]] = [
                [" ".join(str(cell).split()) for cell in row["cells"]] for row in section["rows"]
            ]
        elif section["kind"] == "heatmap":
            tables[section["key"]] = [
                [" ".join(cell["text"].split()) for cell in row["cells"]] for row in section["rows"]
            ]
    return tables
