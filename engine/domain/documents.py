"""Output documents in a process: the steps that render them, the tasks that sign them, letter numbers.

A bundle renders a document with a service task ``lintas:document="<template>"`` and has it
initialled and signed by user tasks ``lintas:sign="<document key>" lintas:signField="<field>"
lintas:signKind="paraf|sign"``. The planned signature fields are known at deploy time, so the
rendered PDF carries every field from the start and later signatures only fill them.

Letter numbers follow a per-tenant format over the archive classification code (Permendagri
83/2022), a sequence per unit and year, the unit code and the date: ``{kode}/{urut}/{unit}/{tahun}``
gives ``000.8.3.3/15/PUPR/2026``. ``{bulan}`` is the month in Roman numerals (``III``), a common
variant; ``{urut:03}`` pads the sequence.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from engine.domain.errors import InvalidInput

SIGN_KINDS = ("paraf", "sign")
DEFAULT_NUMBER_FORMAT = "{kode}/{urut}/{unit}/{tahun}"
_FIELDS = {"kode", "urut", "unit", "tahun", "bulan"}
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
CAPACITY_PREFIX = {"definitif": "", "plt": "Plt. ", "plh": "Plh. ", "pj": "Pj. "}


@dataclass(frozen=True)
class Slot:
    """A planned signature field of a document: its name, kind and the role printed under it."""

    field: str
    kind: str           # paraf | sign | seal
    label: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "kind": self.kind, "label": self.label}

    @classmethod
    def from_dict(cls, raw: dict[str, str]) -> Slot:
        return cls(raw["field"], raw["kind"], raw["label"])


@dataclass(frozen=True)
class DocumentStep:
    """A service task that renders a document from a bundle template (run by a job, not in a request)."""

    process_id: str
    element_id: str
    name: str
    template: str                    # file name under templates/, e.g. "ba-hasil-tindak-lanjut.html"
    key: str                         # where the instance data keeps it: dokumen.<key>
    title: str
    letterhead_opd: str | None       # OPD code of the kop surat; None = the OPD of the step's lane
    classification: str | None       # archive classification code for the letter number
    seal: bool = False               # sealed by the organisation when rendered (no human signature)
    slots: tuple[Slot, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"process_id": self.process_id, "element_id": self.element_id, "name": self.name,
                "template": self.template, "key": self.key, "title": self.title,
                "letterhead_opd": self.letterhead_opd, "classification": self.classification, "seal": self.seal,
                "slots": [s.as_dict() for s in self.slots]}

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> DocumentStep:
        return cls(raw["process_id"], raw["element_id"], raw["name"], raw["template"], raw["key"], raw["title"],
                   raw.get("letterhead_opd"), raw.get("classification"), bool(raw.get("seal")),
                   tuple(Slot.from_dict(s) for s in raw.get("slots") or ()))


@dataclass(frozen=True)
class SigningSpec:
    """What a signing user task signs: which document, which field, paraf or signature."""

    document_key: str
    field: str
    kind: str = "sign"
    on_behalf_of: str | None = None   # "a.n." role: the signer signs for this (higher) role

    def as_dict(self) -> dict[str, Any]:
        return {"document_key": self.document_key, "field": self.field, "kind": self.kind,
                "on_behalf_of": self.on_behalf_of}

    @classmethod
    def from_dict(cls, raw: dict[str, Any] | None) -> SigningSpec | None:
        if not raw:
            return None
        return cls(raw["document_key"], raw["field"], raw.get("kind", "sign"), raw.get("on_behalf_of"))


def key_problem(key: str) -> str | None:
    """Why ``key`` cannot name a document or a field (None when it can)."""
    if not _KEY.match(key):
        return ("huruf kecil, angka dan '_' saja, diawali huruf / "
                "lower-case letters, digits and '_', starting with a letter")
    return None


def default_key(template: str) -> str:
    stem = template.rsplit("/", 1)[-1].removesuffix(".html")
    return re.sub(r"[^a-z0-9_]", "_", stem.lower()).strip("_") or "dokumen"


@dataclass(frozen=True)
class NumberFormat:
    """A tenant's letter-number template, checked once when the organisation file is loaded."""

    text: str = DEFAULT_NUMBER_FORMAT
    fields: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def parse(cls, text: str | None) -> NumberFormat:
        text = (text or DEFAULT_NUMBER_FORMAT).strip()
        used: set[str] = set()
        try:
            for _, name, spec, conversion in string.Formatter().parse(text):
                if name is None:
                    continue
                if name not in _FIELDS or conversion:
                    raise InvalidInput(
                        f"format nomor surat: kolom '{{{name}}}' tidak dikenal (pakai {', '.join(sorted(_FIELDS))})",
                        f"letter number format: unknown field '{{{name}}}' (use {', '.join(sorted(_FIELDS))})")
                if spec and not (name == "urut" and re.fullmatch(r"0?\d", spec)):
                    raise InvalidInput(f"format nomor surat: format '{spec}' hanya untuk {{urut}}, mis. {{urut:03}}",
                                       f"letter number format: '{spec}' is only allowed on {{urut}}, e.g. {{urut:03}}")
                used.add(name)
        except ValueError as exc:
            raise InvalidInput(f"format nomor surat tidak valid: {text!r}",
                               f"invalid letter number format: {text!r} ({exc})") from exc
        if "urut" not in used:
            raise InvalidInput("format nomor surat harus memuat {urut}", "the letter number format must contain {urut}")
        if len(text) > 128:
            raise InvalidInput("format nomor surat terlalu panjang", "letter number format too long")
        return cls(text, frozenset(used))

    def render(self, *, sequence: int, classification: str | None, unit: str, day: date) -> str:
        if "kode" in self.fields and not classification:
            raise InvalidInput("dokumen ini tidak punya kode klasifikasi arsip (lintas:classification)",
                               "this document has no archive classification code (lintas:classification)")
        return self.text.format(kode=classification or "", urut=sequence, unit=unit, tahun=day.year,
                                bulan=_ROMAN[day.month - 1])


def acting_label(role: str, capacity: str, on_behalf_of: str | None = None) -> str:
    """How the signer's role is printed: "Plt. Kepala Dinas", "a.n. Bupati / Sekretaris Daerah"."""
    own = CAPACITY_PREFIX.get(capacity, "") + role
    return f"a.n. {on_behalf_of}\n{own}" if on_behalf_of else own


@dataclass(frozen=True)
class Revision:
    """One stored revision of a document (write-once): rendered, initialled, signed or sealed."""

    seq: int
    sha256: str
    kind: str
    field: str | None
    signer: str | None
    signer_role: str | None
    capacity: str | None
    certificate_serial: str | None
    level: str | None
    number: str | None
    created_at: datetime


@dataclass(frozen=True)
class DocumentInfo:
    id: int
    tenant_id: int
    instance_id: int | None
    public_id: str
    key: str
    title: str
    template: str
    template_sha256: str
    opd_id: int | None
    classification: str | None
    number: str | None
    status: str                       # draft | signing | signed
    current_sha256: str
    revisions: int
    slots: tuple[Slot, ...]
    created_at: datetime
    updated_at: datetime

    def slot(self, name: str) -> Slot | None:
        return next((s for s in self.slots if s.field == name), None)

    def next_status(self, signed_fields: set[str]) -> str:
        """draft until the first signature, signing while planned fields remain, then signed."""
        if not signed_fields:
            return "draft"
        return "signed" if all(s.field in signed_fields for s in self.slots) else "signing"
