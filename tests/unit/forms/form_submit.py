"""What a browser would submit for rendered form HTML, for tests (no browser, no I/O).

Follows the HTML rules that matter for round trips: controls inside ``<template>`` and disabled
controls are not sent; unticked boxes send nothing; a select without a selected option sends
its first; a textarea loses one leading newline when parsed and sends line breaks as CRLF;
text boxes drop line breaks; only the pressed submit button is sent.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

import lxml.html
from lxml.html import HtmlElement
from werkzeug.datastructures import MultiDict

_TEXT_TYPES = {"text", "hidden", "email", "url", "date", "datetime-local", "time", "number", "search", "tel"}


def parse_html(html: str) -> HtmlElement:
    return lxml.html.fragment_fromstring(str(html), create_parent="form")


def controls(doc: HtmlElement) -> Iterator[HtmlElement]:
    """Form controls a browser would consider, in document order."""
    for node in doc.iter("input", "select", "textarea", "button"):
        if any(a.tag == "template" for a in node.iterancestors()):
            continue
        yield node


def fill(doc: HtmlElement, values: Mapping[str, str | Sequence[str]]) -> None:
    """Type into boxes (by name), choose options, tick boxes: a list ticks exactly those values."""
    for node in controls(doc):
        name = node.get("name")
        if name not in values:
            continue
        wanted = values[name]
        kind = (node.get("type") or "text").lower()
        if node.tag == "textarea":
            node.text = "\n" + str(wanted)
        elif node.tag == "select":
            for option in node.iter("option"):
                option.attrib.pop("selected", None)
                if option.get("value") == wanted:
                    option.set("selected", "selected")
        elif kind in ("checkbox", "radio"):
            picked = [wanted] if isinstance(wanted, str) else list(wanted)
            node.attrib.pop("checked", None)
            if node.get("value") in picked:
                node.set("checked", "checked")
        elif kind in _TEXT_TYPES and kind != "hidden":
            node.set("value", str(wanted))


def submit(doc: HtmlElement | str, press: str | None = None) -> MultiDict[str, str]:
    """The form data set; ``press`` names the submit button clicked (None: the default one)."""
    if not isinstance(doc, HtmlElement):
        doc = parse_html(doc)
    out: MultiDict[str, str] = MultiDict()
    for node in controls(doc):
        name = node.get("name")
        if not name or node.get("disabled") is not None:
            continue
        kind = (node.get("type") or ("submit" if node.tag == "button" else "text")).lower()
        if node.tag == "textarea":
            text = node.text or ""
            text = text[1:] if text.startswith("\n") else text
            out.add(name, text.replace("\r\n", "\n").replace("\n", "\r\n"))
        elif node.tag == "select":
            options = list(node.iter("option"))
            chosen = [o for o in options if o.get("selected") is not None] or options[:1]
            for option in chosen:
                out.add(name, option.get("value", option.text_content()))
        elif kind in ("checkbox", "radio"):
            if node.get("checked") is not None:
                out.add(name, node.get("value", "on"))
        elif kind in ("submit", "button", "reset", "image"):
            if kind == "submit" and name == press:
                out.add(name, node.get("value", ""))
        elif kind == "file":
            continue  # files are passed to parse_form separately
        else:
            value = node.get("value", "")
            if kind != "hidden":
                value = value.replace("\r", "").replace("\n", "")  # browsers strip line breaks
            out.add(name, value)
    if press is not None and press not in out:
        raise AssertionError(f"no submit button named {press!r}")
    return out


def as_lists(data: MultiDict[str, str]) -> dict[str, list[str]]:
    return data.to_dict(flat=False)
