"""The anti-bribery registers' PDF reports as official documents (issue 21, item 7)."""

from odoo.addons.iso_compliance.tests.common import IsoPdfCase
from odoo.tests import tagged

from .test_iso_bribery_risk import IsoBriberyRiskCase
from .test_iso_gratification import IsoGratificationCase


@tagged("post_install", "-at_install")
class TestBriberyRiskRegisterPdf(IsoPdfCase, IsoBriberyRiskCase):
    def test_register_pdf(self):
        head = self.official(
            self.env["res.partner"].create({"name": "Dr. Kepala Dukcapil"}),
            "Kepala Dinas Kependudukan dan Pencatatan Sipil",
            "197001011995031002",
        )
        self.agency_a.head_id = head
        self.make_risk(scheme="Broker pays the officer").action_assess()
        pages = self.pdf_pages(
            "iso_compliance_anti_bribery.iso_bribery_risk_report_register", self.agency_a
        )
        self.assertOfficialDocument(pages, signers=head)
        self.assertIn("Broker pays the officer", " ".join(pages))


@tagged("post_install", "-at_install")
class TestGratificationRecapPdf(IsoPdfCase, IsoGratificationCase):
    def test_recap_pdf(self):
        self.make_report(user=self.employee).with_user(self.employee).action_report()
        wizard = self.env["iso.gratification.recap.wizard"].create(
            {"period": "quarter", "date_from": "2025-07-01"}
        )
        preparer = self.official(self.env.user, "Ketua UPG", "198001012005011001")
        pages = self.pdf_pages("iso_compliance_anti_bribery.iso_gratification_report_recap", wizard)
        self.assertOfficialDocument(pages, signers=preparer)
        self.assertIn(self.agency_a.complete_name, " ".join(pages))


@tagged("post_install", "-at_install")
class TestKpkFormPdf(IsoPdfCase, IsoGratificationCase):
    """Issue 20: the gratification report form of Peraturan KPK 2/2019, filled from the report
    for the reporter to sign and submit to KPK."""

    def test_the_form_is_filled_from_the_report(self):
        reporter = self.official(
            self.employee, "Pengadministrasi Kependudukan", "199001012015031005"
        )
        report = self.make_report(user=self.employee)
        report.write(
            {
                "giver_name": "CV Maju Jaya",
                "description": "Bingkisan diantar ke rumah setelah rapat pengadaan.",
                "value": 1250000,
            }
        )
        report.with_user(self.employee).action_report()
        action = self.env.ref("iso_compliance_anti_bribery.iso_gratification_report_kpk_form")
        self.assertEqual(action.binding_model_id.model, "iso.gratification.report")
        pages = self.pdf_pages(action.report_name, report)
        self.assertOfficialDocument(pages, signers=reporter)
        text = " ".join(pages)
        self.assertIn("Formulir Laporan Gratifikasi", text)
        for expected in (
            reporter.name,
            "199001012015031005",
            "Pengadministrasi Kependudukan",
            self.agency_a.complete_name,
            "CV Maju Jaya",
            "Bingkisan diantar ke rumah setelah rapat pengadaan.",
            "1.250.000",
            report.name,
        ):
            self.assertIn(expected, text)
