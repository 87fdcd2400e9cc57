"""The files the programme accepts as documents and evidence: PDF, images and office
documents, judged by their content (``odoo.tools.mimetypes``), not by their name. An
executable renamed ``.pdf`` or an HTML page (which a browser would run) is refused wherever a
file enters a record: the public channel's form, a document version's file, and the same
field reached through ``ir.attachment``."""

import base64
import binascii

from odoo.tools.mimetypes import guess_mimetype

_OLE = {"application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint"}
_OOXML = "application/vnd.openxmlformats-officedocument."
_ODF = "application/vnd.oasis.opendocument."
# Accepted extensions and the types their content may have.
ALLOWED_TYPES = {
    "pdf": {"application/pdf"},
    "jpg": {"image/jpeg"},
    "jpeg": {"image/jpeg"},
    "png": {"image/png"},
    "doc": _OLE,
    "xls": _OLE,
    "ppt": _OLE,
    "docx": {_OOXML + "wordprocessingml.document"},
    "xlsx": {_OOXML + "spreadsheetml.sheet"},
    "pptx": {_OOXML + "presentationml.presentation"},
    "odt": {_ODF + "text"},
    "ods": {_ODF + "spreadsheet"},
    "odp": {_ODF + "presentation"},
}
ALLOWED_MIMETYPES = frozenset().union(*ALLOWED_TYPES.values())


def accepted_mimetype(content, filename=None):
    """The type of `content` (bytes) when it is an accepted file, and, if `filename` is
    given, one its extension may hold; None otherwise."""
    mimetype = guess_mimetype(content or b"", default="application/octet-stream")
    if filename is None:
        return mimetype if mimetype in ALLOWED_MIMETYPES else None
    extension = filename.rpartition(".")[2].lower() if "." in filename else ""
    return mimetype if mimetype in ALLOWED_TYPES.get(extension, ()) else None


def decode_binary(value):
    """The bytes of a binary field's value as the ORM receives it (base64 text or bytes);
    None when it is not base64."""
    if isinstance(value, str):
        value = value.encode()
    try:
        return base64.b64decode(value)
    except (binascii.Error, ValueError):
        return None


def refused_file_message(env, name):
    return env._(
        "%(name)s is not an accepted file: attach PDF documents, images (JPG, PNG) or office "
        "documents (Word, Excel, PowerPoint, OpenDocument).",
        name=name,
    )
