"""Loading form schemas and deciding whether they are usable, reporting every problem at once.

A designer uploading a bundle should see the whole list of what is wrong with a form, not fix
one problem per upload. Each problem reads "<Indonesian> (<English>)". Nothing here touches the
network: remote references are refused before a validator is ever built.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from forms.checks import check_schema, problem
from forms.errors import FormNotFound, FormSchemaError
from forms.fields import humanize
from forms.model import Form

FORM_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
MAX_SCHEMA_BYTES = 256 * 1024
MAX_SCHEMA_DEPTH = 100  # JSON nesting levels; a deep form is ~20


class FormSet(dict[str, Form]):
    """Forms by id; looking up a missing id raises ``FormNotFound`` (a ``KeyError``)."""

    def __missing__(self, form_id: str) -> Form:
        raise FormNotFound(form_id)


def content_hash(schema: Mapping[str, Any]) -> str:
    """sha256 hex of the canonical JSON (sorted keys, no spaces, UTF-8)."""
    canonical = json.dumps(schema, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def load_form(form_id: str, source: str | bytes | Mapping[str, Any]) -> Form:
    """Parse (if text) and check a form schema; raise ``FormSchemaError`` listing every problem."""
    problems: list[str] = []
    if not isinstance(form_id, str) or not FORM_ID.fullmatch(form_id):
        problems.append(problem(f"Id formulir tidak valid: {form_id!r}; gunakan huruf kecil, angka, _ atau -,"
                           " maksimal 64 karakter",
                           f"invalid form id {form_id!r}: use lowercase letters, digits, _ or -, at most 64"))
    schema = _parse(source, problems)
    if schema is not None:
        problems.extend(check_schema(schema))
    if problems or schema is None:
        raise FormSchemaError(str(form_id), problems)
    title = schema.get("title")
    return Form(
        id=form_id,
        title=title if isinstance(title, str) and title.strip() else humanize(form_id),
        schema=schema,
        content_hash=content_hash(schema),
    )


def load_forms_dir(path: str | os.PathLike[str]) -> dict[str, Form]:
    """Every ``*.json`` in a folder (not its subfolders), keyed by file stem.

    All files are checked before anything is raised, so one ``FormSchemaError`` lists the
    problems of every broken file (``problems_by_form`` groups them). A folder that does not
    exist holds no forms: a process without user tasks ships none. Hidden files are skipped.
    """
    folder = Path(path)
    if not folder.exists():
        return FormSet()
    if not folder.is_dir():
        raise FormSchemaError(str(path), [problem(f"Bukan folder: {path}", f"not a folder: {path}")])
    forms = FormSet()
    by_form: dict[str, list[str]] = {}
    for file in sorted(folder.glob("*.json")):
        if file.name.startswith(".") or not file.is_file():
            continue
        try:
            if file.stat().st_size > MAX_SCHEMA_BYTES:
                raise FormSchemaError(file.stem, [_too_big()])
            forms[file.stem] = load_form(file.stem, file.read_bytes())
        except FormSchemaError as exc:
            by_form[file.stem] = exc.problems
        except OSError as exc:
            by_form[file.stem] = [problem(f"Berkas tidak dapat dibaca: {exc}", f"file cannot be read: {exc}")]
    if by_form:
        listed = [f"{name}.json: {problem}" for name, found in by_form.items() for problem in found]
        raise FormSchemaError(str(path), listed, by_form)
    return forms


def _too_big() -> str:
    return problem("Ukuran skema melebihi 256 KB", "schema is larger than 256 KB")


def _parse(source: Any, problems: list[str]) -> dict[str, Any] | None:
    """A private plain-dict copy of the schema, or None (with the reason in ``problems``)."""
    try:
        if isinstance(source, Mapping):
            text = json.dumps(source, ensure_ascii=False, allow_nan=False)
        elif isinstance(source, bytes):
            text = source.decode("utf-8-sig")  # tolerate the BOM some Windows editors write
        elif isinstance(source, str):
            text = source
        else:
            problems.append(problem("Skema harus berupa teks JSON atau objek",
                                    "schema must be JSON text or a mapping"))
            return None
    except UnicodeDecodeError:
        problems.append(problem("Berkas bukan teks UTF-8", "file is not UTF-8 text"))
        return None
    except (TypeError, ValueError) as exc:
        problems.append(problem(f"Skema memuat nilai yang bukan JSON: {exc}",
                                f"schema holds non-JSON values: {exc}"))
        return None
    except RecursionError:
        problems.append(_too_deep())
        return None
    if len(text.encode("utf-8")) > MAX_SCHEMA_BYTES:
        problems.append(_too_big())
        return None
    return _decode(text, problems)


def _decode(text: str, problems: list[str]) -> dict[str, Any] | None:
    duplicates: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for key, value in items:
            if key in seen:
                duplicates.append(key)
            seen[key] = value
        return seen

    def no_constants(name: str) -> Any:
        raise ValueError(f"{name} is not valid JSON")

    try:
        schema = json.loads(text, object_pairs_hook=pairs, parse_constant=no_constants)
    except json.JSONDecodeError as exc:
        problems.append(problem(f"Bukan JSON yang valid: baris {exc.lineno} kolom {exc.colno}: {exc.msg}",
                           f"not valid JSON: line {exc.lineno} column {exc.colno}: {exc.msg}"))
        return None
    except ValueError as exc:
        problems.append(problem(f"Bukan JSON yang valid: {exc}", f"not valid JSON: {exc}"))
        return None
    except RecursionError:
        problems.append(_too_deep())
        return None
    for key in dict.fromkeys(duplicates):
        # json keeps the last value silently; a designer almost certainly did not mean that.
        problems.append(problem(f"Kunci ganda dalam JSON: {key!r}", f"duplicate key in JSON: {key!r}"))
    if not isinstance(schema, dict):
        problems.append(problem("Skema harus berupa objek JSON", "schema must be a JSON object"))
        return None
    if _depth(schema) > MAX_SCHEMA_DEPTH:
        problems.append(_too_deep())
        return None
    return schema


def _too_deep() -> str:
    return problem(f"Skema terlalu dalam bertingkat (maksimal {MAX_SCHEMA_DEPTH})",
              f"schema is nested too deeply (at most {MAX_SCHEMA_DEPTH})")


def _depth(value: Any) -> int:
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        stack.extend((child, level + 1) for child in children)
    return deepest
