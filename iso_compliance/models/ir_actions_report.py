import io

from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from odoo import api, fields, models
from odoo.tools.pdf import PdfFileReader, PdfFileWriter


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _is_iso_report(self):
        """Whether this is one of the programme's reports (its template lives in one of the
        iso_compliance addons), which print letterhead, signatures and page numbers."""
        return bool(self) and self.report_name.partition(".")[0].startswith("iso_compliance")

    def _get_rendering_context(self, report, docids, data):
        """The addon's reports show when they were printed and date the signatures that day,
        in the reader's time zone: one moment for the whole document, from the ORM's clock."""
        values = super()._get_rendering_context(report, docids, data)
        if report._is_iso_report():
            now = fields.Datetime.now()
            values["iso_printed_at"] = now
            values["iso_printed_on"] = fields.Date.context_today(self, now)
        return values

    @api.model
    def _run_wkhtmltopdf(
        self,
        bodies,
        report_ref=False,
        header=None,
        footer=None,
        landscape=False,
        specific_paperformat_args=None,
        set_viewport_size=False,
    ):
        """The programme's reports on every build of wkhtmltopdf. Debian's build (Qt without
        wkhtmltopdf's patches) ignores the separate footer, where Odoo numbers the pages, and
        renders one document per run only (given several, it writes nothing and exits with
        "unknown error"): each record's document is rendered on its own, its pages are
        numbered from 1 ("Page 2 of 5"), then the documents are put together."""
        report = self._get_report(report_ref) if report_ref else self.browse()
        options = {
            "report_ref": report_ref,
            "header": header,
            "footer": footer,
            "landscape": landscape,
            "specific_paperformat_args": specific_paperformat_args,
            "set_viewport_size": set_viewport_size,
        }
        if not report._is_iso_report():
            return super()._run_wkhtmltopdf(bodies, **options)
        documents = []
        for body in bodies:
            documents.append(self._iso_number_pages(super()._run_wkhtmltopdf([body], **options)))
        if len(documents) == 1:
            return documents[0]
        writer = PdfFileWriter()
        for document in documents:
            for page in PdfFileReader(io.BytesIO(document)).pages:
                writer.add_page(page)
        result = io.BytesIO()
        writer.write(result)
        return result.getvalue()

    def _iso_number_pages(self, pdf):
        """The PDF with "Page X of Y" printed as text (searchable) at the foot of each page,
        in the bottom margin of the programme's paper format."""
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        total = len(reader.pages)
        packet = io.BytesIO()
        stamp = canvas.Canvas(packet)
        for number in range(1, total + 1):
            box = reader.pages[number - 1].mediabox
            width, height = float(abs(box.width)), float(abs(box.height))
            stamp.setPageSize((width, height))
            stamp.setFont("Helvetica", 8)
            stamp.drawCentredString(
                width / 2,
                9 * mm,
                self.env._("Page %(page)s of %(total)s", page=number, total=total),
            )
            stamp.showPage()
        stamp.save()
        stamps = PdfFileReader(packet)
        writer = PdfFileWriter()
        for page, stamp_page in zip(reader.pages, stamps.pages, strict=True):
            page.merge_page(stamp_page)
            writer.add_page(page)
        result = io.BytesIO()
        writer.write(result)
        return result.getvalue()
