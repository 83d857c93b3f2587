"""The rendering vocabulary: what a caller asks for and what it gets back.

Frozen dataclasses checked on construction, so a bad request fails before any template runs.
Field names become HTML ids and PDF field names; PDF treats a dot in a field name as a level in
the field hierarchy, so names are limited to letters, digits and underscores.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from signing.errors import RenderError

#: Name of the text field that receives the letter number at signing time.
NUMBER_FIELD = "nomor_surat"
#: Largest template source (each file: the requested template and what it extends or includes).
MAX_TEMPLATE_BYTES = 256 * 1024
#: Largest HTML a template may produce; bounds layout time as much as the page limit does.
MAX_HTML_CHARS = 8 * 1024 * 1024
#: Time the template stage may take. Checked on every call, attribute access and output chunk; a
#: loop that does none of these is not interrupted, so run rendering in a job with its own limit.
MAX_TEMPLATE_SECONDS = 20.0
#: Most pages a rendered document may have.
MAX_PAGES = 500
#: Largest letterhead logo.
MAX_LOGO_BYTES = 1024 * 1024

SlotKind = Literal["sign", "paraf", "seal"]
SLOT_KINDS: tuple[str, ...] = ("sign", "paraf", "seal")
_FIELD_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,62}$")


@dataclass(frozen=True)
class Letterhead:
    """The kop surat: pemda, OPD, address line, contact line and an optional PNG or SVG logo."""

    pemda: str
    opd: str
    address: str
    contact: str = ""
    logo: bytes | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if not self.pemda.strip() or not self.opd.strip():
            raise RenderError("Kop surat wajib memuat nama pemda dan OPD.",
                              "The letterhead needs the pemda and the OPD names.")
        if self.logo is not None and len(self.logo) > MAX_LOGO_BYTES:
            raise RenderError(f"Logo kop surat lebih dari {MAX_LOGO_BYTES // 1024} KiB.",
                              f"The letterhead logo is larger than {MAX_LOGO_BYTES // 1024} KiB.")


@dataclass(frozen=True)
class SignatureSlot:
    """A planned signature: its field name, its kind, and the role label printed under it."""

    name: str
    kind: SlotKind
    label: str

    def __post_init__(self) -> None:
        check_field_name(self.name)
        if self.kind not in SLOT_KINDS:
            raise RenderError(f"Jenis tanda tangan '{self.kind}' tidak dikenal (sign, paraf, seal).",
                              f"Unknown signature kind '{self.kind}' (sign, paraf, seal).")
        if self.name == NUMBER_FIELD:
            raise RenderError(f"Nama '{NUMBER_FIELD}' dipakai untuk nomor surat.",
                              f"The name '{NUMBER_FIELD}' is reserved for the letter number.")


@dataclass(frozen=True)
class RenderRequest:
    """Everything one document needs. ``number=None``: a fillable field takes the number at signing."""

    template_dir: Path
    template: str
    data: Mapping[str, Any]
    letterhead: Letterhead
    signatures: tuple[SignatureSlot, ...]
    verify_url: str
    issuer_name: str
    number: str | None = None
    title: str = ""
    timezone: str = "Asia/Jakarta"

    def __post_init__(self) -> None:
        if not isinstance(self.template_dir, Path):   # a str from settings or a bundle record
            object.__setattr__(self, "template_dir", Path(self.template_dir))
        object.__setattr__(self, "signatures", tuple(self.signatures))
        names = [slot.name for slot in self.signatures]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise RenderError(f"Nama tanda tangan ganda: {', '.join(duplicates)}.",
                              f"Duplicate signature names: {', '.join(duplicates)}.")
        check_verify_url(self.verify_url)
        if not self.issuer_name.strip():
            raise RenderError("Nama penerbit sertifikat wajib diisi.", "The certificate issuer name is required.")
        zone(self.timezone)


@dataclass(frozen=True)
class FieldBox:
    """Where a field sits: 0-based page, box in PDF points (x1, y1, x2, y2), origin bottom-left."""

    name: str
    kind: str
    page: int
    box: tuple[float, float, float, float]


@dataclass(frozen=True)
class RenderedDocument:
    """An unsigned PDF/A-3b with its empty signature fields (and number field when unnumbered)."""

    pdf: bytes = field(repr=False)
    fields: tuple[FieldBox, ...]
    number_field: FieldBox | None
    page_count: int
    template_sha256: str


def check_field_name(name: str) -> None:
    if not _FIELD_NAME.match(name):
        raise RenderError(
            f"Nama isian '{name}' tidak sah: huruf, angka dan garis bawah, diawali huruf, paling panjang 63.",
            f"Invalid field name '{name}': letters, digits and underscores, starting with a letter, at most 63.")


def check_verify_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in url) or len(url) > 500:
        raise RenderError(f"Alamat verifikasi tidak sah: {url[:100]!r} (harus http/https, tanpa spasi).",
                          f"Invalid verification URL: {url[:100]!r} (must be http/https, no spaces).")


def zone(name: str) -> ZoneInfo:
    """The named IANA time zone, or a RenderError."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise RenderError(f"Zona waktu tidak dikenal: {name!r}.", f"Unknown time zone: {name!r}.") from exc
