import base64
import json
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import new_test_user, tagged

from .common import IsoHttpCase, installed


@tagged("post_install", "-at_install")
class TestClickEverywhere(IsoHttpCase):
    """Every menu of the app, every view type of its action and the first record's form open
    without an error dialog or a console error, for each role, in Indonesian (the pattern of
    Odoo's web/tests/test_click_everywhere.py, run as each role instead of only as admin).

    It walks the menus of every feature addon installed beside the programme (``make test``
    installs them all), with one record of each of their models to open."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.today()
        cls.certificate = cls.env["iso.certificate"].create(
            {
                "name": "SMAP-001",
                "agency_id": cls.agency.id,
                "standard_id": cls.iso_37001.id,
                "certification_body_id": cls.body.id,
                "issue_date": today - timedelta(days=400),
            }
        )
        cls.certificate.action_activate()
        # Expires within 180 days: the first screen of Expiring Certificates.
        cls.env["iso.certificate"].create(
            {
                "name": "SMM-001",
                "agency_id": cls.agency.id,
                "standard_id": cls.env.ref("iso_compliance.standard_iso_9001_2015").id,
                "certification_body_id": cls.body.id,
                "issue_date": today - timedelta(days=3 * 365 - 100),
            }
        ).action_activate()
        cls.engagement = cls.env["iso.mentoring"].create(
            {
                "agency_id": cls.agency.id,
                "standard_ids": [Command.link(cls.iso_37001.id)],
                "user_id": cls.users["mentor"].id,
            }
        )
        cls.env["iso.mentoring.session"].create(
            {
                "mentoring_id": cls.engagement.id,
                "name": "Register risiko",
                "date": fields.Datetime.now() + timedelta(days=3),
            }
        )
        cls.audit = cls.env["iso.audit"].create(
            {
                "agency_id": cls.agency.id,
                "standard_ids": [Command.link(cls.iso_37001.id)],
                "audit_type": "internal",
                "window_start": today,
                "window_end": today + timedelta(days=30),
                "lead_auditor_id": cls.users["mentor"].id,
            }
        )
        cls.audit.action_confirm()
        cls.audit.line_ids[:1].write(
            {"result": "minor", "notes": "Kebijakan anti penyuapan belum disosialisasikan."}
        )
        # Gratification: a civil servant without any ISO role reports in the Gratification
        # app; the officer forwards. One report each, under the mentored agency.
        cls.users["employee"] = new_test_user(
            cls.env,
            login="iso_employee",
            password="iso_employee",
            groups="base.group_user",
            name="ISO Employee",
            lang="id_ID",
            tz="Asia/Jakarta",
        )
        if installed(cls.env, "iso_compliance_anti_bribery"):
            # The anti-bribery registers: one record each, for the agency's screens to open.
            cls.env["iso.bribery.risk"].create(
                {
                    "name": "Imbalan untuk mempercepat KTP-el",
                    "process": "Penerbitan KTP elektronik",
                    "agency_id": cls.agency.id,
                    "likelihood": "4",
                    "impact": "3",
                    "owner_id": cls.users["mentor"].id,
                }
            ).action_assess()  # assessed: the risk matrix (live risks) shows it
            partner = cls.env["res.partner"].create({"name": "CV Karya Banten", "is_company": True})
            cls.env["iso.due.diligence"].create(
                {
                    "agency_id": cls.agency.id,
                    "partner_id": partner.id,
                    "reason": "Tender jalan kabupaten",
                }
            )
            for reporter in (cls.users["employee"], cls.users["officer"]):
                cls.env["iso.gratification.report"].create(
                    {
                        "agency_id": cls.agency.id,
                        "reporter_id": reporter.id,
                        "date_received": today - timedelta(days=2),
                        "giver_name": "Pemohon KTP-el",
                        "value": 250000,
                    }
                )
        if installed(cls.env, "iso_compliance_concern"):
            # A case reported on the public page: a line of the managers' Concern Summary.
            cls.env["iso.concern"]._create_from_web(
                {"agency_id": cls.agency.id, "description": "Pungutan liar di loket pelayanan."},
                {},
                [],
            )
        if installed(cls.env, "iso_compliance_zona_integritas"):
            # The year's Zona Integritas evaluation with the agency's assessment, chosen by
            # the TPI lead: its officer answers it, the Inspectorate reads it.
            cls.zi_period = cls.env["iso.zi.period"].create(
                {
                    "name": "Evaluasi Zona Integritas 2026",
                    "year": 2026,
                    "template_id": cls.env.ref(
                        "iso_compliance_zona_integritas.lke2026_template"
                    ).id,
                }
            )
            cls.zi_assessment = (
                cls.env["iso.zi.assessment"]
                .with_user(cls.users["tpi_lead"])
                .create({"period_id": cls.zi_period.id, "agency_id": cls.agency.id})
            )
        if installed(cls.env, "iso_compliance_document"):
            from odoo.addons.iso_compliance_document.models.iso_document import minimal_pdf

            # The document register, its history (versions) and the clause mapping (seeded).
            officer = cls.users["officer"]
            cls.agency.document_approver_ids = [Command.link(cls.users["manager"].id)]
            cls.document = (
                cls.env["iso.document"]
                .with_user(officer)
                .create(
                    {
                        "code": "KEB-AP-01",
                        "name": "Kebijakan Anti Penyuapan",
                        "agency_id": cls.agency.id,
                        "document_type": "policy",
                        "clause_ids": [Command.set(cls.audit.line_ids[:1].clause_id.ids)],
                    }
                )
            )
            cls.env["iso.document.version"].with_user(officer).create(
                {
                    "document_id": cls.document.id,
                    "file": base64.b64encode(minimal_pdf(["KEB-AP-01"])),
                    "filename": "KEB-AP-01.pdf",
                }
            )
            cls.document.with_user(officer).action_submit()
            cls.document.with_user(cls.users["manager"]).action_approve()
            cls.audit.line_ids[:1].document_ids = [Command.link(cls.document.id)]

    APPS = (
        "iso_compliance.iso_compliance_menu_root",
        "iso_compliance_concern.iso_concern_menu_root",
        "iso_compliance_anti_bribery.iso_gratification_menu_root",
    )
    # The first menu of each app, as the role's Indonesian menus name it.
    FIRST_MENU = {
        "iso_compliance.iso_compliance_menu_root": "Kemajuan Sertifikasi",
        "iso_compliance_concern.iso_concern_menu_root": "Pengaduan",
        "iso_compliance_anti_bribery.iso_gratification_menu_root": "Laporan Gratifikasi",
    }

    def click_everywhere(self, role, allowed_empty=()):
        """Every app of the addon the role sees (ISO Compliance, Raising Concerns,
        Gratification).
        `allowed_empty`: menus whose list is rightly empty for the role (no first record)."""
        user = self.users[role]
        menus = (
            self.env["ir.ui.menu"].with_user(user).with_context(lang=user.lang).load_menus(False)
        )
        by_xmlid = {menu.get("xmlid"): menu for menu in menus.values()}
        if role != "handler":
            self.assertNotIn(
                "iso_compliance_concern.iso_concern_menu_root",
                by_xmlid,
                "only handlers see the cases",
            )

        def leaves(menu_id):
            children = menus[menu_id]["children"]
            if not children:
                return [menus[menu_id]["xmlid"]]
            return [xmlid for child in children for xmlid in leaves(child)]

        apps = [
            [app, leaves(by_xmlid[app]["id"]), list(allowed_empty)]
            for app in self.APPS
            if app in by_xmlid
        ]
        if installed(self.env, "iso_compliance_anti_bribery"):
            # The Gratification app is every employee's; the ISO app only the roles'.
            self.assertEqual(apps[-1][0], "iso_compliance_anti_bribery.iso_gratification_menu_root")
            self.assertIn("iso_compliance_anti_bribery.iso_gratification_report_menu", apps[-1][1])
        if "iso_compliance.iso_compliance_menu_root" in by_xmlid and installed(
            self.env, "iso_compliance_document"
        ):
            # The document register, its history and pack for every role; the mapping is
            # the managers' configuration.
            expected = apps[0][1]
            self.assertIn("iso_compliance_document.iso_document_menu", expected)
            self.assertIn("iso_compliance_document.iso_document_version_menu", expected)
            self.assertIn("iso_compliance_document.iso_document_pack_menu", expected)
            if role in ("manager", "administrator"):
                self.assertIn("iso_compliance_document.iso_clause_mapping_menu", expected)
        # The menus are opened in Indonesian.
        first = by_xmlid[apps[0][1][0]]
        self.assertEqual(first["name"], self.FIRST_MENU[apps[0][0]])
        self.browser_js(
            "/odoo",
            "odoo.loader.modules.get('@iso_compliance/../tests/iso_click_everywhere')"
            f".isoClickEverywhere({json.dumps(apps)});",
            "odoo.isReady === true",
            login=user.login,
            timeout=600,
            success_signal="iso click everywhere succeeded",
        )
        return apps

    def test_officer(self):
        apps = self.click_everywhere("officer")
        self.assertIn("iso_compliance.iso_agency_menu", apps[0][1])
        self.assertIn("iso_compliance_anti_bribery.iso_gratification_report_menu_recap", apps[1][1])

    def test_employee(self):
        """A civil servant with no ISO role: the Gratification app only, own reports."""
        apps = self.click_everywhere("employee")
        self.assertEqual(
            apps,
            [
                [
                    "iso_compliance_anti_bribery.iso_gratification_menu_root",
                    ["iso_compliance_anti_bribery.iso_gratification_report_menu"],
                    [],
                ]
            ],
        )

    # Findings are the agency officers' to answer: the Inspectorate has none of its own.
    NOT_RESPONSIBLE = ("iso_compliance.iso_audit_finding_menu_mine",)

    def test_mentor(self):
        self.click_everywhere("mentor", self.NOT_RESPONSIBLE)

    def test_manager(self):
        self.click_everywhere("manager", self.NOT_RESPONSIBLE)

    def test_administrator(self):
        self.click_everywhere("administrator", self.NOT_RESPONSIBLE)

    def test_head_of_agency(self):
        """The head of the agency (an officer-group user whose contact heads it, not one of
        its officers) opens every screen of the app and reads his agency's records; the
        registers kept by the officers stay theirs."""
        head = new_test_user(
            self.env,
            login="iso_head",
            password="iso_head",
            groups="iso_compliance.group_iso_compliance_officer",
            name="ISO Head",
            lang="id_ID",
            tz="Asia/Jakarta",
        )
        self.agency.head_id = head.partner_id
        self.users["head"] = head
        apps = self.click_everywhere("head", self.HEAD_EMPTY)
        self.assertIn("iso_compliance.iso_mentoring_menu_board", apps[0][1])

    # What the head of agency rightly finds empty: the findings to answer are the officers',
    # and the gratification reports are each reporter's (he reads his agency's registers).
    HEAD_EMPTY = (
        "iso_compliance.iso_audit_finding_menu_mine",
        "iso_compliance_anti_bribery.iso_gratification_report_menu",
        "iso_compliance_anti_bribery.iso_gratification_report_menu_recap",
    )

    def test_handler(self):
        """The Concern Handler (the compliance function) opens the cases and their access
        log, in Indonesian, besides the Gratification app every employee has; the
        programme's menus are not hers."""
        handler = self.users["handler"]
        case, _secret = self.env["iso.concern"]._create_from_web(
            {
                "agency_id": self.agency.id,
                "description": "Petugas loket meminta uang agar KTP-el selesai hari itu.",
            },
            {"name": "Ahmad Fauzi", "contact": "0812-0000-0000"},
            [],
        )
        case.with_user(handler).action_acknowledge()
        case.with_user(handler).read(["description"])
        # She has reported no gratification herself.
        apps = self.click_everywhere(
            "handler", ("iso_compliance_anti_bribery.iso_gratification_report_menu",)
        )
        self.assertEqual(
            [app[0] for app in apps], [self.APPS[1], self.APPS[2]], "no ISO Compliance app"
        )
        self.assertEqual(
            apps[0][1],
            [
                "iso_compliance_concern.iso_concern_menu",
                "iso_compliance_concern.iso_concern_access_log_menu",
            ],
        )
