"""Field-level write rights on the document register's models and on the fields it adds to
the programme's (see iso_compliance's test_iso_access)."""

import base64

from odoo import Command
from odoo.addons.iso_compliance.tests.test_iso_access import AccessCase, FieldAccessMixin
from odoo.tests import tagged

PDF = base64.b64encode(b"%PDF-1.4\n%%EOF\n")

DOCUMENT_OFFICER = {
    "code",
    "name",
    "document_type",
    "clause_ids",
    "owner_id",
    "review_interval_months",
    "note",
    "version_ids",
}
VERSION_OFFICER = {"file", "filename", "change_note"}

FIELD_ACCESS = {
    "iso.document": {
        "officer": DOCUMENT_OFFICER,
        "mentor": set(),
        "manager": DOCUMENT_OFFICER | {"agency_id", "active"},
    },
    "iso.document.version": {
        "officer": VERSION_OFFICER,
        "mentor": set(),
        "manager": VERSION_OFFICER,
    },
    # The fields the register adds to the programme's models.
    "iso.agency": {
        "officer": set(),
        "mentor": {"document_approver_ids"},
        "manager": {"document_approver_ids"},
    },
    "iso.audit.line": {
        "officer": set(),
        "mentor": {"document_ids"},
        "manager": {"document_ids"},
    },
    "iso.audit.finding": {
        "officer": set(),
        "mentor": {"document_id"},
        "manager": {"document_id"},
    },
    "iso.mentoring.line": {
        "officer": {"document_ids"},
        "mentor": {"document_ids"},
        "manager": {"document_ids"},
    },
}


class DocumentAccessCase(AccessCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Document = cls.env["iso.document"]
        cls.document = Document.create(
            {"code": "KEB-AP-01", "name": "Kebijakan Anti Penyuapan", "agency_id": cls.agency_a.id}
        )
        cls.versioned = Document.create(
            {"code": "SOP-PI-01", "name": "SOP Pengendalian Dokumen", "agency_id": cls.agency_a.id}
        )
        cls.version = cls.env["iso.document.version"].create(
            {"document_id": cls.versioned.id, "file": PDF, "filename": "SOP-PI-01.pdf"}
        )

    def extra_records(self):
        return {"iso.document": self.document, "iso.document.version": self.version}

    def extra_values(self):
        return {
            ("iso.document", "agency_id"): self.agency_b.id,
            ("iso.document", "clause_ids"): [Command.link(self.clause.id)],
            ("iso.document", "version_ids"): [
                Command.create({"change_note": "Draf pertama.", "file": PDF})
            ],
            ("iso.document", "owner_id"): self.mentor.id,
            ("iso.document.version", "document_id"): self.document.id,
            ("iso.mentoring.line", "document_ids"): [Command.link(self.document.id)],
            ("iso.audit.line", "document_ids"): [Command.link(self.document.id)],
            ("iso.audit.finding", "document_id"): self.document.id,
            ("iso.agency", "document_approver_ids"): [Command.link(self.officer_b.id)],
        }


@tagged("post_install", "-at_install")
class TestDocumentFieldAccess(FieldAccessMixin, DocumentAccessCase):
    FIELD_ACCESS = FIELD_ACCESS
    MODULE = "iso_compliance_document"
