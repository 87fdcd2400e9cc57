"""The programme's PDF reports as official documents, on every wkhtmltopdf build: the
letterhead, page numbers and signatures with name, position and NIP are printed in the
page itself, as selectable text (issue 21, item 7)."""

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import IsoPdfCase
from .test_iso_audit import AuditCase
from .test_iso_mentoring import IsoMentoringCase


@tagged("post_install", "-at_install")
class TestAuditReportPdf(IsoPdfCase, AuditCase):
    @freeze_time("2026-08-17 03:30:00")
    def test_audit_reports_printed_together_are_each_an_official_document(self):
        head = self.official(
            self.env["res.partner"].create({"name": "Dr. Kepala Dukcapil"}),
            "Kepala Dinas Kependudukan dan Pencatatan Sipil",
            "197001011995031002",
        )
        self.agency_a.head_id = head
        auditor = self.official(self.mentor, "Auditor Ahli Madya", "198503122010011004")
        long_audit = self.make_audit(standards=self.iso_37001 | self.iso_9001)
        short_audit = self.make_audit(agency=self.agency_b)
        for audit in long_audit | short_audit:
            audit.action_confirm()
        pages = self.pdf_pages("iso_compliance.action_report_iso_audit", long_audit | short_audit)
        starts = [index for index, text in enumerate(pages) if "Halaman 1 dari" in text]
        self.assertEqual(len(starts), 2, "each audit's pages are numbered from 1")
        first, second = pages[: starts[1]], pages[starts[1] :]
        self.assertGreater(len(first), 1, "choose an audit longer than a page")
        self.assertOfficialDocument(first, signers=auditor | head)
        self.assertOfficialDocument(second, signers=auditor)
        self.assertIn(long_audit.name, first[0])
        self.assertIn(short_audit.name, second[0])
        self.assertIn("Serang, 17 Agustus 2026", first[-1])


@tagged("post_install", "-at_install")
class TestMentoringReportsPdf(IsoPdfCase, IsoMentoringCase):
    def test_progress_and_regency_reports(self):
        head = self.official(
            self.env["res.partner"].create({"name": "Dr. Kepala Dukcapil"}),
            "Kepala Dinas Kependudukan dan Pencatatan Sipil",
            "197001011995031002",
        )
        self.agency_a.head_id = head
        mentor = self.official(self.mentor, "Inspektur Pembantu", "198503122010011004")
        engagement = self.make_engagement(user_id=self.mentor.id)
        pages = self.pdf_pages("iso_compliance.iso_mentoring_report_progress", engagement)
        self.assertOfficialDocument(pages, signers=mentor | head)
        clause = engagement.line_ids[-1].clause_id.with_context(lang="id_ID")
        self.assertIn(f"{clause.number} {clause.name}", " ".join(pages))

        pages = self.pdf_pages("iso_compliance.iso_mentoring_report_regency", engagement)
        self.assertOfficialDocument(pages)
        # no Inspector on record: the name and NIP are left to fill in by hand
        self.assertIn("NIP. ....", pages[-1])
        inspector = self.official(
            self.env["res.partner"].create({"name": "Hendra Wijaya, S.H., M.Si."}),
            "Inspektur Kabupaten Serang",
            "197003151995031002",
        )
        self.Agency.create(
            {
                "name": "Inspektorat",
                "code": "INSPEKTORAT",
                "agency_type": "inspectorate",
                "head_id": inspector.id,
            }
        )
        pages = self.pdf_pages("iso_compliance.iso_mentoring_report_regency", engagement)
        self.assertOfficialDocument(pages, signers=inspector)


@tagged("post_install", "-at_install")
class TestNip(AuditCase):
    def test_nip_is_eighteen_digits_if_given(self):
        partner = self.env["res.partner"].create({"name": "Pegawai"})
        for wrong in ("19850312 201001 1 004", "1985031220100110", "19850312201001100A"):
            with self.subTest(nip=wrong), self.assertRaises(ValidationError) as caught:
                partner.iso_nip = wrong
            self.assertRegex(str(caught.exception), "18 digits")
        partner.iso_nip = "198503122010011004"
        partner.iso_nip = False
        self.assertFalse(partner.iso_nip)
