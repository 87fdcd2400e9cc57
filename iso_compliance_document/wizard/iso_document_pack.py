import base64
import io
import re
import zipfile

from odoo import api, fields, models
from odoo.exceptions import UserError

INDEX_NAME = "00-index.pdf"


def _safe(name):
    """A file name that every operating system's unzip accepts."""
    return re.sub(r"[^\w.\- ]+", "_", name or "").strip() or "file"


class IsoDocumentPack(models.TransientModel):
    """The documents an agency hands a certification body before the stage 1 audit: a ZIP
    of the effective documents serving one standard's clauses, with an index that lists
    each clause's documents and highlights the clauses without any."""

    _name = "iso.document.pack"
    _description = "Document Pack"

    agency_id = fields.Many2one("iso.agency", required=True, ondelete="cascade")
    standard_id = fields.Many2one(
        "iso.standard",
        required=True,
        ondelete="cascade",
        help="The standard whose clauses the pack covers; documents registered for the "
        "clauses mapped to them in another standard are included.",
    )

    @api.model
    def _clause_rows(self, agency, standard):
        """[(clause, effective documents)] for every assessable clause of the standard, in
        clause order; a clause without documents is missing from the agency's register."""
        clauses = standard._assessable_clauses().get(standard, self.env["iso.standard.clause"])
        equivalents = self.env["iso.clause.mapping"]._equivalents(clauses.ids)
        documents = self.env["iso.document"].search(
            [("agency_id", "=", agency.id), ("is_effective", "=", True)]
        )
        rows = []
        for clause in clauses.sorted("sort_key"):
            serving = documents.filtered(
                lambda d, c=clause: set(d.clause_ids.ids) & equivalents[c.id]
            )
            rows.append((clause, serving))
        return rows

    def _build_zip(self):
        """The pack's file name and bytes: the index PDF, then each document's current file
        once, named by its code and version."""
        self.ensure_one()
        rows = self._clause_rows(self.agency_id, self.standard_id)
        documents = self.env["iso.document"].union(*(docs for _clause, docs in rows))
        documents = documents.sorted(lambda d: (d.code, d.id))
        report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        index_pdf, _kind = report._render_qweb_pdf(
            "iso_compliance_document.iso_document_pack_report",
            res_ids=self.agency_id.ids,
            data={"standard_id": self.standard_id.id},
        )
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(INDEX_NAME, index_pdf)
            for document in documents:
                version = document.current_version_id
                raw = version.sudo().with_context(bin_size=False).file
                if not raw:
                    continue
                extension = (version.filename or "").rpartition(".")[2] or "pdf"
                name = _safe(f"{document.code} v{version.name} - {document.name}")
                archive.writestr(f"{name}.{extension}", base64.b64decode(raw))
        filename = _safe(
            f"{self.agency_id.code} {self.standard_id.code} {self.standard_id.edition}"
        ).replace(" ", "-")
        return f"{filename}.zip", buffer.getvalue()

    def action_generate(self):
        """Build the pack, keep it in the agency's attachments, and download it."""
        self.ensure_one()
        self.agency_id.check_access("read")
        if not self.standard_id._assessable_clauses():
            raise UserError(
                self.env._(
                    "%(standard)s has no assessable clause: there is nothing to pack.",
                    standard=self.standard_id.display_name,
                )
            )
        filename, content = self._build_zip()
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": filename,
                    "raw": content,
                    "mimetype": "application/zip",
                    "res_model": "iso.agency",
                    "res_id": self.agency_id.id,
                }
            )
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }
