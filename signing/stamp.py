"""The visible stamp of a signature: who signed, in which capacity, when, and where to verify.

A signature (``sign``) and an organisation seal (``seal``) get a QR stamp: the QR code leads to
the public verification page, the text names the signer (or the organisation), the capacity
(Plt./Plh./Pj., a.n./u.b.), the NIP and the signing time in the tenant's zone, e.g.
"17 Maret 2026 09.30 WIB". An initial (``paraf``) is a small text stamp: initials, role, time.
Text is drawn with an embedded Noto Sans (``signing.typeface``). The whole text is passed as
one interpolation parameter, so a ``%`` in a name can never be read as a template directive.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pyhanko.pdf_utils.layout import AxisAlignment, Margins, SimpleBoxLayoutRule
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.stamp import BaseStampStyle, QRPosition, QRStampStyle, TextStampStyle

from signing.errors import RenderError
from signing.typeface import NOTO_SANS, StampFont

MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
             "Oktober", "November", "Desember")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")
# Indonesian zone names (UU/Keppres 41/1987); other zones fall back to their tz abbreviation.
ZONE_NAMES = {"Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}
ACTING_PREFIXES = ("", "Plt.", "Plh.", "Pj.")
_TEXT_PARAM = "isi"


class SignatureKind(enum.StrEnum):
    SIGN = "sign"      # tanda tangan: an official's signature
    PARAF = "paraf"    # initial of a reviewer
    SEAL = "seal"      # organisation seal on a system-generated document


@dataclass(frozen=True)
class StampContent:
    """What a stamp shows. ``name`` is the official (or, for a seal, the organisation).

    ``acting`` prefixes the role (``Plt.``, ``Plh.``, ``Pj.``); ``on_behalf_of`` is shown as
    "a.n. <office>" above the role and ``by_order_of`` as the intermediate office followed by
    "u.b." (delegation two levels down). ``short_name`` replaces the initials on a paraf.
    """

    name: str
    role: str = ""
    verify_url: str = ""
    time_zone: str = "Asia/Jakarta"
    nip: str = ""
    acting: str = ""
    on_behalf_of: str = ""
    by_order_of: str = ""
    short_name: str = ""

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("a stamp needs a name")
        if self.acting not in ACTING_PREFIXES:
            raise ValueError(f"acting must be one of {ACTING_PREFIXES[1:]}, not {self.acting!r}")
        zone(self.time_zone)

    def capacity_lines(self) -> list[str]:
        lines = [f"a.n. {self.on_behalf_of}"] if self.on_behalf_of else []
        if self.by_order_of:
            lines += [self.by_order_of, "u.b."]
        if self.role:
            lines.append(f"{self.acting} {self.role}".strip())
        return lines


@dataclass(frozen=True)
class Stamp:
    """A pyHanko stamp style with the text parameters it is drawn with."""

    style: BaseStampStyle
    text_params: dict[str, str]

    @property
    def text(self) -> str:
        return self.text_params[_TEXT_PARAM]


def build_stamp(kind: SignatureKind, content: StampContent, moment: datetime, *,
                font: Path = NOTO_SANS) -> Stamp:
    when = format_time(moment, content.time_zone)
    if kind is SignatureKind.PARAF:
        text = "\n".join([f"Paraf: {content.short_name or initials(content.name)}", *content.capacity_lines(), when])
        return Stamp(_text_style(font, size=6), {_TEXT_PARAM: text})
    if not content.verify_url:
        raise RenderError("stempel tanda tangan memerlukan URL verifikasi untuk kode QR",
                          "a signature stamp needs a verification URL for its QR code")
    if kind is SignatureKind.SEAL:
        lines = ["Disegel secara elektronik oleh", content.name, *content.capacity_lines(), when]
    else:
        nip = [f"NIP {format_nip(content.nip)}"] if content.nip else []
        lines = ["Ditandatangani secara elektronik oleh", *content.capacity_lines(), content.name, *nip, when]
    return Stamp(_qr_style(font, size=7), {_TEXT_PARAM: "\n".join(lines), "url": content.verify_url})


def _box_style(font: Path, size: int) -> TextBoxStyle:
    # The engine's size and the box's size must match (pyHanko issue #733).
    return TextBoxStyle(font=StampFont(font, size), font_size=size, leading=size + 2,
                        box_layout_rule=SimpleBoxLayoutRule(x_align=AxisAlignment.ALIGN_MIN,
                                                            y_align=AxisAlignment.ALIGN_MID,
                                                            margins=Margins.uniform(2)))


def _text_style(font: Path, size: int) -> TextStampStyle:
    return TextStampStyle(stamp_text=f"%({_TEXT_PARAM})s", text_box_style=_box_style(font, size), border_width=1,
                          inner_content_layout=SimpleBoxLayoutRule(x_align=AxisAlignment.ALIGN_MID,
                                                                   y_align=AxisAlignment.ALIGN_MID,
                                                                   margins=Margins.uniform(3)))


def _qr_style(font: Path, size: int) -> QRStampStyle:
    return QRStampStyle(stamp_text=f"%({_TEXT_PARAM})s", text_box_style=_box_style(font, size), border_width=1,
                        qr_position=QRPosition.LEFT_OF_TEXT, innsep=2)


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {name!r}") from exc


def zone_name(moment: datetime, time_zone: str) -> str:
    return ZONE_NAMES.get(time_zone) or moment.astimezone(zone(time_zone)).strftime("%Z")


def format_time(moment: datetime, time_zone: str, *, english: bool = False) -> str:
    """``17 Maret 2026 09.30 WIB`` (or ``17 March 2026 09:30 WIB``) in ``time_zone``."""
    if moment.tzinfo is None:
        raise ValueError("a signing time must be timezone-aware")
    local = moment.astimezone(zone(time_zone))
    months, sep = (MONTHS_EN, ":") if english else (MONTHS_ID, ".")
    return (f"{local.day} {months[local.month - 1]} {local.year} "
            f"{local.hour:02d}{sep}{local.minute:02d} {zone_name(moment, time_zone)}")


def format_nip(nip: str) -> str:
    """An 18-digit NIP as printed: birth date, appointment month, sex, sequence."""
    digits = re.sub(r"\s+", "", nip)
    if len(digits) == 18 and digits.isdigit():
        return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"
    return nip.strip()


def initials(name: str) -> str:
    """Initials of a name without its academic titles: "Ir. Budi Santoso, M.T." -> "BS"."""
    words = [w for w in name.split(",")[0].split() if not w.endswith(".")]
    return "".join(w[0].upper() for w in words if w[0].isalpha()) or name.strip()[:3]
