"""Keyword-aware walking of a form schema: subschemas, local ``$ref`` resolution, declared order.

Schema loading, the field model, error sorting and ``clean()`` all need to find "the schema that
describes this part of the data". They share these helpers so they agree with each other. Only
local references ("#" or "#/...") are ever followed: the loader refuses anything else.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import unquote

# Keywords whose value is one subschema, a list of subschemas, or a name -> subschema map.
# Instance data ("enum", "const", "default", "examples") is deliberately absent: a {"$ref": ...}
# inside an example value is data, not a reference.
SINGLE = ("additionalProperties", "contains", "contentSchema", "else", "if", "items", "not",
          "propertyNames", "then", "unevaluatedItems", "unevaluatedProperties")
LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
MAPS = ("$defs", "definitions", "dependentSchemas", "patternProperties", "properties")

# Following a chain of $refs that long means a cycle such as {"$ref": "#"} at the root.
_MAX_REF_HOPS = 32


def pointer_escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def iter_subschemas(schema: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    """Yield (JSON pointer, subschema) for the schema and every subschema in it, depth first.

    Iterative rather than recursive so a hostile, very deep schema cannot exhaust the stack.
    """
    stack: list[tuple[str, Any]] = [(pointer, schema)]
    while stack:
        where, node = stack.pop()
        yield where, node
        if not isinstance(node, Mapping):
            continue
        children: list[tuple[str, Any]] = []
        for key in SINGLE:
            if key in node:
                children.append((f"{where}/{key}", node[key]))
        for key in LISTS:
            value = node.get(key)
            if isinstance(value, list):
                children.extend((f"{where}/{key}/{i}", sub) for i, sub in enumerate(value))
        for key in MAPS:
            value = node.get(key)
            if isinstance(value, Mapping):
                children.extend((f"{where}/{key}/{pointer_escape(str(n))}", sub) for n, sub in value.items())
        stack.extend(reversed(children))


def is_local_ref(ref: Any) -> bool:
    return isinstance(ref, str) and (ref == "#" or ref.startswith("#/"))


def lookup_pointer(root: Any, ref: str) -> Any:
    """Return the value a local reference ("#/a/b") points at; raise LookupError if absent."""
    if not is_local_ref(ref):
        raise LookupError(ref)
    node = root
    for raw in ref[2:].split("/") if ref != "#" else []:
        token = unquote(raw).replace("~1", "/").replace("~0", "~")
        if isinstance(node, Mapping) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            raise LookupError(ref)
    return node


def resolve(root: Any, schema: Any) -> Any:
    """Follow ``$ref`` at the top of ``schema`` to the schema that actually describes the data."""
    for _ in range(_MAX_REF_HOPS):
        if not isinstance(schema, Mapping) or not is_local_ref(schema.get("$ref")):
            return schema
        try:
            schema = lookup_pointer(root, schema["$ref"])
        except LookupError:
            return {}
    return {}


def property_order(root: Any, schema: Any, _seen: frozenset[int] = frozenset()) -> list[str]:
    """Names of the properties declared by an object schema, in the order a person should see them.

    ``x-order`` comes first, then the rest of ``properties`` in document order, then properties
    declared only in ``allOf`` / ``then`` / ``else`` / ``dependentSchemas`` branches (conditional
    fields such as a reason that is required only when a report is archived).
    """
    schema = resolve(root, schema)
    if not isinstance(schema, Mapping) or id(schema) in _seen:
        return []
    _seen = _seen | {id(schema)}
    names: list[str] = []
    explicit = schema.get("x-order")
    if isinstance(explicit, list):
        names.extend(n for n in explicit if isinstance(n, str))
    props = schema.get("properties")
    if isinstance(props, Mapping):
        names.extend(props)
    for branch in _branches(schema):
        names.extend(property_order(root, branch, _seen))
    return list(dict.fromkeys(names))


def _branches(schema: Mapping[str, Any]) -> list[Any]:
    found: list[Any] = []
    for key in ("allOf", "anyOf", "oneOf"):
        if isinstance(schema.get(key), list):
            found.extend(schema[key])
    for key in ("then", "else"):
        if key in schema:
            found.append(schema[key])
    if isinstance(schema.get("dependentSchemas"), Mapping):
        found.extend(schema["dependentSchemas"].values())
    return found


def property_schema(root: Any, schema: Any, name: str, _seen: frozenset[int] = frozenset()) -> Any:
    """The (resolved) schema describing property ``name`` of an object, or {} when none does."""
    schema = resolve(root, schema)
    if not isinstance(schema, Mapping) or id(schema) in _seen:
        return {}
    _seen = _seen | {id(schema)}  # a branch may point back at an enclosing schema
    props = schema.get("properties")
    if isinstance(props, Mapping) and name in props:
        return resolve(root, props[name])
    for branch in _branches(schema):
        found = property_schema(root, branch, name, _seen)
        if found != {}:
            return found
    extra = schema.get("additionalProperties")
    return resolve(root, extra) if isinstance(extra, Mapping) else {}


def item_schema(root: Any, schema: Any, index: int) -> Any:
    """The (resolved) schema describing element ``index`` of an array, or {} when none does."""
    schema = resolve(root, schema)
    if not isinstance(schema, Mapping):
        return {}
    prefix = schema.get("prefixItems")
    if isinstance(prefix, list) and index < len(prefix):
        return resolve(root, prefix[index])
    items = schema.get("items")
    return resolve(root, items) if isinstance(items, Mapping) else {}


def schema_at(root: Any, path: tuple[str | int, ...]) -> Any:
    """The schema describing the data at ``path`` (property names and array indexes)."""
    node: Any = root
    for step in path:
        node = item_schema(root, node, step) if isinstance(step, int) else property_schema(root, node, step)
    return resolve(root, node)
