"""What a CV file really is, read from its content (never from its name).

Accepted: PDF (starts with ``%PDF-``), DOCX (a ZIP holding ``[Content_Types].xml`` and
``word/document.xml``) and ODT (a ZIP whose first entry is ``mimetype``, holding
``application/vnd.oasis.opendocument.text``), 5 MB at most. Anything else, an executable renamed
``cv.pdf`` included, is refused with a message the resident can act on.
"""

import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from vitrine.french import number

MAX_BYTES = 5 * 1024 * 1024
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


@dataclass(frozen=True)
class CvKind:
    extension: str
    content_type: str
    label: str


PDF = CvKind("pdf", "application/pdf", "PDF")
DOCX = CvKind(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "Word (DOCX)",
)
ODT = CvKind("odt", "application/vnd.oasis.opendocument.text", "OpenDocument (ODT)")
KINDS = {kind.extension: kind for kind in (PDF, DOCX, ODT)}

WRONG_TYPE = (
    "Ce fichier n'est pas un CV en PDF, Word (DOCX) ou OpenDocument (ODT). "
    "Enregistrez votre CV dans l'un de ces formats, puis envoyez-le à nouveau."
)
TOO_BIG = "Ce fichier est trop lourd ({size} Mo). Le CV doit faire 5 Mo au plus."
EMPTY = "Ce fichier est vide."


def _zip_kind(upload) -> CvKind | None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
            if entries and entries[0].filename == "mimetype":
                # The ODF specification stores this entry first and uncompressed; it is tiny.
                with archive.open(entries[0]) as mimetype:
                    if mimetype.read(len(ODT_MIMETYPE) + 1).strip() == ODT_MIMETYPE:
                        return ODT
            if {"[Content_Types].xml", "word/document.xml"} <= names:
                return DOCX
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError):
        return None
    return None


def cv_kind(upload) -> CvKind:
    """The kind of an uploaded CV, checked from its bytes; ``ValidationError`` (in French)
    when it is too big, empty, or neither a PDF, a DOCX nor an ODT."""
    size = upload.size
    if size is None:
        upload.seek(0, 2)
        size = upload.tell()
    if size > MAX_BYTES:
        megabytes = number(size / (1024 * 1024), 1, grouped=False)
        raise ValidationError(TOO_BIG.format(size=megabytes), code="too_big")
    if size == 0:
        raise ValidationError(EMPTY, code="empty")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    kind = None
    if head.startswith(b"%PDF-"):
        kind = PDF
    elif head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(upload)
        upload.seek(0)
    if kind is None:
        raise ValidationError(WRONG_TYPE, code="wrong_type")
    return kind


def kind_of_name(name: str) -> CvKind:
    """The kind of a stored CV, from the extension this module gave it when it was saved."""
    return KINDS.get(name.rsplit(".", 1)[-1].lower(), PDF)
