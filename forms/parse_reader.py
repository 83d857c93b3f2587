"""The walk behind ``forms.parse``: field by field, the names the renderer gave, read back.

Two paths travel together: ``src`` names the controls as submitted ("barang[3].nama", where a
script may have left gaps in the row numbers) and ``dst`` is where the value lands in the data
("barang[1].nama" once rows are renumbered); errors and files are reported at ``dst``.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Container, Mapping, Sequence
from itertools import chain, islice
from typing import Any

from forms import messages
from forms.convert import read_choice, read_clock, read_integer, read_local_datetime, read_number
from forms.errors import FieldError
from forms.fields import Field
from forms.formats import is_attachment_id
from forms.messages import Text
from forms.names import ADD, DETACH, REMOVE, path_text
from forms.widgets import choices_of, int_keyword, item_type, kind_of, row_limits

MAX_TEXT = 100_000  # characters of one value whose schema sets no maxLength
MAX_NAMES = 5_000  # submitted names looked at when counting rows
_MISSING = object()
_OFF = ("", "false", "0", "off")

DataPath = tuple[str | int, ...]


class Reader:
    def __init__(self, root: Mapping[str, Any], values: Mapping[str, Any], files: Mapping[str, Any], *,
                 prefix: str, locale: str, attachments: Container[str] | None, zone: dt.tzinfo) -> None:
        self.root, self.values, self.uploads = root, values, files
        self.prefix, self.locale, self.attachments, self.zone = prefix, locale, attachments, zone
        self.errors: list[FieldError] = []
        self.files: dict[str, Any] = {}
        self.file_paths: dict[str, DataPath] = {}
        self.action: str | None = None
        names = chain(islice(values.keys(), MAX_NAMES), islice(files.keys(), MAX_NAMES))
        self._names = [n for n in names if isinstance(n, str)]

    # -- submitted values -------------------------------------------------------------------
    def _all(self, source: Mapping[str, Any], name: str) -> list[Any]:
        if hasattr(source, "getlist"):  # werkzeug MultiDict (request.form / request.files)
            return list(source.getlist(name))
        found = source.get(name)
        return [] if found is None else list(found) if isinstance(found, list | tuple) else [found]

    def _first(self, name: str) -> str | None:
        return next((v for v in self._all(self.values, name) if isinstance(v, str)), None)

    def _pressed(self, name: str) -> bool:
        return any(isinstance(v, str) and v.strip().lower() not in _OFF for v in self._all(self.values, name))

    def _error(self, path: DataPath, code: str, text: Text) -> None:
        self.errors.append(FieldError(path_text(path), code, *text))

    # -- structure --------------------------------------------------------------------------
    def read_object(self, fields: Sequence[Field], src: DataPath, dst: DataPath,
                    current: Mapping[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for field in fields:
            kind = kind_of(field, self.root)
            if kind == "none":
                continue
            if field.read_only:
                # Never from the form: a disabled control sends nothing and a readonly one can be forged.
                if field.name in current:
                    out[field.name] = copy.deepcopy(current[field.name])
                continue
            value = self._field(field, kind, (*src, field.name), (*dst, field.name), current.get(field.name))
            if value is not _MISSING:
                out[field.name] = value
        return out

    def _field(self, field: Field, kind: str, src: DataPath, dst: DataPath, current: Any) -> Any:
        name = self.prefix + path_text(src)
        if kind == "group":
            inner = self.read_object(field.fields, src, dst, current if isinstance(current, Mapping) else {})
            return inner if inner or field.required else _MISSING
        if kind == "rows":
            return self._rows(field, src, dst, current)
        if kind == "checkbox":
            return self._pressed(name)
        if kind == "checkboxes":
            return self._ticked(field, name)
        if kind == "file":
            return self._attachment(field, src, dst, name)
        text = self._first(name)
        if text is None or text == "":
            return self._empty(field)
        if kind in ("radio", "select"):
            return read_choice(choices_of(field), text[:MAX_TEXT])
        if kind in ("numeric", "number"):
            return self._number(field, field.type, text, dst, html=kind == "number")
        text = self._bounded(field, text, dst)
        if kind == "lines":
            return self._lines(field, text, dst)
        if kind == "textarea":
            return text.replace("\r\n", "\n")  # browsers send a textarea's line breaks as CRLF
        if kind == "datetime":
            return read_local_datetime(text, self.zone)
        if kind == "time":
            return read_clock(text, self.zone)
        return text

    def _empty(self, field: Field) -> Any:
        # An empty box means "not given": left out, so "required" applies; null where allowed.
        return None if field.nullable and field.required else _MISSING

    def _rows(self, field: Field, src: DataPath, dst: DataPath, current: Any) -> Any:
        _, high = row_limits(field)
        pattern = re.compile(re.escape(self.prefix + path_text(src)) + r"\[([0-9]{1,6})\]")
        indexes = sorted({int(m.group(1)) for n in self._names if (m := pattern.match(n))})
        if len(indexes) > high:
            self._error(dst, "maxItems", messages.describe("maxItems", high, None))
            indexes = indexes[:high]
        removed = None
        if self.action is None:
            removed = next((i for i in indexes if self._pressed(self.prefix + REMOVE + path_text((*src, i)))), None)
        stored = current if isinstance(current, list) else []
        rows: list[dict[str, Any]] = []
        for position, index in enumerate(indexes):
            if index == removed:
                self.action = self.action or "hapus:" + path_text((*dst, position))
                continue
            k = len(rows)
            before = stored[k] if k < len(stored) and isinstance(stored[k], Mapping) else {}
            rows.append(self.read_object(field.item_fields, (*src, index), (*dst, k), before))
        if self.action is None and self._pressed(self.prefix + ADD + path_text(src)):
            self.action = "tambah:" + path_text(dst)
            if len(rows) < high:
                rows.append({f.name: copy.deepcopy(f.default) for f in field.item_fields if f.default is not None})
        return rows if rows or field.required else _MISSING

    # -- values -----------------------------------------------------------------------------
    def _ticked(self, field: Field, name: str) -> Any:
        choices = choices_of(field)
        picked = [read_choice(choices, t[:MAX_TEXT]) for t in self._all(self.values, name)[: 2 * len(choices) + 1]
                  if isinstance(t, str) and t]
        unique = list({repr(v): v for v in picked}.values())
        return unique if unique or field.required else _MISSING

    def _attachment(self, field: Field, src: DataPath, dst: DataPath, name: str) -> Any:
        upload = next(iter(self._all(self.uploads, name)), None)
        # werkzeug sends an empty FileStorage (no file name) for a file box left empty.
        if upload is not None and getattr(upload, "filename", True):
            self.files[path_text(dst)] = upload
            self.file_paths[path_text(dst)] = dst
        kept = self._first(name)
        if self._pressed(self.prefix + DETACH + path_text(src)) or not kept or not is_attachment_id(kept):
            return self._empty(field)
        if self.attachments is not None and kept not in self.attachments:
            return self._empty(field)  # an id this task does not own: forged or stale
        return kept

    def _number(self, field: Field, json_type: str | None, text: str, dst: DataPath, *, html: bool) -> Any:
        integer = json_type == "integer"
        number = (read_integer if integer else read_number)(text, self.locale, html=html)
        if number is None:
            self._error(dst, "type", messages.unreadable_number(integer))
            return text[:200]  # shown again as typed
        return number

    def _bounded(self, field: Field, text: str, dst: DataPath) -> str:
        # Twice maxLength is kept, so the person sees the maxLength error with their text to
        # trim; without maxLength, 100,000 characters.
        limit = int_keyword(field.schema, "maxLength")
        cap = MAX_TEXT if limit is None else min(MAX_TEXT, 2 * limit + 1)
        if len(text) <= cap:
            return text
        if limit is None or limit >= cap:
            self._error(dst, "maxLength", messages.describe("maxLength", cap, None))
        return text[:cap]

    def _lines(self, field: Field, text: str, dst: DataPath) -> Any:
        _, high = row_limits(field)
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if len(lines) > high:
            self._error(dst, "maxItems", messages.describe("maxItems", high, None))
            lines = lines[:high]
        if not lines:
            return [] if field.required else _MISSING
        kind = item_type(field, self.root)
        if kind not in ("integer", "number"):
            return lines
        return [self._number(field, kind, line, (*dst, i), html=False) for i, line in enumerate(lines)]
