"""Fields that hold other fields: nested objects (a fieldset with a legend) and arrays of objects
(repeating rows that can be added and removed without JavaScript).

Rows: each row is a fieldset holding a hidden marker named after the row ("barang[1]", so a row
of unticked boxes still counts) and a "Hapus" submit button named ``<prefix>_hapus:barang[1]``;
the group ends with a "Tambah baris" submit button named ``<prefix>_tambah:barang``. The caller
re-renders after either (``forms.parse`` reports it as ``ParsedForm.action``). A ``<template>``
holds an empty row whose index is the placeholder ``__baris<depth>__`` for a page script that
adds rows in place (see forms/README.md).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup

from forms.fields import Field
from forms.html import el, space_list
from forms.names import ADD, REMOVE, Path, Slot, path_text
from forms.render_context import Ctx, labelled
from forms.render_fields import render_value
from forms.widgets import field_help, field_title, kind_of, row_limits, row_title


def render_fields(ctx: Ctx, fields: Sequence[Field], path: Path, data: Any, fresh: bool, parent: str) -> Markup:
    """The fields of one object. ``fresh`` (no data yet) shows each field's ``default``."""
    values = data if isinstance(data, Mapping) else {}
    parts = []
    for field in fields:
        here = (*path, field.name)
        value = field.default if fresh else values.get(field.name)
        kind = kind_of(field, ctx.root)
        if kind == "none":
            continue
        if kind == "group":
            parts.append(_group(ctx, field, here, value, fresh, parent))
        elif kind == "rows":
            parts.append(_rows(ctx, field, here, value, fresh, parent))
        else:
            parts.append(render_value(ctx, field, kind, here, value, parent))
    return Markup("").join(parts)


def _heading(ctx: Ctx, field: Field, path: Path, required: bool) -> tuple[Markup, Markup | None, Markup | None]:
    fid = ctx.id(path)
    mark = ctx.required_mark() if required else None
    legend = el("legend", {"class": "lintas-label"}, field_title(field, ctx.locale), " " if mark else None, mark)
    return (legend, ctx.help_block(field_help(field, ctx.locale), f"{fid}:bantuan"),
            ctx.error_block(path, f"{fid}:galat"))


def _group(ctx: Ctx, field: Field, path: Path, value: Any, fresh: bool, parent: str) -> Markup:
    fid = ctx.id(path)
    label = labelled(parent, field_title(field, ctx.locale))
    ctx.record(path, fid, label)
    legend, help_block, error_block = _heading(ctx, field, path, required=False)
    if fresh and isinstance(value, Mapping):
        fresh = False  # the object's own default fills its fields
    inner = render_fields(ctx, field.fields, path, value, fresh, label)
    described = space_list(help_block and f"{fid}:bantuan", error_block and f"{fid}:galat")
    return el("fieldset", {"class": "lintas-kelompok", "id": fid, "aria-describedby": described},
              legend, help_block, error_block, inner)


def _rows(ctx: Ctx, field: Field, path: Path, value: Any, fresh: bool, parent: str) -> Markup:
    ctx.has_rows = True
    fid, name = ctx.id(path), ctx.name(path)
    label = labelled(parent, field_title(field, ctx.locale))
    ctx.record(path, fid, label)
    low, high = row_limits(field)
    if fresh:
        rows: list[tuple[Any, bool]] = ([(r, False) for r in value] if isinstance(value, list)
                                        else [(None, True)] * low)
    else:
        rows = [(r, False) for r in value] if isinstance(value, list) else []
    rows = rows[:high]
    legend, help_block, error_block = _heading(ctx, field, path, required=field.required or low > 0)
    title = row_title(field, ctx.root, ctx.locale)
    drawn = [_row(ctx, field, (*path, i), data, row_fresh, ctx.t("row", title=title, n=i + 1),
                  len(rows) > low, parent=label)
             for i, (data, row_fresh) in enumerate(rows)]
    add = None
    if len(rows) < high and not field.read_only:
        add = el("button", {"type": "submit", "class": "lintas-tambah", "name": ctx.prefix + ADD + path_text(path),
                            "value": "1", "formnovalidate": True},
                 ctx.t("add"), el("span", {"class": "lintas-sr"}, f" {title}"))
    described = space_list(help_block and f"{fid}:bantuan", error_block and f"{fid}:galat")
    return el("fieldset", {"class": "lintas-kelompok lintas-ulang", "id": fid, "data-lintas-ulang": name,
                           "aria-describedby": described},
              legend, help_block, error_block,
              el("div", {"class": "lintas-daftar-baris"}, *drawn),
              None if field.read_only else _template(ctx, field, path, len(rows), high, title, label),
              add)


def _row(ctx: Ctx, field: Field, path: Path, data: Any, fresh: bool, caption: str, removable: bool,
         parent: str) -> Markup:
    rid = ctx.id(path)
    label = labelled(parent, caption)
    ctx.record(path, rid, label)
    error_block = ctx.error_block(path, f"{rid}:galat")
    marker = el("input", {"type": "hidden", "name": ctx.name(path), "value": ""})
    body = render_fields(ctx, field.item_fields, path, data if isinstance(data, Mapping) else {}, fresh, label)
    remove = None
    if removable and not field.read_only:
        remove = el("button", {"type": "submit", "class": "lintas-hapus", "name": ctx.prefix + REMOVE + path_text(path),
                               "value": "1", "formnovalidate": True},
                    ctx.t("remove"), el("span", {"class": "lintas-sr"}, f" {caption}"))
    return el("fieldset", {"class": "lintas-baris", "id": rid,
                           "aria-describedby": error_block and f"{rid}:galat"},
              el("legend", {}, caption), marker, error_block, body, remove)


def _template(ctx: Ctx, field: Field, path: Path, count: int, high: int, title: str, parent: str) -> Markup:
    slot = Slot(sum(1 for step in path if isinstance(step, int | Slot)))
    outer, ctx.in_template = ctx.in_template, True
    try:
        row = _row(ctx, field, (*path, slot), None, True, ctx.t("new_row", title=title), True, parent)
    finally:
        ctx.in_template = outer
    return el("template", {"data-lintas-slot": slot.token, "data-lintas-berikut": str(count),
                           "data-lintas-maks": str(high)}, row)
