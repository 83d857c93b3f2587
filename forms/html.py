"""A tiny HTML builder: every attribute value and text child is escaped, only ``Markup`` passes.

The renderer builds all of its output through ``el`` so there is one place where escaping
happens; a schema title or a submitted value holding ``<script>`` comes out as text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from markupsafe import Markup, escape

_VOID = frozenset({"input", "br", "hr", "img", "meta", "link"})

Attrs = Mapping[str, Any]
Child = str | Markup | None


def el(tag: str, attrs: Attrs | None = None, *children: Child) -> Markup:
    """``<tag attrs>children</tag>``. None/False attributes are left out, True ones written bare."""
    opening = f"<{tag}{attributes(attrs or {})}>"
    if tag in _VOID:
        return Markup(opening)
    return Markup(opening) + join(children) + Markup(f"</{tag}>")


def attributes(attrs: Attrs) -> str:
    out = []
    for name, value in attrs.items():
        if value is None or value is False:
            continue
        out.append(f" {name}" if value is True else f' {name}="{escape(str(value))}"')
    return "".join(out)


def join(children: Iterable[Child]) -> Markup:
    return Markup("").join(escape(c) for c in children if c is not None and c != "")


def space_list(*ids: str | None) -> str | None:
    """An ``aria-describedby`` value from the ids that exist, or None."""
    present = [i for i in ids if i]
    return " ".join(present) if present else None
