"""The document pack's index as a PDF (issue 19, item 11; issue 21, item 7): its text can
be searched and copied, each clause reads with its number and name, and a missing clause is
coloured and marked in words, which shows in black and white too."""

import io
import re

from PyPDF2 import PdfReader

from odoo.addons.iso_compliance.tests.common import IsoPdfCase
from odoo.tests import tagged

from .test_iso_document import CLAUSES_37001_2016, DocumentCase

# The fill colour of a missing clause's row, #f8d7da, as wkhtmltopdf writes it.
MISSING_FILL = re.compile(rb"0\.97\d* 0\.84\d* 0\.85\d* (rg|scn)")


@tagged("post_install", "-at_install")
class TestDocumentPackPdf(IsoPdfCase, DocumentCase):
    def test_pack_index_pdf(self):
        head = self.official(self.head_partner, "Kepala Dinas", "197001011995031002")
        self.register("KEB-AP-01", self.clause(self.iso_37001, "5.2"))
        pages = self.pdf_pages(
            "iso_compliance_document.iso_document_pack_report",
            self.agency_a,
            data={"standard_id": self.iso_37001.id},
        )
        self.assertOfficialDocument(pages, signers=head)
        text = " ".join(pages)
        self.assertIn("Klausul terpenuhi: 1 / 38", text)
        for clause in self.iso_37001.clause_ids.filtered("is_assessable"):
            clause = clause.with_context(lang="id_ID")
            self.assertRegex(
                text, rf"{re.escape(clause.number)} {re.escape(clause.name.split()[0])}"
            )
        self.assertIn("5.2 Kebijakan anti penyuapan KEB-AP-01 Dokumen KEB-AP-01", text)
        self.assertEqual(text.count("TIDAK ADA"), CLAUSES_37001_2016 - 1)
        contents = b"".join(
            page.get_contents().get_data() for page in PdfReader(io.BytesIO(self.last_pdf)).pages
        )
        self.assertTrue(MISSING_FILL.search(contents), "the missing clauses' rows are not coloured")
