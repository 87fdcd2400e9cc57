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
