"""Static policy: what check() refuses, where it points, and what ordinary designer code passes."""

from __future__ import annotations

import pytest

from engine.sandbox import SandboxLimits, ScriptRejected, ScriptSandbox, Violation

ALLOWED_SCRIPTS = [
    "total = sum(item['harga'] * item['jumlah'] for item in items)",
    "def hitung(a, b=2, *rest, **opsi):\n    return a + b\nhasil = hitung(1)",
    "nama = f'{pemohon!r:>20} {tanggal:%d-%m-%Y}'",
    "match status:\n    case 'baru' | 'proses':\n        aktif = True\n    case {'kode': kode, **sisa}:\n"
    "        aktif = False\n    case _:\n        aktif = None",
    "try:\n    x = 1 / n\nexcept (ZeroDivisionError, TypeError) as galat:\n    x = str(galat)",
    "dobel = [x * 2 for x in data if x]\npeta = {k: v for k, v in pasangan}\nunik = {x for x in data}",
    "n = 0\nwhile n < 10:\n    n += 1\n    if n == 5:\n        break\nelse:\n    n = -1",
    "x = (y := 3) + 1",
    "s = 'a, b'.split(', ')\nt = ' '.join(s).upper()\nd = {'a': 1}.get('b', 0)",
    "hasil = sorted(data, key=lambda d: d['tanggal'], reverse=True)[:3]",
    "x **= 2",
    "tenggat = today() + timedelta(days=7)\nterlambat = days_between(tenggat, now()) > 0",
]


@pytest.mark.parametrize("script", ALLOWED_SCRIPTS)
def test_ordinary_designer_scripts_pass(sandbox: ScriptSandbox, script: str) -> None:
    assert sandbox.check(script, "exec") == []


def test_violation_points_at_line_and_column(sandbox: ScriptSandbox) -> None:
    [found] = sandbox.check("x = 1\ny = x.__class__", "exec")
    assert (found.line, found.col, found.code) == (2, 4, "private_attribute")
    assert "__class__" in found.message_id and "__class__" in found.message_en
    assert "tidak diizinkan" in found.message_id


def test_all_violations_are_reported_sorted(sandbox: ScriptSandbox) -> None:
    found = sandbox.check("import os\nx = eval('1')\nclass A: pass\n_y = 2", "exec")
    assert [(v.line, v.code) for v in found] == [(1, "import"), (2, "denied_name"), (3, "class"), (4, "private_name")]


def test_syntax_errors_are_violations(sandbox: ScriptSandbox) -> None:
    [found] = sandbox.check("x = (1,\ny = 2", "exec")
    assert found.code == "syntax"
    assert found.message_id.startswith("Kesalahan sintaks")
    [outside] = sandbox.check("return 1", "exec")  # found by the compiler, not the parser
    assert outside.code == "syntax"
    assert sandbox.check("x = 1", "eval")[0].code == "syntax"


def test_too_long_source_is_refused() -> None:
    box = ScriptSandbox(SandboxLimits(max_source_chars=10))
    [found] = box.check("x = 1 + 2 + 3", "exec")
    assert found.code == "too_long"
    with pytest.raises(ScriptRejected, match="maximum 10"):
        box.evaluate("'a' + 'bcdefghijk'", {})
    box.close()


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ("def f(_x): pass", "_x"),
        ("f(_kunci=1)", "_kunci"),
        ("for _ in data: pass", "_"),
        ("try:\n    pass\nexcept Exception as _e:\n    pass", "_e"),
        ("match x:\n    case [*_sisa]:\n        pass", "_sisa"),
        ("def id(): pass", "id"),
        ("hash = 1", "hash"),
        ("lambda vars: 0", "vars"),
    ],
)
def test_identifiers_are_checked_wherever_they_are_bound(sandbox: ScriptSandbox, source: str, name: str) -> None:
    found = sandbox.check(source, "exec")
    assert any(name in v.message_en for v in found), found


def test_fstring_conversions_and_specs_cannot_reach_attributes(sandbox: ScriptSandbox) -> None:
    assert sandbox.check("f'{x!r} {x!s} {x!a} {x:>{w}}'", "eval") == []
    assert sandbox.check("f'{x:{y.__class__}}'", "eval")[0].code == "private_attribute"
    assert sandbox.evaluate("f'{x!r:>6}'", {"x": "ab"}) == "  'ab'"


def test_error_text_is_indonesian_then_english(sandbox: ScriptSandbox) -> None:
    with pytest.raises(ScriptRejected) as caught:
        sandbox.evaluate("open('f')", {})
    error = caught.value
    assert str(error) == f"{error.message_id} ({error.message_en})"
    assert error.line == 1
    assert isinstance(error.violations[0], Violation)


def test_check_never_runs_code(sandbox: ScriptSandbox) -> None:
    assert sandbox.check("while True: pass", "exec") == []
    assert sandbox.check("1 / 0", "eval") == []


def test_mode_is_validated(sandbox: ScriptSandbox) -> None:
    with pytest.raises(ValueError):
        sandbox.check("1", "single")  # type: ignore[arg-type]
