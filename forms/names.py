"""Names and ids of form controls, shared by the renderer and the parser so both agree.

A control's ``name`` is the caller's prefix followed by the field's path, written exactly as
``FieldError.path`` writes it ("barang[0].nama"), so an error finds its control by string.
Row buttons and markers are named ``<prefix>_tambah:<path>``, ``<prefix>_hapus:<path>[i]`` and
``<prefix>_lepas:<path>``: a field path never contains ":" unquoted, so they cannot collide.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from forms.paths import format_path

ADD = "_tambah:"  # "Tambah baris": add a row to <path>
REMOVE = "_hapus:"  # "Hapus": remove row <path>[i]
DETACH = "_lepas:"  # "Lepas lampiran": drop the attachment kept in <path>

_PLAIN_NAME = re.compile(r"[A-Za-z0-9_-]+")
_ID_SAFE = re.compile(r"[^A-Za-z0-9_.\[\]-]")
_STEP = re.compile(r'\.?([A-Za-z0-9_-]+)|\[([0-9]+)\]|\[("(?:[^"\\]|\\.)*")\]')


@dataclass(frozen=True)
class Slot:
    """The row index of a ``<template>`` row, written "__baris<depth>__"; a script replaces it."""

    depth: int

    @property
    def token(self) -> str:
        return f"__baris{self.depth}__"


Step = str | int | Slot
Path = tuple[Step, ...]


def path_text(path: Path) -> str:
    """``forms.paths.format_path`` that also writes template slots."""
    if not any(isinstance(step, Slot) for step in path):
        return format_path(step for step in path if not isinstance(step, Slot))
    out = ""
    for step in path:
        if isinstance(step, Slot):
            out += f"[{step.token}]"
        elif isinstance(step, int):
            out += f"[{step}]"
        elif _PLAIN_NAME.fullmatch(step):
            out += f".{step}" if out else step
        else:
            out += f"[{json.dumps(step, ensure_ascii=False)}]"
    return out


def read_path(text: str) -> tuple[str | int, ...] | None:
    """The inverse of ``format_path``; None for text it could not have written."""
    steps: list[str | int] = []
    at = 0
    while at < len(text):
        match = _STEP.match(text, at)
        if not match or (match.group(0).startswith(".") and not steps):
            return None
        name, index, quoted = match.groups()
        steps.append(name if name is not None else int(index) if index is not None else json.loads(quoted))
        at = match.end()
    return tuple(steps)


def dom_id(name: str) -> str:
    """An HTML id for a control name: "f-" + the name, odd characters written as %XX.

    Letters, digits, "_", "-", ".", "[" and "]" stay as they are ("f-barang[0].nama"), so ids
    read like the names. ":" is always escaped, which leaves it free for the suffixes of help
    text, errors and options ("f-nama:bantuan", "f-kanal:2").
    """
    return "f-" + _ID_SAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), name)
