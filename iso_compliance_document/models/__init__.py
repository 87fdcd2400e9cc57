from . import (
    iso_agency,
    iso_audit_finding,
    iso_audit_line,
    iso_clause_mapping,
    iso_compliance_settings,
    iso_document,
    iso_document_version,
    iso_mentoring,
    iso_mentoring_line,
    report_iso_document_pack,
)
