"""Attachments (lampiran): what a file is, judged by its bytes, and what it may be called.

A clerk's browser says a file is ``application/pdf`` because its name ends in ``.pdf``; neither the
name nor that claim is evidence. The type is sniffed from the content: PDF, PNG and JPEG by their
signatures, DOCX and XLSX by the zip container's ``[Content_Types].xml`` naming the main part.
Anything else (HTML, scripts, executables, macro-enabled Office files) is refused. The stored name
is the original's last path component, cleaned of control and path characters, with the extension
corrected to the sniffed type, so a PNG renamed ``.pdf`` is stored and served as a ``.png``.

Form fields refer to an attachment by token: ``{"type": "string", "format": "lintas-lampiran",
"contentMediaType": "application/pdf, image/png"}`` holds ``"lmp-<id>"``.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import datetime

from engine.domain.errors import InvalidInput

FILE_FORMAT = "lintas-lampiran"
TOKEN_PREFIX = "lmp-"
_TOKEN = re.compile(r"^lmp-([1-9][0-9]{0,17})$")

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXTENSIONS = {PDF: ".pdf", PNG: ".png", JPEG: ".jpg", DOCX: ".docx", XLSX: ".xlsx"}
_OTHER_EXTENSIONS = {JPEG: (".jpeg",)}
ALLOWED = frozenset(EXTENSIONS)
LABELS = {PDF: "PDF", PNG: "PNG", JPEG: "JPEG", DOCX: "DOCX", XLSX: "XLSX"}

# The part an OOXML package declares as its main document; a macro-enabled file declares another.
_OOXML_MAIN = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
}
_CONTENT_TYPES_LIMIT = 256 * 1024


class FileTooLarge(InvalidInput):
    code = "file_too_large"
    status = 413


class FileTypeRefused(InvalidInput):
    code = "file_type_refused"
    status = 415


@dataclass(frozen=True)
class AttachmentRef:
    """A stored attachment as callers see it; ``token`` is what a form field holds."""

    id: int
    token: str
    name: str
    size: int
    media_type: str
    sha256: str
    instance_id: int | None = None
    uploaded_by: str | None = None
    created_at: datetime | None = None


def token_of(attachment_id: int) -> str:
    return f"{TOKEN_PREFIX}{attachment_id}"


def parse_token(value: object) -> int | None:
    """The attachment id in ``"lmp-<id>"``, or None when the value is not a token."""
    match = _TOKEN.match(value) if isinstance(value, str) else None
    return int(match.group(1)) if match else None


def sniff(data: bytes) -> str | None:
    """The media type the bytes really are, among the allowed ones; None for anything else."""
    if data.startswith(b"%PDF-") and b"%%EOF" in data[-2048:]:
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
        return PNG
    if data.startswith(b"\xff\xd8\xff") and len(data) > 4:
        return JPEG
    if data.startswith(b"PK\x03\x04"):
        return _ooxml(data)
    return None


def _ooxml(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > _CONTENT_TYPES_LIMIT:       # declared size: never inflate a bomb
                return None
            with archive.open(info) as handle:
                declared = handle.read(_CONTENT_TYPES_LIMIT + 1).decode("utf-8", errors="replace")
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError, EOFError):
        return None
    found = {kind for main, kind in _OOXML_MAIN.items() if f'ContentType="{main}"' in declared}
    return found.pop() if len(found) == 1 else None


def parse_accept(text: str | None) -> frozenset[str] | None:
    """A field's ``contentMediaType`` as a set of allowed types (``image/*`` allowed); None = any allowed."""
    if not text or not text.strip():
        return None
    out: set[str] = set()
    for part in text.split(","):
        wanted = part.strip().lower()
        if wanted.endswith("/*"):
            out.update(t for t in ALLOWED if t.startswith(wanted[:-1]))
        elif wanted:
            out.add(wanted)
    return frozenset(out & ALLOWED)


def check_type(media_type: str | None, accept: frozenset[str] | None) -> str:
    """The sniffed type if it may be stored (and fits ``accept``), else a refusal naming what is allowed."""
    allowed = ALLOWED if accept is None else accept
    if media_type is None or media_type not in allowed:
        names = ", ".join(sorted(LABELS[t] for t in allowed)) or "-"
        raise FileTypeRefused(f"jenis berkas tidak diizinkan; yang diterima: {names}",
                              f"file type not allowed; accepted: {names}")
    return media_type


def check_size(size: int, limit: int) -> None:
    if size == 0:
        raise InvalidInput("berkas kosong", "the file is empty")
    if size > limit:
        raise FileTooLarge(f"berkas terlalu besar: {size:,} byte, batas {limit:,} byte",
                           f"file too large: {size:,} bytes, limit {limit:,} bytes")


_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
MAX_NAME = 120


def clean_name(original: str | None, media_type: str) -> str:
    """A safe display and download name: last path part, no control or path characters, NFC, bounded,
    ending in the extension of the sniffed type."""
    text = unicodedata.normalize("NFC", original or "")
    text = re.split(r"[/\\]", text)[-1]
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    text = " ".join(_UNSAFE.sub("_", text).split()).lstrip(".").strip()
    wanted = EXTENSIONS[media_type]
    stem, dot, ext = text.rpartition(".")
    if dot and "." + ext.lower() in _OTHER_EXTENSIONS.get(media_type, ()):
        wanted = "." + ext.lower()              # "foto.jpeg" stays .jpeg
    if dot and "." + ext.lower() == wanted:
        stem = stem.strip()
    elif dot and stem and "." + ext.lower() in _known_extensions():
        stem = stem.strip()                     # "foto.pdf" that is a PNG becomes "foto.png"
    else:
        stem = text
    stem = stem[: MAX_NAME - len(wanted)].rstrip(" .") or "lampiran"
    return stem + wanted


def as_sent(original: str | None) -> str:
    """The name as the browser sent it, kept for the record: printable characters only, bounded."""
    text = unicodedata.normalize("NFC", original or "")
    return "".join(ch if unicodedata.category(ch)[0] != "C" else "\ufffd" for ch in text)[:255]


def _known_extensions() -> set[str]:
    out = set(EXTENSIONS.values())
    for more in _OTHER_EXTENSIONS.values():
        out.update(more)
    return out | {".htm", ".html", ".txt", ".exe", ".doc", ".xls", ".gif", ".bmp", ".tif", ".tiff"}
