"""The rules a form schema must meet beyond being JSON: dialect, shape, references, Lintas keywords.

Every rule adds to one list rather than stopping, so a designer sees all problems at once.
Remote references are refused here, before any validator exists, so nothing can ever be fetched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from forms.formats import SUPPORTED_FORMATS
from forms.model import OFFLINE_REGISTRY
from forms.walk import is_local_ref, iter_subschemas, lookup_pointer, pointer_escape

DIALECT = "https://json-schema.org/draft/2020-12/schema"
MAX_META_PROBLEMS = 20
# "x-widget" hints a renderer understands (forms/widgets.py decides what each field gets).
WIDGET_HINTS = ("text", "textarea", "radio", "select", "number")

_META = Draft202012Validator(
    Draft202012Validator.META_SCHEMA,
    registry=OFFLINE_REGISTRY,
    format_checker=Draft202012Validator.FORMAT_CHECKER,  # this is what checks "pattern" is a regex
)


def problem(message_id: str, message_en: str) -> str:
    return f"{message_id} ({message_en})"


def check_schema(schema: Mapping[str, Any]) -> list[str]:
    """Every reason ``schema`` cannot be used as a form; [] when it can."""
    problems: list[str] = []
    dialect = schema.get("$schema")
    if dialect is not None and dialect not in (DIALECT, DIALECT + "#"):
        problems.append(problem(f"$schema harus {DIALECT}, bukan {dialect!r}",
                                f"$schema must be {DIALECT}, not {dialect!r}"))
    if schema.get("type") != "object":
        problems.append(problem('Tingkat atas skema harus "type": "object"',
                                'the top level must have "type": "object"'))
    meta_errors = [e for e in _META.iter_errors(schema) if not _is_regex_error(e)]
    for error in meta_errors[:MAX_META_PROBLEMS]:
        detail = best_match(error.context).message if error.context else error.message
        detail = detail if len(detail) <= 200 else detail[:200] + "…"
        where = _pointer(error.absolute_path)
        problems.append(problem(f"Tidak sesuai JSON Schema 2020-12 di {where}: {detail}",
                                f"not valid JSON Schema 2020-12 at {where}: {detail}"))
    for pointer, node in iter_subschemas(schema):
        if isinstance(node, Mapping):
            problems.extend(_check_node(schema, pointer or "/", node))
    return problems


def _is_regex_error(error: Any) -> bool:
    # Bad patterns are reported by _check_node with the reason; the meta-schema only says "not a regex".
    return error.validator == "format" and error.validator_value == "regex"


def _pointer(path: Any) -> str:
    return "/" + "/".join(pointer_escape(str(p)) for p in path)


def _check_node(root: Mapping[str, Any], where: str, node: Mapping[str, Any]) -> Iterator[str]:
    for keyword in ("$ref", "$dynamicRef"):
        if keyword in node:
            yield from _check_ref(root, where, keyword, node[keyword])
    if "$id" in node and where != "/":
        # An inner $id would change what "#/..." means below it; the loader's own reference
        # handling (field order, messages) assumes one document, so refuse rather than disagree.
        yield problem(f"$id hanya boleh di tingkat atas (di {where})",
                      f"$id is only allowed at the top level (at {where})")
    fmt = node.get("format")
    if isinstance(fmt, str) and fmt not in SUPPORTED_FORMATS:
        supported = ", ".join(sorted(SUPPORTED_FORMATS))
        yield problem(f"Format {fmt!r} tidak didukung di {where}; pilih: {supported}",
                      f"format {fmt!r} is not supported at {where}; use one of: {supported}")
    patterns = [(node["pattern"], where)] if isinstance(node.get("pattern"), str) else []
    if isinstance(node.get("patternProperties"), Mapping):
        patterns.extend((p, f"{where.rstrip('/')}/patternProperties") for p in node["patternProperties"])
    for pattern, at in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            yield problem(f"Pola {pattern!r} tidak valid di {at}: {exc}",
                          f"invalid pattern {pattern!r} at {at}: {exc}")
    if "x-order" in node:
        yield from _check_order(where, node)
    if "x-messages" in node:
        yield from _check_messages(where, node["x-messages"])
    if "x-widget" in node and node["x-widget"] not in WIDGET_HINTS:
        hints = ", ".join(WIDGET_HINTS)
        yield problem(f"x-widget {node['x-widget']!r} di {where} tidak dikenal; pilih: {hints}",
                      f"x-widget {node['x-widget']!r} at {where} is unknown; use one of: {hints}")
    if "x-en" in node:
        yield from _check_english(where, node["x-en"])


def _check_ref(root: Mapping[str, Any], where: str, keyword: str, ref: Any) -> Iterator[str]:
    if not is_local_ref(ref):
        yield problem(f"{keyword} {ref!r} di {where} ditolak: hanya rujukan lokal '#/...' yang diizinkan",
                      f"{keyword} {ref!r} at {where} refused: only local '#/...' references are allowed")
        return
    try:
        target = lookup_pointer(root, ref)
    except LookupError:
        yield problem(f"{keyword} {ref!r} di {where} tidak ditemukan",
                      f"{keyword} {ref!r} at {where} not found")
        return
    if not isinstance(target, Mapping | bool):
        yield problem(f"{keyword} {ref!r} di {where} tidak menunjuk ke skema",
                      f"{keyword} {ref!r} at {where} does not point to a schema")


def _check_order(where: str, node: Mapping[str, Any]) -> Iterator[str]:
    order = node["x-order"]
    props = node.get("properties")
    declared: Mapping[str, Any] = props if isinstance(props, Mapping) else {}
    if not isinstance(order, list) or not all(isinstance(n, str) for n in order):
        yield problem(f"x-order di {where} harus berupa daftar nama isian",
                      f"x-order at {where} must be a list of field names")
        return
    if len(set(order)) != len(order):
        yield problem(f"x-order di {where} memuat nama ganda", f"x-order at {where} repeats a name")
    for name in order:
        if name not in declared:
            yield problem(f"x-order di {where} menyebut isian yang tidak ada: {name!r}",
                          f"x-order at {where} names an undeclared field: {name!r}")


def _check_messages(where: str, custom: Any) -> Iterator[str]:
    if not isinstance(custom, Mapping):
        yield problem(f"x-messages di {where} harus berupa objek", f"x-messages at {where} must be an object")
        return
    for keyword, entry in custom.items():
        ok = (isinstance(entry, Mapping) and isinstance(entry.get("id"), str) and entry["id"].strip()
              and isinstance(entry.get("en", ""), str) and set(entry) <= {"id", "en"})
        if not ok:
            yield problem(f'x-messages.{keyword} di {where} harus berbentuk {{"id": "...", "en": "..."}}',
                          f'x-messages.{keyword} at {where} must look like {{"id": "...", "en": "..."}}')


def _check_english(where: str, words: Any) -> Iterator[str]:
    ok = (isinstance(words, Mapping) and set(words) <= {"title", "description"}
          and all(isinstance(v, str) and v.strip() for v in words.values()))
    if not ok:
        yield problem(f'x-en di {where} harus berbentuk {{"title": "...", "description": "..."}}',
                      f'x-en at {where} must look like {{"title": "...", "description": "..."}}')
