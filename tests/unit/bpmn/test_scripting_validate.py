"""The script engine's validate() speaks SpiffWorkflow's contract: SyntaxError for text that is not Python."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from engine.bpmn.scripting import SandboxScriptEngine
from engine.sandbox import ScriptRejected, ScriptSandbox


def _engine(sandbox: ScriptSandbox) -> SandboxScriptEngine:
    return SandboxScriptEngine(sandbox, lambda: datetime(2026, 3, 17, tzinfo=UTC))


def test_unary_dmn_test_is_a_syntax_error(sandbox: ScriptSandbox) -> None:
    # SpiffWorkflow's DMN engine validates ">= 6" and, on SyntaxError, evaluates "x >= 6" instead.
    with pytest.raises(SyntaxError):
        _engine(sandbox).validate(">= 6")
    _engine(sandbox).validate("v >= 6")


def test_policy_violation_is_still_refused(sandbox: ScriptSandbox) -> None:
    with pytest.raises(ScriptRejected):
        _engine(sandbox).validate("open('/etc/passwd')")
