"""The TPI's evaluation report (LHE) and the Regent's recap as PDFs read back as text, and
the workbook in KemenPANRB's answer layout as a user downloads it."""

import io

from openpyxl import load_workbook

from odoo.addons.iso_compliance.tests.common import IsoPdfCase
from odoo.tests import tagged

from .common import ZiCase


@tagged("post_install", "-at_install")
class TestZiReports(IsoPdfCase, ZiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.official(cls.lead, "Inspektur Daerah", "197001011995031001")
        cls.official(cls.tpi, "Auditor Ahli Madya", "198002022005011002")
        cls.inspectorate = cls.Agency.create(
            {
                "name": "Inspektorat",
                "code": "INSP",
                "agency_type": "inspectorate",
                "head_id": cls.lead.partner_id.id,
            }
        )

    def _reviewed(self):
        self.answer_all_best()
        self.answer_all_best(side="tpi")
        self.meet_preconditions()
        line = self.line(2).sudo()
        line.write(
            {
                "tpi_option_id": self.option(line, "B").id,
                "tpi_note": "Anggota tim tidak dipilih terbuka.",
                "recommendation": "Buka seleksi anggota tim.",
            }
        )
        self.assessment.line_ids.sudo()._workflow_write(
            {"review_state": "accepted", "reviewed_by_id": self.tpi.id}
        )
        line._workflow_write({"review_state": "corrected"})
        self.assessment.sudo()._workflow_write({"state": "final"})

    def test_lhe(self):
        self._reviewed()
        pages = self.pdf_pages(
            "iso_compliance_zona_integritas.action_report_iso_zi_lhe", self.assessment
        )
        text = " ".join(pages)
        self.assertOfficialDocument(pages, signers=(self.lead.partner_id, self.tpi.partner_id))
        self.assertIn("Unit Layanan Adminduk", text)
        # Results side by side: A.I.1 Manajemen Perubahan, weight 4.00, unit 4.00, TPI 3.88.
        self.assertIn("A.I.1 MANAJEMEN PERUBAHAN 4,00 4,00 3,88", text)
        self.assertIn("100,00 100,00 99,88", text)
        # The item the TPI corrected, with its note and recommendation.
        self.assertIn("A.I.1.i.b", text)
        self.assertIn("Anggota tim tidak dipilih terbuka.", text)
        self.assertIn("Buka seleksi anggota tim.", text)

    def test_recap(self):
        self._reviewed()
        other = (
            self.env["iso.zi.assessment"]
            .with_user(self.lead)
            .create({"period_id": self.period.id, "agency_id": self.other_unit.id})
        )
        self.answer({1: "Tidak"}, assessment=other)
        pages = self.pdf_pages(
            "iso_compliance_zona_integritas.action_report_iso_zi_recap", self.period
        )
        text = " ".join(pages)
        self.assertOfficialDocument(pages, signers=(self.lead.partner_id,))
        self.assertIn("Unit Layanan Adminduk", text)
        self.assertIn("Puskesmas Uji", text)
        # The TPI's figures for the unit under review: Manajemen Perubahan 7.88 of 8 ...
        self.assertIn("7,88 7,00 10,00 10,00 15,00 10,00 99,88", text)
        # ... and what blocks the other unit, still answering.
        self.assertIn("Puskesmas Uji 126 butir belum dijawab", text)

    def test_portal_workbook(self):
        self._reviewed()
        self.authenticate("tpi_member", "tpi_member")
        response = self.url_open(f"/iso_zi/export/{self.assessment.id}")
        self.assertEqual(response.status_code, 200)
        sheet = load_workbook(io.BytesIO(response.content))["Jawaban"]
        # PortalRB 2026: question 2 on row 7; K the unit's answer, N the TPI's, Q its note.
        self.assertEqual(sheet["A7"].value, 2)
        self.assertEqual(sheet["K7"].value, "A")
        self.assertEqual(sheet["N7"].value, "B")
        self.assertEqual(sheet["Q7"].value, "Anggota tim tidak dipilih terbuka.")
        self.assertEqual(sheet["K6"].value, "Ya")
        # A count on its row (soal 110, row 169), an index on its (soal 125, row 199).
        self.assertEqual(sheet["A169"].value, 110)
        self.assertEqual(sheet["A199"].value, 125)
        self.assertEqual(sheet["K199"].value, 4)
        # Another unit's officer cannot download it.
        self.authenticate("officer_b", "officer_b")
        response = self.url_open(f"/iso_zi/export/{self.assessment.id}")
        self.assertNotEqual(response.status_code, 200)
