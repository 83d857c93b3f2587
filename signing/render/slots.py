"""Placeholders a template puts where signatures, initials, seals and the letter number go.

Each placeholder is an empty box with a known HTML id; after layout its position becomes a PDF
field of the same name. A planned slot must be placed exactly once (a field has one widget here),
a name the request did not plan is refused, and so is a helper of the wrong kind (``paraf`` for a
``sign`` slot). The role label is printed under the box, so it stays readable before and after
the signature appearance is drawn inside the box.
"""

from __future__ import annotations

import base64
from typing import Any

from markupsafe import Markup

from signing.errors import RenderError, TemplateError
from signing.render.model import NUMBER_FIELD, Letterhead, SignatureSlot

SLOT_ID_PREFIX = "lintas-slot-"
NUMBER_ID = f"lintas-field-{NUMBER_FIELD}"
_HELPER = {"sign": "tanda_tangan", "paraf": "paraf", "seal": "segel"}
# nomor_surat(rata=...) -> the text field's /Q (quadding): 0 left, 1 centre, 2 right.
QUADDING = {"kiri": 0, "tengah": 1, "kanan": 2}


class SlotBook:
    """This document's planned slots and which ones the template has placed."""

    def __init__(self, slots: tuple[SignatureSlot, ...], number: str | None) -> None:
        self._slots = {slot.name: slot for slot in slots}
        self._number = number
        self.placed: set[str] = set()
        self.number_quadding = 0

    def place(self, kind: str, name: object) -> Markup:
        helper = _HELPER[kind]
        slot = self._slots.get(name) if isinstance(name, str) else None
        if slot is None:
            planned = ", ".join(sorted(self._slots)) or "-"
            raise TemplateError(f"{helper}({name!r}): tidak ada tanda tangan terencana dengan nama itu "
                                f"(yang direncanakan: {planned}).",
                                f"{helper}({name!r}): no planned signature has that name (planned: {planned}).")
        if slot.kind != kind:
            raise TemplateError(f"{helper}({name!r}): slot ini berjenis {slot.kind}; pakai {_HELPER[slot.kind]}().",
                                f"{helper}({name!r}): this slot is of kind {slot.kind}; use {_HELPER[slot.kind]}().")
        if slot.name in self.placed:
            raise TemplateError(f"{helper}({name!r}) dipanggil dua kali; satu slot hanya satu tempat.",
                                f"{helper}({name!r}) is called twice; a slot has exactly one place.")
        self.placed.add(slot.name)
        return Markup(
            '<span class="lintas-ttd lintas-ttd--{kind}">'
            '<span class="lintas-slot lintas-slot--{kind}" id="{prefix}{name}"></span>'
            '<span class="lintas-slot-label">{label}</span></span>'
        ).format(kind=kind, prefix=SLOT_ID_PREFIX, name=slot.name, label=slot.label)

    def number_markup(self, rata: str = "kiri") -> Markup:
        """The letter number, or the empty box that becomes the number field.

        ``rata`` ("kiri", "tengah", "kanan") aligns a number filled in at signing within its box,
        e.g. "tengah" under a centred title.
        """
        if rata not in QUADDING:
            raise TemplateError(f"nomor_surat(rata={rata!r}): pilih kiri, tengah atau kanan.",
                                f"nomor_surat(rata={rata!r}): choose kiri, tengah or kanan.")
        self.number_quadding = QUADDING[rata]
        if self._number is not None:
            return Markup('<span class="lintas-nomor-isi">{}</span>').format(self._number)
        return Markup(f'<span class="lintas-nomor" id="{NUMBER_ID}"></span>')

    def check_complete(self, html: str, template: str) -> None:
        """After rendering: every planned slot placed once, the number field at most once."""
        missing = sorted(name for name in self._slots if name not in self.placed)
        if missing:
            calls = ", ".join(f"{_HELPER[self._slots[name].kind]}({name!r})" for name in missing)
            raise TemplateError(f"Templat {template} tidak menempatkan tanda tangan terencana: {calls}.",
                                f"Template {template} does not place the planned signatures: {calls}.", template)
        for name in self._slots:
            if html.count(f'id="{SLOT_ID_PREFIX}{name}"') != 1:
                raise TemplateError(f"Kotak tanda tangan {name} muncul lebih dari satu kali di {template}.",
                                    f"The signature box {name} appears more than once in {template}.", template)
        if self._number is None and html.count(f'id="{NUMBER_ID}"') > 1:
            raise TemplateError(
                f"Nomor surat yang diisi saat penandatanganan hanya dapat ditempatkan satu kali ({template}).",
                f"A letter number filled in at signing can be placed only once ({template}).", template)


def letterhead_view(letterhead: Letterhead) -> dict[str, Any]:
    """What templates see as ``kop``: the texts, and the logo as a data URI (or None)."""
    return {
        "pemda": letterhead.pemda,
        "opd": letterhead.opd,
        "address": letterhead.address,
        "contact": letterhead.contact,
        "logo": _logo_uri(letterhead.logo) if letterhead.logo else None,
    }


def _logo_uri(logo: bytes) -> str:
    if logo.startswith(b"\x89PNG\r\n\x1a\n"):
        mime = "image/png"
    elif b"<svg" in logo[:4096].lower():
        mime = "image/svg+xml"
    else:
        raise RenderError("Logo kop surat harus PNG atau SVG.", "The letterhead logo must be PNG or SVG.")
    return f"data:{mime};base64,{base64.b64encode(logo).decode('ascii')}"
