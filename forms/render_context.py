"""What every part of the renderer shares while drawing one form: language, names, ids, errors.

While fields are drawn they record, per path, the id an error-summary link should jump to and a
readable label ("Barang ke-2 › Nama"); the summary is built last from those records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from markupsafe import Markup

from forms.html import el
from forms.names import Path, dom_id, path_text

TEXT: dict[str, dict[str, str]] = {
    "id": {
        "required": "wajib",
        "tick_required": "wajib dicentang",
        "error": "Kesalahan:",
        "summary": "Terdapat kesalahan",
        "choose": "— Pilih —",
        "add": "Tambah baris",
        "remove": "Hapus",
        "row": "{title} ke-{n}",
        "new_row": "{title} (baris baru)",
        "current": "Lampiran saat ini:",
        "detach": "Lepas lampiran ini",
        "replace": "Pilih berkas untuk menggantinya.",
        "accept": "Jenis berkas: {types}.",
        "lines": "Satu isian per baris.",
        "form": "Formulir",
    },
    "en": {
        "required": "required",
        "tick_required": "must be ticked",
        "error": "Error:",
        "summary": "There is a problem",
        "choose": "— Choose —",
        "add": "Add row",
        "remove": "Remove",
        "row": "{title} {n}",
        "new_row": "{title} (new row)",
        "current": "Current attachment:",
        "detach": "Remove this attachment",
        "replace": "Choose a file to replace it.",
        "accept": "File types: {types}.",
        "lines": "One entry per line.",
        "form": "Form",
    },
}


class ErrorLike(Protocol):
    """``forms.FieldError`` or the engine's FieldError: anything with these attributes."""

    @property
    def path(self) -> str: ...
    @property
    def message_id(self) -> str: ...
    @property
    def message_en(self) -> str: ...


@dataclass
class Ctx:
    root: Mapping[str, Any]
    locale: str
    prefix: str
    zone: dt.tzinfo
    attachments: Mapping[str, str]
    attachment_url: Callable[[str], str] | None
    errors: dict[str, list[str]] = field(default_factory=dict)
    targets: dict[str, str] = field(default_factory=dict)  # path -> id the summary links to
    labels: dict[str, str] = field(default_factory=dict)  # path -> "Barang ke-2 › Nama"
    has_rows: bool = False
    in_template: bool = False  # drawing a <template> row: no errors, nothing recorded

    def t(self, key: str, **values: Any) -> str:
        return TEXT[self.locale][key].format(**values)

    def name(self, path: Path) -> str:
        return self.prefix + path_text(path)

    def id(self, path: Path) -> str:
        return dom_id(self.name(path))

    def errors_at(self, path: Path) -> list[str]:
        return [] if self.in_template else self.errors.get(path_text(path), [])

    def record(self, path: Path, target: str, label: str) -> None:
        if not self.in_template:
            self.targets[path_text(path)] = target
            self.labels[path_text(path)] = label

    def required_mark(self, key: str = "required") -> Markup:
        return el("span", {"class": "lintas-wajib"}, f"({self.t(key)})")

    def error_block(self, path: Path, error_id: str) -> Markup | None:
        """The messages next to a field, with a hidden "Kesalahan:" for screen readers (GOV.UK)."""
        messages = self.errors_at(path)
        if not messages:
            return None
        return el("p", {"class": "lintas-galat", "id": error_id},
                  el("span", {"class": "lintas-sr"}, self.t("error")), " " + " ".join(messages))

    def help_block(self, text: str, help_id: str) -> Markup | None:
        return el("p", {"class": "lintas-bantuan", "id": help_id}, text) if text else None


def errors_by_path(errors: Iterable[ErrorLike] | None, locale: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for error in errors or ():
        text = error.message_en if locale == "en" and error.message_en else error.message_id
        messages = found.setdefault(error.path, [])
        if text not in messages:
            messages.append(text)
    return found


def labelled(parent: str, title: str) -> str:
    return f"{parent} › {title}" if parent else title
