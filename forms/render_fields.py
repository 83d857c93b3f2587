"""The controls for single values: text boxes, number boxes, dates, choices, yes/no, attachments.

Every control has a ``<label for>`` (or a ``<legend>`` for a group of options), help text and
errors linked with ``aria-describedby``, and the required marker as text. Read-only fields are
shown but cannot be changed: ``readonly`` where HTML has it, ``disabled`` elsewhere.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from forms.convert import choice_token, clock_text, local_datetime_text, number_text
from forms.fields import Field
from forms.html import el, space_list
from forms.names import DETACH, Path, path_text
from forms.render_context import Ctx, labelled
from forms.widgets import choice_label, choices_of, field_help, field_title

_INPUT_TYPES = {"text": "text", "email": "email", "url": "url", "date": "date", "datetime": "datetime-local",
                "time": "time", "numeric": "text", "number": "number"}
_DIGIT_FORMATS = ("nik", "nip")
_MEDIA_NAMES = {"application/pdf": "PDF", "image/png": "PNG", "image/jpeg": "JPEG", "image/webp": "WebP"}


def render_value(ctx: Ctx, field: Field, kind: str, path: Path, value: Any, parent: str) -> Markup:
    """One field of a single-value kind (see ``forms.widgets.kind_of``)."""
    fid = ctx.id(path)
    title = field_title(field, ctx.locale)
    ctx.record(path, f"{fid}:0" if kind in ("radio", "checkboxes") and choices_of(field) else fid,
               labelled(parent, title))
    help_text = field_help(field, ctx.locale)
    if kind == "lines":
        help_text = f"{help_text} {ctx.t('lines')}".strip()
    if kind == "file":
        help_text = f"{help_text} {_accept_hint(ctx, field)}".strip()
    help_block = ctx.help_block(help_text, f"{fid}:bantuan")
    error_block = ctx.error_block(path, f"{fid}:galat")
    parts = _Parts(ctx, field, path, fid, title, help_block, error_block)
    if kind in ("radio", "checkboxes"):
        return parts.options(kind, value)
    if kind == "checkbox":
        return parts.checkbox(value)
    if kind == "file":
        return parts.attachment(value)
    return parts.wrap(parts.label(), help_block, error_block, parts.box(kind, value))


class _Parts:
    """The pieces of one field's markup; kept together so ids and aria links stay consistent."""

    def __init__(self, ctx: Ctx, field: Field, path: Path, fid: str, title: str,
                 help_block: Markup | None, error_block: Markup | None) -> None:
        self.ctx, self.field, self.path, self.fid, self.title = ctx, field, path, fid, title
        self.help, self.error = help_block, error_block
        self.name = ctx.name(path)
        self.invalid = "true" if error_block else None
        self.described = space_list(help_block and f"{fid}:bantuan", error_block and f"{fid}:galat")
        self.required = "true" if field.required and not field.read_only else None

    def wrap(self, *children: Markup | None) -> Markup:
        css = "lintas-isian lintas-isian--galat" if self.error else "lintas-isian"
        return el("div", {"class": css}, *children)

    def label(self, key: str = "required") -> Markup:
        mark = self.ctx.required_mark(key) if self.required else None
        return el("label", {"class": "lintas-label", "for": self.fid}, self.title, " " if mark else None, mark)

    def box(self, kind: str, value: Any) -> Markup:
        common = {"id": self.fid, "name": self.name, "aria-describedby": self.described,
                  "aria-invalid": self.invalid, "aria-required": self.required}
        if kind in ("textarea", "lines"):
            # The newline after <textarea> is swallowed by HTML parsers; without it, a value that
            # starts with a newline would lose it.
            return el("textarea", {**common, "rows": "5", "readonly": self.field.read_only},
                      "\n" + _box_text(self.ctx, self.field, kind, value))
        if kind == "select":
            return self._select(common, value)
        attrs: dict[str, Any] = {"type": _INPUT_TYPES[kind], **common,
                                 "value": _box_text(self.ctx, self.field, kind, value),
                                 "readonly": self.field.read_only}
        if kind == "numeric":
            attrs["inputmode"] = "numeric" if self.field.type == "integer" else "decimal"
        elif kind == "number":
            attrs.update(_number_limits(self.field))
        elif self.field.format in _DIGIT_FORMATS:
            attrs.update(inputmode="numeric", autocomplete="off")
        return el("input", attrs)

    def _select(self, common: dict[str, Any], value: Any) -> Markup:
        chosen = None if value is None else choice_token(value)
        options = [el("option", {"value": ""}, self.ctx.t("choose"))]
        for choice in choices_of(self.field):
            token = choice_token(choice.value)
            options.append(el("option", {"value": token, "selected": token == chosen},
                              choice_label(choice, self.ctx.locale)))
        return el("select", {**common, "disabled": self.field.read_only}, *options)

    def options(self, kind: str, value: Any) -> Markup:
        radio = kind == "radio"
        picked = {choice_token(v) for v in value} if not radio and isinstance(value, list) else (
            {choice_token(value)} if radio and value is not None else set())
        rows = []
        for i, choice in enumerate(choices_of(self.field)):
            token, oid = choice_token(choice.value), f"{self.fid}:{i}"
            box = el("input", {"type": "radio" if radio else "checkbox", "id": oid, "name": self.name,
                               "value": token, "checked": token in picked, "disabled": self.field.read_only,
                               "aria-invalid": None if radio else self.invalid})
            rows.append(el("div", {"class": "lintas-opsi"}, box,
                           el("label", {"for": oid}, choice_label(choice, self.ctx.locale))))
        mark = self.ctx.required_mark() if self.required else None
        legend = el("legend", {"class": "lintas-label"}, self.title, " " if mark else None, mark)
        # aria-invalid/aria-required belong to the radio group, not to each radio (ARIA 1.2).
        group = {"class": "lintas-pilihan", "id": self.fid, "aria-describedby": self.described,
                 "role": "radiogroup" if radio else None, "aria-invalid": self.invalid if radio else None,
                 "aria-required": self.required if radio else None}
        return self.wrap(el("fieldset", group, legend, self.help, self.error, *rows))

    def checkbox(self, value: Any) -> Markup:
        # An unticked box sends nothing, so a yes/no field is always answered; "wajib" only
        # makes sense when the box must be ticked ("const": true, e.g. a declaration).
        must_tick = self.field.schema.get("const") is True
        box = el("input", {"type": "checkbox", "id": self.fid, "name": self.name, "value": "true",
                           "checked": value is True, "disabled": self.field.read_only,
                           "aria-describedby": self.described, "aria-invalid": self.invalid,
                           "aria-required": "true" if must_tick else None})
        mark = self.ctx.required_mark("tick_required") if must_tick else None
        label = el("label", {"class": "lintas-label", "for": self.fid}, self.title, " " if mark else None, mark)
        return self.wrap(self.help, self.error, el("div", {"class": "lintas-opsi"}, box, label))

    def attachment(self, value: Any) -> Markup:
        current = value if isinstance(value, str) and value else None
        now_id = f"{self.fid}:kini"
        shown = self._current(current, now_id) if current else None
        if self.field.read_only:
            heading = el("p", {"class": "lintas-label", "id": self.fid}, self.title)
            return self.wrap(heading, self.help, shown)
        keep = el("input", {"type": "hidden", "name": self.name, "value": current}) if current else None
        upload = el("input", {"type": "file", "id": self.fid, "name": self.name, "accept": _accept(self.field),
                              "aria-describedby": space_list(current and now_id, self.described),
                              "aria-invalid": self.invalid, "aria-required": self.required if not current else None})
        detach = None
        if current and not self.field.required:
            did = f"{self.fid}:lepas"
            detach_name = self.ctx.prefix + DETACH + path_text(self.path)
            detach = el("div", {"class": "lintas-opsi"},
                        el("input", {"type": "checkbox", "id": did, "name": detach_name, "value": "true"}),
                        el("label", {"for": did}, self.ctx.t("detach")))
        return self.wrap(self.label(), self.help, self.error, shown, keep, upload, detach)

    def _current(self, current: str, now_id: str) -> Markup:
        name = self.ctx.attachments.get(current, current)
        url = self.ctx.attachment_url(current) if self.ctx.attachment_url else None
        link = (el("a", {"href": url, "class": "lintas-lampiran"}, name) if url else
                el("span", {"class": "lintas-lampiran", "data-lintas-lampiran": current}, name))
        tail = None if self.field.read_only else " " + self.ctx.t("replace")
        return el("p", {"class": "lintas-lampiran-kini", "id": now_id}, self.ctx.t("current"), " ", link, tail)


def _box_text(ctx: Ctx, field: Field, kind: str, value: Any) -> str:
    if kind == "lines":
        items = value if isinstance(value, list) else []
        return "\n".join(number_text(v, ctx.locale) if isinstance(v, int | float) else _plain(v) for v in items)
    if kind in ("numeric", "number") and isinstance(value, int | float) and not isinstance(value, bool):
        return number_text(value, ctx.locale, html=kind == "number")
    if kind == "datetime":
        return local_datetime_text(value, ctx.zone) if isinstance(value, str) else _plain(value)
    if kind == "time":
        return clock_text(value, ctx.zone) if isinstance(value, str) else _plain(value)
    return _plain(value)


def _plain(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _number_limits(field: Field) -> dict[str, Any]:
    def num(key: str) -> Any:
        value = field.schema.get(key)
        return number_text(value, "en", html=True) if isinstance(value, int | float) and not isinstance(
            value, bool) else None

    step = num("multipleOf") or ("1" if field.type == "integer" else "any")
    return {"step": step, "min": num("minimum"), "max": num("maximum")}


def _media_types(field: Field) -> list[str]:
    declared = field.schema.get("contentMediaType")
    return [t.strip() for t in declared.split(",") if t.strip()] if isinstance(declared, str) else []


def _accept(field: Field) -> str | None:
    return ",".join(_media_types(field)) or None


def _accept_hint(ctx: Ctx, field: Field) -> str:
    types = [_MEDIA_NAMES.get(t, t) for t in _media_types(field)]
    return ctx.t("accept", types=", ".join(types)) if types else ""
