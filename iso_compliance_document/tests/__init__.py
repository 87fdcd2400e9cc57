from . import (
    test_iso_document,
    test_iso_document_access,
    test_iso_document_pdf,
    test_iso_document_tour,
)
