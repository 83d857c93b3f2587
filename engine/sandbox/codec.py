"""The wire format between the server and a worker: length-prefixed JSON with tagged values.

Never pickle: a compromised worker must not be able to make the parent run code, so both sides
only ever exchange JSON and rebuild a small, closed set of types from it:

    None bool int float str list  -> themselves
    dict with str keys            -> JSON object (other keys, or a "$t" key: {"$t": "dict", ...})
    tuple set frozenset           -> {"$t": "tuple" | "set" | "frozenset", "v": [...]}
    date datetime time            -> {"$t": "date" | "datetime" | "time", "v": ISO 8601 text}
    timedelta                     -> {"$t": "timedelta", "v": [days, seconds, microseconds]}
    Decimal                       -> {"$t": "decimal", "v": "1.50"}

Aware datetimes keep their UTC offset but not a zone name (Asia/Jakarta arrives as +07:00).
Anything else raises `CodecError`, which the sandbox reports as a script error.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from .limits import MAX_VALUE_DEPTH

TAG = "$t"
HEADER = struct.Struct(">I")  # 4-byte big-endian payload length


class CodecError(Exception):
    """A value cannot cross the boundary; `kind` is "type", "depth", "size" or "format"."""

    def __init__(self, kind: str, detail: str, path: str = "") -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail
        self.path = path

    def at(self, segment: str) -> CodecError:
        """Prefix a path segment while the error travels up (paths cost nothing on success)."""
        path = segment + self.path
        self.path = path if len(path) <= 60 else path[:60] + "..."  # outermost part is what helps
        return self


def to_wire(value: Any, depth: int = 0) -> Any:
    """Turn an allowed value into plain JSON data; raise CodecError for anything else."""
    if value is None or type(value) in (bool, str, int, float):
        return value
    # Subclasses (StrEnum, IntEnum, ...) travel as their plain base value.
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, int):
        return bool(value) if isinstance(value, bool) else int.__int__(value)
    if isinstance(value, float):
        return float.__float__(value)
    if depth >= MAX_VALUE_DEPTH:
        raise CodecError("depth", f"nested deeper than {MAX_VALUE_DEPTH} levels")
    if isinstance(value, list):
        return _sequence(value, depth)
    if isinstance(value, dict):
        return _mapping(value, depth)
    if isinstance(value, tuple):
        return {TAG: "tuple", "v": _sequence(value, depth)}
    if isinstance(value, frozenset):
        return {TAG: "frozenset", "v": _sequence(value, depth)}
    if isinstance(value, set):
        return {TAG: "set", "v": _sequence(value, depth)}
    if isinstance(value, datetime):
        return {TAG: "datetime", "v": value.isoformat()}
    if isinstance(value, date):
        return {TAG: "date", "v": value.isoformat()}
    if isinstance(value, time):
        return {TAG: "time", "v": value.isoformat()}
    if isinstance(value, timedelta):
        return {TAG: "timedelta", "v": [value.days, value.seconds, value.microseconds]}
    if isinstance(value, Decimal):
        return {TAG: "decimal", "v": str(value)}
    raise CodecError("type", f"type {type(value).__name__} is not supported")


def _sequence(items: Any, depth: int) -> list[Any]:
    out = []
    for index, item in enumerate(items):
        try:
            out.append(to_wire(item, depth + 1))
        except CodecError as error:
            raise error.at(f"[{index}]") from None
    return out


def _mapping(value: dict[Any, Any], depth: int) -> Any:
    if TAG not in value and all(type(key) is str for key in value):
        out = {}
        for key, item in value.items():
            try:
                out[key] = to_wire(item, depth + 1)
            except CodecError as error:
                raise error.at(f"[{key!r}]") from None
        return out
    return {TAG: "dict", "v": _sequence(([k, v] for k, v in value.items()), depth)}


def from_wire(data: Any, depth: int = 0) -> Any:
    """Rebuild a value from JSON data made by `to_wire`; strict about every shape."""
    if data is None or type(data) in (str, int, float, bool):
        return data
    if depth >= MAX_VALUE_DEPTH + 2:  # +2: tagged containers add a level on the wire
        raise CodecError("depth", "wire data nested too deeply")
    if type(data) is list:
        return [from_wire(item, depth + 1) for item in data]
    if type(data) is not dict:
        raise CodecError("format", f"unexpected wire type {type(data).__name__}")
    tag = data.get(TAG)
    if tag is None:
        return {key: from_wire(item, depth + 1) for key, item in data.items()}
    decoder = _DECODERS.get(tag) if isinstance(tag, str) else None
    if decoder is None or set(data) != {TAG, "v"}:
        raise CodecError("format", f"unknown wire tag {tag!r}")
    try:
        return decoder(data["v"], depth + 1)
    except (TypeError, ValueError, OverflowError, InvalidOperation) as error:
        raise CodecError("format", f"bad {tag} value: {error}") from None


def _text(value: Any) -> str:
    if type(value) is not str:
        raise TypeError("expected text")
    return value


def _items(value: Any, depth: int) -> list[Any]:
    if type(value) is not list:
        raise TypeError("expected a list")
    return [from_wire(item, depth) for item in value]


def _timedelta(value: Any, _depth: int) -> timedelta:
    if type(value) is not list or len(value) != 3 or any(type(part) is not int for part in value):
        raise TypeError("expected [days, seconds, microseconds]")
    return timedelta(days=value[0], seconds=value[1], microseconds=value[2])


def _pairs(value: Any, depth: int) -> dict[Any, Any]:
    pairs = _items(value, depth)
    if any(type(pair) is not list or len(pair) != 2 for pair in pairs):
        raise TypeError("expected [key, value] pairs")
    return {key: item for key, item in pairs}


_DECODERS: dict[str, Callable[[Any, int], Any]] = {
    "tuple": lambda v, d: tuple(_items(v, d)),
    "set": lambda v, d: set(_items(v, d)),
    "frozenset": lambda v, d: frozenset(_items(v, d)),
    "dict": _pairs,
    "datetime": lambda v, _d: datetime.fromisoformat(_text(v)),
    "date": lambda v, _d: date.fromisoformat(_text(v)),
    "time": lambda v, _d: time.fromisoformat(_text(v)),
    "timedelta": _timedelta,
    "decimal": lambda v, _d: Decimal(_text(v)),
}


def dumps(data: Any) -> bytes:
    """Compact JSON bytes; ASCII-escaped so lone surrogates survive the trip."""
    try:
        return json.dumps(data, separators=(",", ":")).encode("ascii")
    except ValueError as error:  # an int beyond the int-to-str digit limit
        raise CodecError("size", str(error)) from None
    except RecursionError:
        raise CodecError("depth", "value nested too deeply") from None


def loads(payload: bytes) -> Any:
    """Parse JSON bytes; any malformed or hostile payload becomes a CodecError."""
    try:
        return json.loads(payload)
    except (ValueError, RecursionError, UnicodeDecodeError) as error:
        raise CodecError("format", f"malformed message: {type(error).__name__}") from None


def frame(payload: bytes) -> bytes:
    """Prefix a payload with its length."""
    return HEADER.pack(len(payload)) + payload
