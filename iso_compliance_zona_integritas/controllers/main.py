import io

from odoo import http
from odoo.http import content_disposition, request
from odoo.tools.misc import xlsxwriter

from ..models.iso_zi_question import CHOICE_TYPES

# KemenPANRB's answer workbook (PortalRB, 2026): sheet "Jawaban", one row per question at the
# row the master list gives, the unit's answer in K, its note in L, its evidence in M, the
# TPI's answer in N and the TPI's note in Q.
COLUMNS = {
    "code": 1,
    "question": 2,
    "soal_id": 0,
    "unit": 10,
    "unit_note": 11,
    "evidence": 12,
    "tpi": 13,
    "tpi_note": 16,
}


class IsoZiExport(http.Controller):
    @http.route("/iso_zi/export/<int:assessment_id>", type="http", auth="user")
    def export_portal_workbook(self, assessment_id, **kwargs):
        """The assessment's answers in the national portal's answer layout, for the
        regencies that upload the workbook; read with the user's own rights."""
        assessment = request.env["iso.zi.assessment"].browse(assessment_id)
        assessment.check_access("read")
        content = assessment._portal_workbook()
        filename = (
            f"LKE_ZI_{assessment.year}_{assessment.agency_id.code or assessment.agency_id.id}.xlsx"
        )
        return request.make_response(
            content,
            headers=[
                (
                    "Content-Type",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )


def portal_workbook(assessment):
    """The bytes of the workbook for `assessment` (a record the caller may read)."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    sheet = workbook.add_worksheet("Jawaban")
    bold = workbook.add_format({"bold": True})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    sheet.write(0, 0, f"LKE Zona Integritas {assessment.year}: {assessment.agency_id.name}", bold)
    sheet.write(1, 0, assessment.template_id.regulation or "")
    headers = {
        "soal_id": "soal_id",
        "code": "Kode",
        "question": "Pertanyaan",
        "unit": "Jawaban Unit",
        "unit_note": "Catatan Unit",
        "evidence": "Bukti Dukung Unit",
        "tpi": "Jawaban TPI",
        "tpi_note": "Catatan TPI",
    }
    for key, label in headers.items():
        sheet.write(3, COLUMNS[key], label, bold)
    sheet.set_column(COLUMNS["question"], COLUMNS["question"], 60)
    sheet.set_column(COLUMNS["unit_note"], COLUMNS["evidence"], 40)
    sheet.set_column(COLUMNS["tpi_note"], COLUMNS["tpi_note"], 40)
    next_row = 5
    for line in assessment.line_ids:
        question = line.question_id
        if question.answer_type == "computed":
            continue
        row = (question.excel_row - 1) if question.excel_row else next_row
        next_row = max(next_row, row + 1)
        if question.soal_id:
            sheet.write_number(row, COLUMNS["soal_id"], question.soal_id)
        sheet.write(row, COLUMNS["code"], question.code)
        sheet.write(row, COLUMNS["question"], question.name, wrap)
        for side, column in (("unit", "unit"), ("tpi", "tpi")):
            if question.answer_type in CHOICE_TYPES:
                value = line[f"{side}_option_id"].code
                if value:
                    sheet.write(row, COLUMNS[column], value)
            elif line[f"{side}_figure"]:
                sheet.write_number(row, COLUMNS[column], float(line[f"{side}_figure"]))
        if line.unit_note:
            sheet.write(row, COLUMNS["unit_note"], line.unit_note, wrap)
        evidence = line._evidence_labels()
        if evidence:
            sheet.write(row, COLUMNS["evidence"], "\n".join(evidence), wrap)
        if line.tpi_note:
            sheet.write(row, COLUMNS["tpi_note"], line.tpi_note, wrap)
    workbook.close()
    return output.getvalue()
