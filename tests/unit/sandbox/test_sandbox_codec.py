"""The wire codec: round trips, refusals, and strictness towards hostile wire data."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from enum import IntEnum, StrEnum
from typing import Any

import pytest

from engine.sandbox.codec import CodecError, dumps, from_wire, loads, to_wire


class Warna(StrEnum):
    MERAH = "merah"


class Tingkat(IntEnum):
    TINGGI = 3


VALUES: list[Any] = [
    None,
    True,
    -7,
    2**200,
    1.25,
    "teks",
    [1, [2, [3]]],
    (1, (2,)),
    {"a": {"b": [1]}},
    {1: "a", (1, 2): "b", date(2026, 1, 1): "c"},
    {"$t": "tuple", "v": []},
    {1, 2},
    frozenset({"x"}),
    date(2026, 3, 17),
    datetime(2026, 3, 17, 8, 0, tzinfo=timezone(timedelta(hours=9))),
    time(23, 59, 59, 999999),
    timedelta(days=400, seconds=3, microseconds=4),
    Decimal("-0.000"),
    Decimal("NaN"),
]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_round_trip_keeps_value_and_type(value: Any) -> None:
    back = from_wire(loads(dumps(to_wire(value))))
    assert type(back) is type(value)
    if not (isinstance(value, Decimal) and value.is_nan()):  # NaN never equals itself
        assert back == value
    assert dumps(to_wire(back)) == dumps(to_wire(value))


def test_enum_members_travel_as_plain_values() -> None:
    assert from_wire(to_wire([Warna.MERAH, Tingkat.TINGGI])) == ["merah", 3]


@pytest.mark.parametrize("value", [b"x", object(), print, [1, {2: bytearray()}], complex(1, 2)])
def test_unsupported_types_are_refused(value: Any) -> None:
    with pytest.raises(CodecError) as caught:
        to_wire(value)
    assert caught.value.kind == "type"


def test_error_path_names_the_offending_item() -> None:
    with pytest.raises(CodecError) as caught:
        to_wire({"berkas": [1, {"lampiran": b"%PDF"}]})
    assert caught.value.path == "['berkas'][1]['lampiran']"


def test_self_reference_and_deep_nesting_are_refused() -> None:
    loop: list[Any] = []
    loop.append(loop)
    with pytest.raises(CodecError) as caught:
        to_wire(loop)
    assert caught.value.kind == "depth"
    with pytest.raises(CodecError):
        from_wire(json.loads("[" * 90 + "]" * 90))


@pytest.mark.parametrize(
    "wire",
    [
        {"$t": "pickle", "v": "gASV"},
        {"$t": "date", "v": 20260317},
        {"$t": "date", "v": "kemarin"},
        {"$t": "timedelta", "v": [1, 2]},
        {"$t": "timedelta", "v": [10**20, 0, 0]},
        {"$t": "decimal", "v": "satu"},
        {"$t": "set", "v": [[1]]},
        {"$t": "dict", "v": [[[1], 2]]},
        {"$t": "dict", "v": [[1, 2, 3]]},
        {"$t": "tuple", "v": [], "x": 1},
        {"$t": 5, "v": []},
    ],
)
def test_hostile_wire_data_is_refused(wire: Any) -> None:
    with pytest.raises(CodecError):
        from_wire(wire)


@pytest.mark.parametrize("payload", [b"{", b"[" * 100_000, b"1" * 5000, b"\xff\xfe", b'{"a": NaN'])
def test_malformed_messages_are_codec_errors(payload: bytes) -> None:
    with pytest.raises(CodecError):
        loads(payload)


def test_ints_beyond_the_digit_limit_are_a_size_error() -> None:
    with pytest.raises(CodecError) as caught:
        dumps(to_wire(10**5000))
    assert caught.value.kind == "size"
