"""Turn jsonschema's findings into the field errors a clerk sees.

jsonschema reports what failed where in the *schema*; a clerk needs to know which *field* is
wrong and what to do. So: a missing field is reported at the field itself (jsonschema puts it on
the parent), each unknown field gets its own error, ``anyOf``/``oneOf`` failures are explained by
the one option that fits the value's type, and schema authors can reword any keyword with
``x-messages``. The result is de-duplicated, sorted in form order and capped.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Mapping
from itertools import islice
from typing import Any, NamedTuple

from jsonschema.exceptions import ValidationError
from jsonschema.protocols import Validator

from forms import messages
from forms.errors import FieldError
from forms.messages import Text
from forms.paths import PathOrder, format_path
from forms.walk import MAPS, property_schema, resolve, schema_at

MAX_ERRORS = 100  # more than a clerk can act on; the rest appear once these are fixed
MAX_RAW_ERRORS = 1000  # stop asking jsonschema early on huge, thoroughly wrong data
MAX_DEPTH = 64  # nesting levels of submitted data; forms are a few levels deep
# Beyond float range jsonschema's arithmetic overflows; no form field means numbers that big.
_MAX_NUMBER = sys.float_info.max

Path = tuple[str | int, ...]
_CODE_RANK = {"required": 0, "type": 1}


class _Found(NamedTuple):
    path: Path
    code: str
    text: Text


def validate_data(validator: Validator, root: Mapping[str, Any], data: Any) -> list[FieldError]:
    """All problems with ``data`` under the form schema ``root``; [] when valid. Never raises for data."""
    if not isinstance(data, Mapping):
        return [FieldError("", "type", *messages.not_an_object())]
    problems: list[_Found] = []
    plain = normalize(data, (), problems)
    if problems:
        return _finish(root, problems)
    try:
        raw = list(islice(validator.iter_errors(plain), MAX_RAW_ERRORS))
    except (ArithmeticError, ValueError, RecursionError):
        # normalize() already refuses what is known to trip jsonschema (NaN, huge numbers,
        # deep nesting); this is the last line of the "bad data never raises" promise.
        return [FieldError("", "type", *messages.unsupported_value())]
    for error in raw:
        # One jsonschema error can stand for thousands of unknown fields; cap each one so it
        # cannot crowd out the missing required fields that follow it.
        problems.extend(islice(_translate(root, error), MAX_ERRORS))
    return _finish(root, problems)


def normalize(value: Any, path: Path = (), problems: list[_Found] | None = None) -> Any:
    """A plain-JSON copy (dict/list) of ``value``; structural problems are appended to ``problems``.

    jsonschema only treats ``dict`` as an object and ``list`` as an array, and would crash on
    non-text keys, NaN or numbers beyond float range, so other mappings and sequences are
    converted and values that JSON cannot carry (NaN, dates, Decimals, bytes) are reported here.
    The depth limit keeps hostile data from exhausting the stack, here or in jsonschema.
    """
    sink = problems if problems is not None else []
    if len(path) > MAX_DEPTH:
        sink.append(_Found(path, "maxDepth", messages.too_deep(MAX_DEPTH)))
        return None
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if isinstance(key, str):
                out[key] = normalize(item, (*path, key), sink)
            else:
                sink.append(_Found(path, "type", messages.bad_key()))
        return out
    if isinstance(value, list | tuple):
        return [normalize(item, (*path, i), sink) for i, item in enumerate(value)]
    if value is None or isinstance(value, str | bool):
        return value
    if isinstance(value, int | float) and -_MAX_NUMBER <= value <= _MAX_NUMBER:
        return value  # also refuses NaN, for which every comparison is false
    sink.append(_Found(path, "type", messages.unsupported_value()))
    return None


def _finish(root: Mapping[str, Any], found: list[_Found]) -> list[FieldError]:
    order = PathOrder(root)
    unique = list(dict.fromkeys(found))
    unique.sort(key=lambda f: (order.key(f.path), _CODE_RANK.get(f.code, 2), f.code, f.text))
    return [FieldError(format_path(f.path), f.code, *f.text) for f in unique[:MAX_ERRORS]]


def _translate(root: Mapping[str, Any], error: ValidationError) -> Iterator[_Found]:
    code = str(error.validator) if error.validator is not None else "false"
    if code == "not" and error.validator_value == {}:
        code = "false"  # a `false` subschema, rewritten by model.make_validator
    path: Path = tuple(error.absolute_path)
    if _about_a_name(error):
        # jsonschema reports a bad key on its object; the clerk needs the key itself.
        yield _worded(root, error, (*path, error.instance), "propertyNames", messages.bad_name(error.instance))
    elif code in ("required", "dependentRequired"):
        for name, text in _missing(root, error, code):
            yield _worded(root, error, (*path, name), code, text, field_first=True)
    elif code in ("additionalProperties", "unevaluatedProperties"):
        yield from _extras(root, error, path, code)
    elif code in ("anyOf", "oneOf"):
        yield from _combinator(root, error, path, code)
    else:
        text = messages.describe(code, error.validator_value, error.instance)
        yield _worded(root, error, path, code, text)


def _about_a_name(error: ValidationError) -> bool:
    if not isinstance(error.instance, str):
        return False
    steps = list(error.absolute_schema_path)
    # "propertyNames" as a keyword, not as a property that happens to be called that.
    return any(step == "propertyNames" and (i == 0 or steps[i - 1] not in MAPS) for i, step in enumerate(steps))


def _worded(root: Mapping[str, Any], error: ValidationError, path: Path, code: str, text: Text,
            field_first: bool = False) -> _Found:
    """Apply the schema author's ``x-messages`` wording when there is one.

    The property as written (perhaps ``{"$ref": ..., "x-messages": ...}``) wins over the schema
    the keyword sits in, which wins over the referenced definition. For ``required`` the missing
    field's own wording comes before its parent's.
    """
    as_written = _as_written(root, path)
    here = [as_written, resolve(root, as_written)]
    candidates = [*here, error.schema] if field_first else [as_written, error.schema, here[1]]
    for schema in candidates:
        custom = messages.override(schema, code)
        if custom is not None:
            return _Found(path, code, (custom[0], custom[1] or text[1]))
    return _Found(path, code, text)


def _as_written(root: Mapping[str, Any], path: Path) -> Any:
    if not path or isinstance(path[-1], int):
        return schema_at(root, path)
    parent = resolve(root, schema_at(root, path[:-1]))
    props = parent.get("properties") if isinstance(parent, Mapping) else None
    if isinstance(props, Mapping) and path[-1] in props:
        return props[path[-1]]
    return property_schema(root, parent, path[-1])


def _title(root: Mapping[str, Any], parent: Any, name: str) -> str:
    schema = property_schema(root, parent, name)
    title = schema.get("title") if isinstance(schema, Mapping) else None
    return title if isinstance(title, str) and title else name


def _missing(root: Mapping[str, Any], error: ValidationError, code: str) -> Iterator[tuple[str, Text]]:
    # jsonschema raises one error per missing name but names it only inside its English message,
    # so recompute the missing names from the instance; duplicates are removed later.
    instance = error.instance
    if not isinstance(instance, Mapping):
        return
    if code == "required":
        for name in error.validator_value:
            if name not in instance:
                yield name, messages.required()
        return
    for trigger, needed in error.validator_value.items():
        if trigger in instance:
            for name in needed:
                if name not in instance:
                    yield name, messages.required_when(_title(root, error.schema, trigger))


def _extras(root: Mapping[str, Any], error: ValidationError, path: Path, code: str) -> Iterator[_Found]:
    instance = error.instance
    if not isinstance(instance, Mapping):
        return
    schema = error.schema if isinstance(error.schema, Mapping) else {}
    if code == "additionalProperties":
        declared = schema.get("properties") or {}
        patterns = list(schema.get("patternProperties") or {})
        names = [k for k in instance if k not in declared and not any(re.search(p, k) for p in patterns)]
    else:
        names = _named_in_message(instance, error.message)
    if not names:
        yield _worded(root, error, path, code, messages.describe(code, error.validator_value, instance))
        return
    for name in names:
        text = messages.unknown_field(name) if error.validator_value is False else messages.describe(
            code, error.validator_value, instance)
        yield _worded(root, error, (*path, name), code, text)


def _named_in_message(instance: Mapping[str, Any], message: str) -> list[str]:
    # jsonschema computes unevaluated properties internally and only lists them, repr()'d and
    # sorted, in its message. Rebuild that list and accept it only if it matches exactly.
    names = sorted((k for k in instance if repr(k) in message), key=str)
    listed = ", ".join(repr(k) for k in names)
    return names if names and f"({listed} " in message else []


def _combinator(root: Mapping[str, Any], error: ValidationError, path: Path, code: str) -> Iterator[_Found]:
    branches = [resolve(root, b) for b in error.validator_value]
    labels = _const_labels(branches)
    if labels is not None:
        yield _worded(root, error, path, code, messages.choose_one(labels))
        return
    if code == "oneOf" and not error.context:
        yield _worded(root, error, path, code, messages.many_matched())
        return
    names = _required_only(branches)
    if names is not None:
        titles = [_title(root, error.schema, n) for n in names]
        yield _worded(root, error, path, code, messages.fill_one_of(titles))
        return
    chosen = _plausible_branch(error)
    if chosen is not None:
        for sub in chosen:
            yield from _translate(root, sub)
        return
    yield _worded(root, error, path, code, messages.describe(code, error.validator_value, error.instance))


def _const_labels(branches: list[Any]) -> list[Any] | None:
    """Labels of a labelled enum, ``oneOf: [{"const": v, "title": t}, ...]``; None if it is not one."""
    if not branches or not all(isinstance(b, Mapping) and "const" in b for b in branches):
        return None
    return [b.get("title") or messages.show(b["const"], "id") for b in branches]


def _required_only(branches: list[Any]) -> list[str] | None:
    """Names for "fill in one of: NIK, passport number" when each option only requires one field."""
    names = []
    for branch in branches:
        if not isinstance(branch, Mapping) or set(branch) - {"required", "title", "description"}:
            return None
        required = branch.get("required")
        if not isinstance(required, list) or len(required) != 1:
            return None
        names.append(required[0])
    return names or None


def _plausible_branch(error: ValidationError) -> list[ValidationError] | None:
    """The errors of the one option that suits the value, if exactly one does.

    An option whose own ``type`` rejects the value was clearly not meant (a date-or-empty field
    given a bad date is a bad date, not "none of the options"); among several options of the
    right type, one whose discriminator (``const``/``enum``) matched is the one meant.
    """
    by_branch: dict[int, list[ValidationError]] = {}
    for sub in error.context or []:
        by_branch.setdefault(int(sub.relative_schema_path[0]), []).append(sub)

    def rejects_type(errors: list[ValidationError]) -> bool:
        return any(e.validator == "type" and not e.relative_path for e in errors)

    def misses_discriminator(errors: list[ValidationError]) -> bool:
        return any(e.validator in ("const", "enum") for e in errors)

    fitting = [errs for errs in by_branch.values() if not rejects_type(errs)]
    if len(fitting) > 1:
        fitting = [errs for errs in fitting if not misses_discriminator(errs)]
    return fitting[0] if len(fitting) == 1 else None
