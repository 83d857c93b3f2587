"""Server-side HTML for a form schema: accessible controls, errors next to their fields and an
error summary at the top (GOV.UK pattern), Bahasa Indonesia first with English when the schema
carries it (``"x-en"``). The output goes inside the caller's ``<form>`` element.

Which control each field gets is decided in ``forms.widgets``; names and ids in ``forms.names``;
``forms.parse`` reads the submitted form back by the same rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from markupsafe import Markup

from forms.convert import WIB
from forms.fields import english
from forms.html import el
from forms.names import read_path
from forms.paths import format_path
from forms.render_context import TEXT, Ctx, ErrorLike, errors_by_path
from forms.render_groups import render_fields
from forms.widgets import SchemaLike, form_fields, kind_of

__all__ = ["form_description", "form_fields", "form_title", "needs_multipart", "render_form"]

def render_form(
    schema: SchemaLike,
    data: Mapping[str, Any] | None = None,
    errors: Iterable[ErrorLike] | None = None,
    *,
    locale: str = "id",
    prefix: str = "",
    attachments: Mapping[str, str] | None = None,
    attachment_url: Callable[[str], str] | None = None,
    zone: dt.tzinfo = WIB,
) -> Markup:
    """The controls of a form, ready to put inside ``<form method="post" novalidate>``.

    ``data`` None means a fresh form: fields show their ``default``. Otherwise ``data`` is what
    to show (stored or just submitted; values that failed to parse are shown as typed).
    ``errors`` are ``FieldError``s (this package's or the engine's). ``prefix`` is put before
    every control name. ``attachments`` maps attachment ids to the names shown for them and
    ``attachment_url`` gives the link to open one. ``zone`` is the tenant's time zone for
    date-time fields. Everything from the schema and the data is escaped.
    """
    lang = locale if locale in TEXT else "id"
    root, fields = form_fields(schema)
    by_path = errors_by_path(errors, lang)

    def draw(shown: dict[str, list[str]]) -> tuple[Ctx, Markup]:
        ctx = Ctx(root=root, locale=lang, prefix=prefix, zone=zone, attachments=attachments or {},
                  attachment_url=attachment_url, errors=shown)
        return ctx, render_fields(ctx, fields, (), data, data is None, "")

    ctx, body = draw(by_path)
    moved = _inline_errors(ctx, by_path)
    if moved != by_path:
        # An error about something without a control of its own (an unknown field in a row) is
        # shown next to the closest field around it too, not only in the summary.
        ctx, body = draw(moved)
        ctx.errors = by_path
    # Enter in a text box submits with the form's first submit button; make that a plain
    # submit rather than the first row's "Hapus". Hidden buttons still count (checked in Chromium).
    default = el("button", {"type": "submit", "hidden": True, "tabindex": "-1"}, ctx.t("form"))
    return Markup("").join(p for p in (_summary(ctx), default if ctx.has_rows else None, body) if p)


def form_title(schema: SchemaLike, locale: str = "id") -> str:
    root, _ = form_fields(schema)
    english_title = english(root, "title") if locale == "en" else ""
    title = root.get("title")
    return english_title or (title if isinstance(title, str) else "")


def form_description(schema: SchemaLike, locale: str = "id") -> str:
    root, _ = form_fields(schema)
    english_text = english(root, "description") if locale == "en" else ""
    text = root.get("description")
    return english_text or (text if isinstance(text, str) else "")


def needs_multipart(schema: SchemaLike) -> bool:
    """True when the form has an attachment field: use ``enctype="multipart/form-data"``."""
    root, fields = form_fields(schema)
    stack = list(fields)
    while stack:
        field = stack.pop()
        if kind_of(field, root) == "file":
            return True
        stack.extend(field.fields)
        stack.extend(field.item_fields)
    return False


def _summary(ctx: Ctx) -> Markup | None:
    if not ctx.errors:
        return None
    items = []
    for path, messages in ctx.errors.items():
        target, label = _nearest(ctx, path)
        text = f"{label}: {' '.join(messages)}" if label else " ".join(messages)
        items.append(el("li", {}, el("a", {"href": f"#{target}"}, text) if target else text))
    heading_id = f"{ctx.id(())}:ringkasan"
    return el("div", {"class": "lintas-ringkasan-galat", "role": "alert", "tabindex": "-1",
                      "aria-labelledby": heading_id},
              el("h2", {"id": heading_id}, ctx.t("summary")), el("ul", {}, *items))


def _inline_errors(ctx: Ctx, by_path: dict[str, list[str]]) -> dict[str, list[str]]:
    moved: dict[str, list[str]] = {}
    for path, messages in by_path.items():
        target = path if path in ctx.targets else _nearest_path(path, ctx.targets)
        for message in messages:
            if message not in moved.setdefault(target or path, []):
                moved[target or path].append(message)
    return moved


def _nearest_path(path: str, known: Mapping[str, str]) -> str | None:
    steps = read_path(path)
    while steps:
        key = format_path(steps)
        if key in known:
            return key
        steps = steps[:-1]
    return None


def _nearest(ctx: Ctx, path: str) -> tuple[str | None, str | None]:
    """The control an error links to: the field itself, else the closest field around it."""
    key = _nearest_path(path, ctx.targets)
    return (ctx.targets[key], ctx.labels[key]) if key is not None else (None, None)
