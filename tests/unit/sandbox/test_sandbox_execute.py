"""Positive behaviour of evaluate() and execute(): results, data flow, helpers, errors."""

from __future__ import annotations

import importlib.util
import sys
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from engine.sandbox import ScriptResult, ScriptRuntimeError, ScriptSandbox, register_helper

WIB = timezone(timedelta(hours=7))


@pytest.mark.parametrize(
    ("expression", "variables", "expected"),
    [
        ("counter < limit", {"counter": 3, "limit": 5}, True),
        ('status in ("baru", "proses")', {"status": "selesai"}, False),
        ("len(items) > 0", {"items": [1]}, True),
        ("pemohon['nilai'] * 2 >= 150", {"pemohon": {"nilai": 80}}, True),
        ("[x for x in items if x % 2]", {"items": [1, 2, 3]}, [1, 3]),
        ("'disetujui' if all(setuju) else 'ditolak'", {"setuju": [True, False]}, "ditolak"),
    ],
)
def test_conditions_on_data(sandbox: ScriptSandbox, expression: str, variables: dict, expected: object) -> None:
    assert sandbox.evaluate(expression, variables) == expected


def test_script_assigns_mutates_and_deletes(sandbox: ScriptSandbox) -> None:
    variables = {"items": [1, 2], "sementara": "x", "tetap": {"a": 1}, "tidak_dipakai": 9}
    result = sandbox.execute("items.append(3)\ntotal = sum(items)\ndel sementara\nb = tetap['a']", variables)
    assert result == ScriptResult(updated={"items": [1, 2, 3], "total": 6, "b": 1}, deleted=frozenset({"sementara"}))
    assert variables["items"] == [1, 2]  # the caller's data is never touched


def test_unchanged_and_unreferenced_variables_are_not_reported(sandbox: ScriptSandbox) -> None:
    result = sandbox.execute("x = data['a']", {"data": {"a": [1]}, "lain": 1})
    assert result.updated == {"x": [1]}
    assert result.deleted == frozenset()


def test_function_definitions_and_loops(sandbox: ScriptSandbox) -> None:
    script = (
        "def denda(hari, tarif=1000):\n"
        "    if hari <= 0:\n"
        "        return 0\n"
        "    return hari * tarif\n"
        "total = 0\n"
        "for berkas in berkas_list:\n"
        "    total += denda(berkas['terlambat'])\n"
        "ringkas = {b['no']: denda(b['terlambat']) for b in berkas_list}\n"
    )
    berkas = [{"no": "A1", "terlambat": 2}, {"no": "A2", "terlambat": 0}]
    result = sandbox.execute(script, {"berkas_list": berkas})
    assert result.updated["total"] == 2000
    assert result.updated["ringkas"] == {"A1": 2000, "A2": 0}
    assert "denda" not in result.updated  # functions are code, not process data


def test_helpers_with_an_injected_clock(sandbox: ScriptSandbox) -> None:
    now = datetime(2026, 3, 17, 23, 30, tzinfo=WIB)
    script = (
        "hari_ini = today()\n"
        "tenggat = parse_date('2026-03-20')\n"
        "sisa = days_between(hari_ini, tenggat)\n"
        "minggu_depan = today() + timedelta(days=7)\n"
        "mulai = parse_datetime('2026-03-17T08:00:00+07:00')\n"
        "lewat = now() - mulai\n"
        "biaya = Decimal('1500.50') * 2\n"
        "buka = time(8, 0) <= now().time()\n"
    )
    result = sandbox.execute(script, {}, now=now)
    assert result.updated["hari_ini"] == date(2026, 3, 17)
    assert result.updated["sisa"] == 3
    assert result.updated["minggu_depan"] == date(2026, 3, 24)
    assert result.updated["lewat"] == timedelta(hours=15, minutes=30)
    assert result.updated["biaya"] == Decimal("3001.00")
    assert result.updated["buka"] is True
    assert sandbox.evaluate("now()", {}, now=now) == now


def test_real_clock_is_the_fallback(sandbox: ScriptSandbox) -> None:
    before = datetime.now(UTC)
    seen = sandbox.evaluate("now()", {})
    assert before <= seen <= datetime.now(UTC)


def test_values_cross_the_process_boundary_intact(sandbox: ScriptSandbox) -> None:
    data = {
        "tanggal": date(2026, 3, 17),
        "waktu": datetime(2026, 3, 17, 8, 15, 30, 123456, tzinfo=WIB),
        "naif": datetime(2026, 3, 17, 8, 15),  # noqa: DTZ001 - naive on purpose, must stay naive
        "jam": time(8, 15, 1, 5),
        "durasi": timedelta(days=-1, seconds=5, microseconds=7),
        "uang": Decimal("12345.6700"),
        "pasangan": (1, "a", (2, 3)),
        "himpunan": {1, 2, 3},
        "beku": frozenset({"a"}),
        "kunci_angka": {1: "satu", (2, 3): "dua-tiga"},
        "mirip_tag": {"$t": "date", "v": "bukan tanggal"},
        "teks": "Pemkab \u00e9 \U0001f600 lone \ud800",
        "angka": [0, -1.5, 2**80, True, None, float("inf")],
    }
    result = sandbox.execute("salinan = data", {"data": data})
    copy = result.updated["salinan"]
    assert copy == data
    for key, value in data.items():
        assert type(copy[key]) is type(value)
    assert copy["waktu"].utcoffset() == timedelta(hours=7)
    assert sandbox.evaluate("data['waktu'] + data['durasi']", {"data": data}) == data["waktu"] + data["durasi"]


def test_errors_carry_exception_class_and_line(sandbox: ScriptSandbox) -> None:
    script = "a = 1\n\ndef bagi(x):\n    return x / 0\n\nb = bagi(a)\n"
    with pytest.raises(ScriptRuntimeError) as caught:
        sandbox.execute(script, {})
    error = caught.value
    assert (error.exc_type, error.line) == ("ZeroDivisionError", 4)
    assert "baris 4" in error.message_id and "line 4" in error.message_en
    assert "ZeroDivisionError" in str(error)
    with pytest.raises(ScriptRuntimeError, match="KeyError") as missing:
        sandbox.execute("x = 1\ny = data['tidak_ada']", {"data": {}})
    assert missing.value.line == 2


def test_designers_can_raise_their_own_errors(sandbox: ScriptSandbox) -> None:
    with pytest.raises(ScriptRuntimeError, match="NIK harus 16 digit") as caught:
        sandbox.execute("if len(nik) != 16:\n    raise ValueError('NIK harus 16 digit')", {"nik": "123"})
    assert caught.value.exc_type == "ValueError"
    assert caught.value.line == 2


def test_rejected_value_types(sandbox: ScriptSandbox) -> None:
    with pytest.raises(ScriptRuntimeError, match=r"berkas\[1\]") as incoming:
        sandbox.execute("x = berkas", {"berkas": [1, object()]})
    assert "object" in incoming.value.message_en
    with pytest.raises(ScriptRuntimeError, match="map"):
        sandbox.execute("hasil = map(str, [1, 2])", {})
    with pytest.raises(ScriptRuntimeError, match="bytes"):
        sandbox.evaluate("'a'.encode()", {})


def _import_extra_helpers() -> None:
    # Loaded under its dotted name from the file, however pytest set up sys.path, because the
    # worker imports the module by that name from the directory that holds `engine` and `tests`.
    name = "tests.unit.sandbox.sandbox_extra_helpers"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("sandbox_extra_helpers.py"))
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)


def test_helper_registered_elsewhere_reaches_new_workers() -> None:
    _import_extra_helpers()
    with ScriptSandbox() as box:
        now = datetime(2026, 1, 2, 14, tzinfo=UTC)
        assert box.evaluate("tambah_hari_kerja_palsu(5) + jam_sekarang_palsu()", {}, now=now) == 21


@pytest.mark.parametrize("name", ["_rahasia", "eval", "len", "bukan nama", "today"])
def test_helper_names_are_checked(name: str) -> None:
    with pytest.raises(ValueError):
        register_helper(name, lambda: 0)
