"""The loaded form: identity, fields for a renderer, validation and cleaning of submitted data.

A ``Form`` is immutable and safe to share between requests and threads; its compiled validator
and field list are built on first use and kept.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.protocols import Validator
from referencing import Registry
from referencing.exceptions import NoSuchResource

from forms.errors import FieldError, FormValidationError
from forms.fields import Field, build_fields
from forms.formats import FORMAT_CHECKER
from forms.validate import normalize, validate_data
from forms.walk import item_schema, iter_subschemas, property_order, property_schema, resolve


def _refuse_retrieval(uri: str) -> Any:
    # Nothing is ever fetched: a form that names a remote schema is refused at load time, and
    # this keeps a hand-built Form from reaching the network during validation as well.
    raise NoSuchResource(ref=uri)  # type: ignore[call-arg]


OFFLINE_REGISTRY: Registry[Any] = Registry(retrieve=_refuse_retrieval)  # type: ignore[call-arg]


def make_validator(schema: Mapping[str, Any]) -> Validator:
    """A Draft 2020-12 validator with our format checks and no network access."""
    return Draft202012Validator(
        _explicit_false(schema), registry=OFFLINE_REGISTRY, format_checker=FORMAT_CHECKER
    )


def _explicit_false(schema: Mapping[str, Any]) -> dict[str, Any]:
    # jsonschema loses the path of an error from a bare `false` subschema ("properties": {"x":
    # false}), so the clerk would see it on the whole form. {"not": {}} means the same and keeps
    # the path; validate.py reports it as code "false".
    copy: dict[str, Any] = json.loads(json.dumps(schema))
    for _, node in iter_subschemas(copy):
        if not isinstance(node, dict):
            continue
        for key in ("properties", "patternProperties"):
            if isinstance(node.get(key), dict):
                node[key] = {n: ({"not": {}} if s is False else s) for n, s in node[key].items()}
        if isinstance(node.get("prefixItems"), list):
            node["prefixItems"] = [{"not": {}} if s is False else s for s in node["prefixItems"]]
    return copy


@dataclass(frozen=True)
class Form:
    """A form schema that passed the loader's checks; build it with ``load_form``."""

    id: str
    title: str
    schema: Mapping[str, Any] = field(repr=False, compare=False)  # the raw schema; treat as read-only
    content_hash: str  # sha256 hex of the canonical JSON of ``schema``; equal hash, equal form

    @property
    def description(self) -> str:
        text = self.schema.get("description")
        return text if isinstance(text, str) else ""

    def fields(self) -> tuple[Field, ...]:
        """Top-level fields in declared order (``x-order``, then the order of ``properties``)."""
        return self._fields

    def validate(self, data: Any) -> list[FieldError]:
        """Every problem with ``data``, in form order; [] when valid. Bad data never raises."""
        return validate_data(self._validator, self.schema, data)

    def clean(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """A validated, independent copy of ``data`` holding only what the form declares.

        Raises ``FormValidationError`` when ``data`` is invalid. Undeclared keys never pass
        silently when the schema says ``"additionalProperties": false``: they are errors. Where
        the schema allows extra keys, they are valid but still not kept: only properties named
        in ``properties`` (including conditional branches) or matched by ``patternProperties``
        are returned, at every level whose schema declares any. Defaults are not filled in.
        """
        errors = self.validate(data)
        if errors:
            raise FormValidationError(errors)
        return _keep_declared(self.schema, self.schema, normalize(data))

    @cached_property
    def _validator(self) -> Validator:
        return make_validator(self.schema)

    @cached_property
    def _fields(self) -> tuple[Field, ...]:
        return build_fields(self.schema, self.schema)


def _keep_declared(root: Mapping[str, Any], schema: Any, value: Any) -> Any:
    schema = resolve(root, schema)
    if isinstance(value, list):
        return [_keep_declared(root, item_schema(root, schema, i), v) for i, v in enumerate(value)]
    if not isinstance(value, dict) or not isinstance(schema, Mapping):
        return value
    names = set(property_order(root, schema))
    patterns = list(schema.get("patternProperties") or {})
    if not names and not patterns and schema is not root:
        return value  # a free-form object (no properties declared) is kept whole
    return {
        key: _keep_declared(root, property_schema(root, schema, key), item)
        for key, item in value.items()
        if key in names or any(re.search(p, key) for p in patterns)
    }
