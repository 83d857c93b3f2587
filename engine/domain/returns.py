"""Returning a task to the previous step ("Kembalikan"), where the process designer allows it.

A user task declares what returning means in its own form, so the process's gateways decide where
the case goes, exactly as if the person had chosen that answer::

    lintas:return="keputusan_kadis=kembalikan; reason=alasan_pengembalian"

Returning completes the task with ``keputusan_kadis = "kembalikan"`` and the typed reason in
``alasan_pengembalian``, through the normal completion path (form validation included). Deploy
checks that both fields exist in the task's form and that the value is one the form accepts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

_REASON = "reason"


@dataclass(frozen=True)
class ReturnSpec:
    """A task's ``lintas:return``: the field and value that send the case back, and the reason field."""

    source: str
    field: str
    value: str
    reason_field: str

    @classmethod
    def parse(cls, text: str) -> ReturnSpec:
        """Never raises: what is missing stays empty and ``problems`` reports it at deploy."""
        field = value = reason = ""
        for part in text.split(";"):
            key, sep, val = part.partition("=")
            key, val = key.strip(), val.strip()
            if not sep or not key:
                continue
            if key.lower() == _REASON:
                reason = reason or val
            elif not field:
                field, value = key, val
        return cls(text.strip(), field, value, reason)

    def as_dict(self) -> dict[str, str]:
        return {"source": self.source, "field": self.field, "value": self.value, "reason_field": self.reason_field}

    @classmethod
    def from_dict(cls, raw: Mapping[str, str] | None) -> ReturnSpec | None:
        if not raw:
            return None
        return cls(raw["source"], raw["field"], raw["value"], raw["reason_field"])

    def values(self, schema: Mapping[str, Any], reason: str) -> dict[str, Any]:
        """The data that returns the task: the decision value typed as the form declares it, and the reason."""
        spec = _property(schema, self.field) or {}
        return {self.field: _typed(self.value, spec), self.reason_field: reason}


def problems(spec: ReturnSpec, schema: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    """What is wrong with ``spec`` for a task whose form is ``schema`` (Indonesian, English)."""
    if not spec.field or not spec.value:
        return [(f"tulis lintas:return sebagai 'isian=nilai; reason=isian_alasan', bukan {spec.source!r}",
                 f"write lintas:return as 'field=value; reason=reason_field', not {spec.source!r}")]
    if not spec.reason_field:
        return [("lintas:return perlu isian alasan: tambahkan '; reason=isian_alasan'",
                 "lintas:return needs a reason field: add '; reason=reason_field'")]
    if schema is None:
        return [("tugas dengan lintas:return harus memakai formulir (lintas:form)",
                 "a task with lintas:return needs a form (lintas:form)")]
    out: list[tuple[str, str]] = []
    field = _property(schema, spec.field)
    if field is None:
        out.append((f"isian '{spec.field}' tidak ada di formulir", f"field '{spec.field}' is not in the form"))
    elif (allowed := _allowed(field)) is not None and _typed(spec.value, field) not in allowed:
        shown = ", ".join(str(v) for v in allowed)
        out.append((f"nilai '{spec.value}' bukan pilihan isian '{spec.field}' ({shown})",
                    f"value '{spec.value}' is not a choice of field '{spec.field}' ({shown})"))
    elif _type(field) not in (None, "string", "boolean", "integer", "number"):
        out.append((f"isian '{spec.field}' harus berupa pilihan atau nilai tunggal",
                    f"field '{spec.field}' must be a choice or a single value"))
    reason = _property(schema, spec.reason_field)
    if reason is None:
        out.append((f"isian alasan '{spec.reason_field}' tidak ada di formulir",
                    f"reason field '{spec.reason_field}' is not in the form"))
    elif _type(reason) not in (None, "string"):
        out.append((f"isian alasan '{spec.reason_field}' harus berupa teks",
                    f"reason field '{spec.reason_field}' must be text"))
    return out


def _property(schema: Mapping[str, Any], name: str) -> Mapping[str, Any] | None:
    props = schema.get("properties")
    found = props.get(name) if isinstance(props, Mapping) else None
    return _resolve(schema, found) if isinstance(found, Mapping) else None


def _resolve(root: Mapping[str, Any], spec: Mapping[str, Any]) -> Mapping[str, Any]:
    """Follow one local ``$ref`` (``#/$defs/...``), which is how shared choices are written."""
    ref = spec.get("$ref")
    if not isinstance(ref, str) or not ref.startswith("#/"):
        return spec
    node: Any = root
    for step in ref[2:].split("/"):
        node = node.get(step) if isinstance(node, Mapping) else None
    return node if isinstance(node, Mapping) else spec


def _type(spec: Mapping[str, Any]) -> str | None:
    declared = spec.get("type")
    if isinstance(declared, list):
        others = [t for t in declared if t != "null"]
        declared = others[0] if others else None
    return declared if isinstance(declared, str) else None


def _allowed(spec: Mapping[str, Any]) -> list[Any] | None:
    if isinstance(spec.get("enum"), list):
        return list(spec["enum"])
    if "const" in spec:
        return [spec["const"]]
    for key in ("oneOf", "anyOf"):
        options = spec.get(key)
        if isinstance(options, list) and options and all(isinstance(o, Mapping) and "const" in o for o in options):
            return [o["const"] for o in options]
    return None


def _typed(value: str, spec: Mapping[str, Any]) -> Any:
    """The attribute's text as the JSON value the form expects ("true" for a boolean, "2" for an integer)."""
    kind = _type(spec)
    if kind is None and (allowed := _allowed(spec)):
        kind = {bool: "boolean", int: "integer", float: "number"}.get(type(allowed[0]))
    if kind == "boolean" and value.lower() in ("true", "false"):
        return value.lower() == "true"
    if kind in ("integer", "number"):
        try:
            return int(value) if kind == "integer" else float(value)
        except ValueError:
            return value
    return value
