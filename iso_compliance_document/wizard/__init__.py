from . import iso_document_pack
