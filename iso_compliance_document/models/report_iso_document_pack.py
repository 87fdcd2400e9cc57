from odoo import api, models


class ReportIsoDocumentPack(models.AbstractModel):
    """Values of the document pack's index: for one agency and standard, every assessable
    clause with its effective documents, versions and approvals."""

    _name = "report.iso_compliance_document.report_iso_document_pack"
    _description = "Document Pack Index"

    @api.model
    def _get_report_values(self, docids, data=None):
        agencies = self.env["iso.agency"].browse(docids)
        standard = self.env["iso.standard"].browse((data or {}).get("standard_id"))
        if not standard:
            standard = agencies[:1]._pursued_standards()[:1] if agencies else standard
        Pack = self.env["iso.document.pack"]
        return {
            "doc_ids": docids,
            "doc_model": "iso.agency",
            "docs": agencies,
            "standard": standard,
            "rows_of": lambda agency: Pack._clause_rows(agency, standard),
        }
