"""The in-process fast path: which expressions take it, and that it behaves like the worker path."""

from __future__ import annotations

import pytest

from engine.sandbox import ScriptRuntimeError, ScriptSandbox
from engine.sandbox.compiler import prepare

FAST = [
    "counter < limit",
    'keputusan == "setuju" and not arsip',
    'status in ("baru", "proses")',
    "len(items) > 0",
    "data['jumlah'] >= 10 or data[kunci] is None",
    "-x + y - 3 if x else abs(y)",
    "max(a, b) == min(c, 5) != int('3')",
    "{'a': [1, 2], 'b': {3}}",
    "str(nomor) + '/2026'",
    "float(nilai) <= 99.5",
]
SLOW = [
    "x * 2",
    "x ** 2",
    "x % 2",
    "x / 2",
    "[i for i in items]",
    "items.count(1)",
    "today()",
    "sum(items)",
    "items[1:]",
    "items[i + 1]",
    "len(*items)",
    "max(items, key=len)",
    "{**d}",
    "[*items]",
    "~x",
    "x + x + x + x + x + x",
    "date == x",
    "len == x",
    " and ".join(["x"] * 40),
]


@pytest.mark.parametrize("expression", FAST)
def test_cheap_expressions_take_the_fast_path(expression: str) -> None:
    assert prepare(expression, "eval").fast


@pytest.mark.parametrize("expression", SLOW)
def test_other_expressions_go_to_a_worker(expression: str) -> None:
    prepared = prepare(expression, "eval")
    assert not prepared.violations
    assert not prepared.fast


def test_scripts_never_take_the_fast_path() -> None:
    assert not prepare("counter < limit", "exec").fast


def test_fast_path_needs_no_worker() -> None:
    box = ScriptSandbox()
    box.close()  # no worker can ever run now; fast expressions still evaluate
    assert box.evaluate("counter < limit", {"counter": 1, "limit": 3}) is True
    assert box.evaluate('keputusan == "setuju" and not arsip', {"keputusan": "setuju", "arsip": False}) is True
    assert box._pool.spawned == 0
    with pytest.raises(Exception, match="ditutup"):
        box.evaluate("x * 2", {"x": 1})


def test_fast_path_errors_match_the_worker_path(sandbox: ScriptSandbox) -> None:
    with pytest.raises(ScriptRuntimeError) as fast:
        sandbox.evaluate("hilang < 3", {})
    with pytest.raises(ScriptRuntimeError) as slow:
        sandbox.evaluate("hilang * 3", {})
    assert fast.value.exc_type == slow.value.exc_type == "NameError"
    assert fast.value.line == slow.value.line == 1
    with pytest.raises(ScriptRuntimeError, match="TypeError"):
        sandbox.evaluate("a < b", {"a": 1, "b": "x"})


def test_fast_path_refuses_the_same_value_types(sandbox: ScriptSandbox) -> None:
    with pytest.raises(ScriptRuntimeError, match="bytes"):
        sandbox.evaluate("x == 1", {"x": b"1"})
    with pytest.raises(ScriptRuntimeError, match="bytes"):
        sandbox.evaluate("x * 1", {"x": b"1"})


def test_fast_path_returns_copies_not_the_callers_data(sandbox: ScriptSandbox) -> None:
    items = [1, 2]
    result = sandbox.evaluate("items", {"items": items})
    assert result == items and result is not items


def test_variables_shadow_builtins_on_both_paths(sandbox: ScriptSandbox) -> None:
    with pytest.raises(ScriptRuntimeError, match="not callable"):
        sandbox.evaluate("len(x)", {"len": 3, "x": []})
    with pytest.raises(ScriptRuntimeError, match="not callable"):
        sandbox.evaluate("len(x) * 1", {"len": 3, "x": []})
