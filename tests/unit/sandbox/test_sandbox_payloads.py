"""Escape and exhaustion payloads: each is refused, and the sandbox keeps serving afterwards."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from engine.sandbox import (
    ScriptLimitExceeded,
    ScriptRejected,
    ScriptRuntimeError,
    ScriptSandbox,
)

Serving = Callable[[ScriptSandbox], None]

# (payload, mode, violation code expected from check())
STATIC_PAYLOADS = [
    ("__import__('os')", "eval", "private_name"),
    ("().__class__.__bases__[0].__subclasses__()", "eval", "private_attribute"),
    ("open('/etc/passwd')", "eval", "denied_name"),
    ("eval('1')", "eval", "denied_name"),
    ("exec('x=1')", "eval", "denied_name"),
    ("compile('1','x','eval')", "eval", "denied_name"),
    ("getattr(x, '__globals__')", "eval", "denied_name"),
    ("'{0.__class__}'.format(x)", "eval", "denied_attribute"),
    ("(i for i in []).gi_frame", "eval", "denied_attribute"),
    ("import os", "exec", "import"),
    ("from os import path", "exec", "import"),
    ("[].__class__", "eval", "private_attribute"),
    ("x.format_map({})", "eval", "denied_attribute"),
    ("class A: pass", "exec", "class"),
    ("f'{x.__class__}'", "eval", "private_attribute"),
    ("(lambda: 0).__globals__", "eval", "private_attribute"),
    ("str.mro()", "eval", "denied_attribute"),
    ("print('halo')", "eval", "denied_name"),
    ("type(x)", "eval", "denied_name"),
    ("try:\n    1 / 0\nexcept Exception as e:\n    t = e.__traceback__", "exec", "private_attribute"),
    ("g = (i for i in [1])\nc = g.gi_code", "exec", "denied_attribute"),
    ("match x:\n    case int(__class__=c):\n        pass", "exec", "private_attribute"),
    ("try:\n    pass\nexcept:\n    pass", "exec", "bare_except"),
    ("x = 1\ndef f():\n    global x\n    x = 2", "exec", "global"),
    ("def f():\n    yield 1", "exec", "yield"),
    ("async def f():\n    pass", "exec", "async"),
    ("x[0] **= 2", "exec", "power_assign"),
]


@pytest.mark.parametrize(("payload", "mode", "code"), STATIC_PAYLOADS)
def test_static_payload_is_refused(
    sandbox: ScriptSandbox, still_serving: Serving, payload: str, mode: str, code: str
) -> None:
    violations = sandbox.check(payload, mode)  # type: ignore[arg-type]
    assert code in {v.code for v in violations}
    assert all(v.line >= 1 and v.message_id and v.message_en for v in violations)
    with pytest.raises(ScriptRejected) as caught:
        if mode == "eval":
            sandbox.evaluate(payload, {"x": [1]})
        else:
            sandbox.execute(payload, {"x": [1]})
    assert caught.value.violations == violations
    still_serving(sandbox)


# (payload, mode, expected error class, expected limit kind or exception class name)
RUNTIME_PAYLOADS = [
    ("while True: pass", "exec", ScriptLimitExceeded, "time"),
    ("'a' * 10**10", "eval", ScriptLimitExceeded, "memory"),
    ("10**10**10", "eval", ScriptLimitExceeded, "size"),
    ("x = 10\nx **= 10**10", "exec", ScriptLimitExceeded, "size"),
    ("list(range(10**12))", "eval", ScriptLimitExceeded, "size"),
    ("try:\n    r = range(10**12)\nexcept Exception:\n    r = 0", "exec", ScriptLimitExceeded, "size"),
    ("def f(): return f()\nf()", "exec", ScriptRuntimeError, "RecursionError"),
    ("int('9' * 5000)", "eval", ScriptRuntimeError, "ValueError"),
    ("x = []\nwhile True:\n    x.append('a' * 10**6)", "exec", ScriptLimitExceeded, None),
    ("'a' * 3_000_000", "eval", ScriptLimitExceeded, "size"),
]


@pytest.mark.parametrize(("payload", "mode", "error", "kind"), RUNTIME_PAYLOADS)
def test_runtime_payload_is_stopped(
    sandbox: ScriptSandbox,
    still_serving: Serving,
    payload: str,
    mode: str,
    error: type[Exception],
    kind: str | None,
) -> None:
    assert sandbox.check(payload, mode) == []  # type: ignore[arg-type]
    with pytest.raises(error) as caught:
        if mode == "eval":
            sandbox.evaluate(payload, {})
        else:
            sandbox.execute(payload, {})
    if isinstance(caught.value, ScriptLimitExceeded) and kind is not None:
        assert caught.value.limit == kind
    if isinstance(caught.value, ScriptRuntimeError):
        assert caught.value.exc_type == kind
        assert caught.value.line is not None
    still_serving(sandbox)


def test_deeply_nested_source_is_refused_not_crashing(sandbox: ScriptSandbox, still_serving: Serving) -> None:
    source = "-" * 5000 + "1"
    codes = {v.code for v in sandbox.check(source, "eval")}
    assert codes and codes <= {"too_complex", "syntax"}
    assert [v.code for v in sandbox.check("[" * 150 + "]" * 150, "eval")] == ["too_complex"]
    with pytest.raises(ScriptRejected):
        sandbox.evaluate("[" * 150 + "]" * 150, {})
    still_serving(sandbox)


def test_self_referencing_result_is_a_size_error(sandbox: ScriptSandbox, still_serving: Serving) -> None:
    with pytest.raises(ScriptLimitExceeded) as caught:
        sandbox.execute("a = []\na.append(a)", {})
    assert caught.value.limit == "size"
    still_serving(sandbox)


def test_scripts_cannot_reach_the_real_builtins(sandbox: ScriptSandbox) -> None:
    for name in ("chr", "next", "iter", "pow", "repr"):
        with pytest.raises(ScriptRuntimeError, match="NameError"):
            sandbox.evaluate(f"{name}", {})
