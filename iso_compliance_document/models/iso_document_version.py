from odoo import api, fields, models
from odoo.exceptions import UserError

from .iso_document import DOCUMENT_STATES

# What the agency's officers write on a version while it is a draft.
OFFICER_FIELDS = frozenset({"file", "filename", "change_note"})


class IsoDocumentVersion(models.Model):
    """One version of a controlled document, with its file. Every version is kept: the
    approved one is current, those it replaced are obsolete, and all stay downloadable."""

    _name = "iso.document.version"
    _description = "Document Version"
    _inherit = ["iso.access.mixin"]
    _order = "document_id, id desc"
    _iso_write_fields = {
        "officer": OFFICER_FIELDS,
        "mentor": frozenset(),
        "manager": OFFICER_FIELDS,
    }
    _iso_workflow_fields = frozenset(
        {
            "state",
            "prepared_by_id",
            "prepared_on",
            "file_changed_by_id",
            "submitted_on",
            "approved_by_id",
            "approved_on",
        }
    )
    _iso_parent_fields = frozenset({"document_id"})
    _iso_char_limits = {"filename": 250}
    _iso_file_fields = {"file": "filename"}

    document_id = fields.Many2one("iso.document", required=True, index=True, ondelete="cascade")
    name = fields.Char(
        string="Version",
        readonly=True,
        copy=False,
        help="Numbered 1, 2, 3... in the order the versions were added.",
    )
    file = fields.Binary(
        attachment=True,
        required=True,
        copy=False,
        help="The document as issued: PDF, an image (JPG, PNG) or an office document "
        "(Word, Excel, PowerPoint, OpenDocument). A version is saved only with its file.",
    )
    filename = fields.Char()
    change_note = fields.Text(
        string="What Changed", help="What this version changes, for readers of the history."
    )
    state = fields.Selection(
        DOCUMENT_STATES, default="draft", required=True, readonly=True, index=True, copy=False
    )
    prepared_by_id = fields.Many2one(
        "res.users",
        readonly=True,
        default=lambda self: self.env.user,
        help="The author of this version; someone else approves it.",
    )
    prepared_on = fields.Date(readonly=True, default=fields.Date.context_today)
    file_changed_by_id = fields.Many2one(
        "res.users",
        string="File Last Changed By",
        readonly=True,
        copy=False,
        help="Who last put a file in this version, by any path: an author of it too, so "
        "someone else approves it.",
    )
    submitted_on = fields.Date(string="Sent for Approval On", readonly=True, copy=False)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    approved_on = fields.Date(readonly=True, copy=False)
    agency_id = fields.Many2one(related="document_id.agency_id", store=True, index=True)
    company_id = fields.Many2one(related="document_id.company_id", store=True, index=True)

    @api.depends("document_id.code", "name")
    def _compute_display_name(self):
        for version in self:
            version.display_name = f"{version.document_id.code} v{version.name or ''}"

    @api.model_create_multi
    def create(self, vals_list):
        """Versions are added one at a time per document: a new one only once the one in
        preparation is approved or returned, never to an obsolete document."""
        Document = self.env["iso.document"]
        seen = set()
        for vals in vals_list:
            document = Document.browse(vals.get("document_id")).exists()
            if not document:
                continue
            if document.id in seen or document.pending_version_id:
                raise UserError(
                    self.env._(
                        "%(document)s already has a version in preparation: finish it before "
                        "adding another one.",
                        document=document.display_name,
                    )
                )
            if document.state == "obsolete":
                raise UserError(
                    self.env._(
                        "%(document)s is obsolete: register a new document instead of a new "
                        "version.",
                        document=document.display_name,
                    )
                )
            seen.add(document.id)
        versions = super().create(vals_list)
        Version = self.sudo().with_context(active_test=False)
        if not self._iso_in_workflow():
            versions.filtered("file")._iso_file_changed("file")
        for version in versions:
            earlier = Version.search_count(
                [("document_id", "=", version.document_id.id), ("id", "<", version.id)]
            )
            version.sudo().name = str(earlier + 1)
        return versions

    def write(self, vals):
        if not self._iso_in_workflow() and any(version.state != "draft" for version in self):
            raise UserError(
                self.env._(
                    "A version sent for approval, approved or obsolete cannot be changed: add "
                    "a new version instead."
                )
            )
        result = super().write(vals)
        if "file" in vals and not self._iso_in_workflow():
            self._iso_file_changed("file")
        return result

    def _iso_attachment_frozen(self):
        """A version sent for approval, approved or obsolete keeps its file: what was
        approved is what the pack and the downloads serve."""
        return self.filtered(lambda version: version.state != "draft")

    def _iso_file_changed(self, fname):
        if fname == "file":
            self.sudo()._workflow_write({"file_changed_by_id": self.env.uid})

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        """Only a draft version nobody approved goes: the history of a document is kept."""
        if any(version.state != "draft" for version in self):
            raise UserError(
                self.env._(
                    "A version sent for approval, approved or obsolete is part of the "
                    "document's history: it cannot be deleted."
                )
            )
