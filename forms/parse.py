"""Read a submitted form back into typed JSON following its schema, trusting nothing in it.

Only names the schema could have produced are read (``forms.names``), each with the control
``forms.widgets`` gave it, so unknown names are ignored and a value cannot change type by being
posted under another control. Sizes are bounded: rows per group, text length, numbers' digits.
Values that cannot be read (a number "dua") become field errors in Indonesian, never exceptions,
and stay in ``data`` as typed so the re-rendered form shows them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from forms.convert import WIB
from forms.errors import FieldError
from forms.names import read_path
from forms.parse_reader import Reader
from forms.paths import PathOrder
from forms.widgets import SchemaLike, form_fields

__all__ = ["ParsedForm", "merge_errors", "parse_form"]


@dataclass
class ParsedForm:
    """What the person sent: ``data`` to validate, ``files`` to store, or a row ``action``."""

    data: dict[str, Any]
    errors: list[FieldError]  # values that could not be read, at their fields; [] when all read
    files: dict[str, Any]  # path ("lampiran", "barang[0].foto") -> the upload object, new files only
    action: str | None = None  # "tambah:barang" or "hapus:barang[1]": re-render, do not submit
    _paths: dict[str, tuple[str | int, ...]] = field(default_factory=dict, repr=False)

    def attach(self, path: str, attachment_id: str) -> None:
        """Put the id of a stored upload into ``data`` at ``path`` (a key of ``files``)."""
        steps = self._paths.get(path) or read_path(path)
        if not steps:
            raise KeyError(path)
        node: Any = self.data
        for step, following in zip(steps, steps[1:], strict=False):
            node = node[step] if isinstance(step, int) else node.setdefault(
                step, [] if isinstance(following, int) else {})
        node[steps[-1]] = attachment_id


def parse_form(
    schema: SchemaLike,
    values: Mapping[str, Any],
    files: Mapping[str, Any] | None = None,
    *,
    prefix: str = "",
    locale: str = "id",
    current: Mapping[str, Any] | None = None,
    attachments: Container[str] | None = None,
    zone: dt.tzinfo = WIB,
) -> ParsedForm:
    """Read ``values`` (``request.form``, or any mapping of name -> list of strings) and ``files``.

    ``prefix`` and ``locale`` must be those the form was rendered with (the locale decides
    whether "1,500" is one and a half or fifteen hundred). Read-only fields are never taken
    from the form: their value comes from ``current`` (the stored data), if given. An
    attachment id kept from an earlier upload is accepted only if it is in ``attachments``
    (when given), so a forged id is dropped. Empty optional values are left out.
    """
    root, fields = form_fields(schema)
    reader = Reader(root, values, files or {}, prefix=prefix, locale=locale if locale == "en" else "id",
                    attachments=attachments, zone=zone)
    data = reader.read_object(fields, (), (), current if isinstance(current, Mapping) else {})
    return ParsedForm(data=data, errors=merge_errors(root, reader.errors, ()), files=reader.files,
                      action=reader.action, _paths=reader.file_paths)


def merge_errors(schema: SchemaLike, first: Iterable[FieldError], then: Iterable[Any]) -> list[FieldError]:
    """Parse errors and validation errors as one list in form order, one source per field.

    A field the parser could not read is also invalid to the validator ("dua" is not a number);
    the parser's message says more, so the validator's errors at that path are dropped. ``then``
    may hold the engine's FieldError (same attributes); results are this package's FieldError.
    """
    root, _ = form_fields(schema)
    found = [FieldError(e.path, e.code, e.message_id, e.message_en) for e in first]
    taken = {e.path for e in found}
    found += [FieldError(e.path, e.code, e.message_id, e.message_en) for e in then if e.path not in taken]
    order = PathOrder(root)

    def key(error: FieldError) -> Any:
        steps = read_path(error.path)
        return (0, order.key(steps)) if steps is not None else (1, ())

    return sorted(dict.fromkeys(found), key=key)
