"""SpiffWorkflow script engine that runs every script and condition in Lintas's sandbox.

SpiffWorkflow's own environment calls ``eval``/``exec`` in the server process; this one hands the
code to ``engine.sandbox`` and applies only the variables the script changed back to task data.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine
from SpiffWorkflow.bpmn.script_engine.python_environment import BasePythonScriptEngineEnvironment

from engine.sandbox import ScriptRejected, ScriptSandbox


class SandboxEnvironment(BasePythonScriptEngineEnvironment):
    def __init__(self, sandbox: ScriptSandbox, now: Callable[[], datetime]) -> None:
        super().__init__({})
        self._sandbox = sandbox
        self._now = now

    def evaluate(self, expression: str, context: dict[str, Any], external_context: Any = None) -> Any:
        variables = dict(external_context or {})
        variables.update(context)
        return self._sandbox.evaluate(expression, variables, now=self._now())

    def execute(self, script: str, context: dict[str, Any], external_context: Any = None) -> bool:
        external = dict(external_context or {})
        variables = dict(external)
        variables.update(context)
        result = self._sandbox.execute(script, variables, now=self._now())
        for name, value in result.updated.items():
            # Data objects are copied in and out by SpiffWorkflow itself; do not leak them into task data.
            if name in external and name not in context:
                continue
            context[name] = value
        for name in result.deleted:
            context.pop(name, None)
        return True

    def call_service(self, context: dict[str, Any], **kwargs: Any) -> Any:
        operation = kwargs.get("operation_name") or kwargs.get("operator_identifier") or "?"
        raise NotImplementedError(
            f"layanan '{operation}' belum memiliki konektor (service '{operation}' has no connector)"
        )


class SandboxScriptEngine(PythonScriptEngine):
    """Also the instance's view of time: timers ask it for ``now()`` and the tenant's working calendar."""

    def __init__(self, sandbox: ScriptSandbox, now: Callable[[], datetime], calendar: Any = None) -> None:
        super().__init__(environment=SandboxEnvironment(sandbox, now))
        self._sandbox = sandbox
        self.now = now
        self.calendar = calendar

    def validate(self, expression: str) -> None:
        violations = self._sandbox.check(expression, "eval")
        if any(v.code == "syntax" for v in violations):
            # SpiffWorkflow's DMN engine probes unary tests such as ">= 6" with validate() and expects
            # SyntaxError when the text needs the input expression in front of it.
            raise SyntaxError(violations[0].message_en)
        if violations:
            raise ScriptRejected(violations)
