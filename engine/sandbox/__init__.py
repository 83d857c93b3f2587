"""Restricted environment for BPMN script tasks and gateway/assignee expressions.

Designer code is Python syntax under a static policy (policy.py), with only allow-listed
built-ins and registered helpers (helpers.py). Provably cheap expressions are evaluated in
process (fastpath.py); everything else runs in a pool of hardened worker processes (pool.py,
worker.py, hardening.py) that exchange tagged JSON, never pickle (codec.py).
Imports only the standard library.
"""

from __future__ import annotations

from .errors import (
    ScriptError,
    ScriptLimitExceeded,
    ScriptRejected,
    ScriptRuntimeError,
    Violation,
)
from .helpers import register_context_helper, register_helper
from .limits import SandboxLimits
from .sandbox import ScriptResult, ScriptSandbox

__all__ = [
    "SandboxLimits",
    "ScriptError",
    "ScriptLimitExceeded",
    "ScriptRejected",
    "ScriptResult",
    "ScriptRuntimeError",
    "ScriptSandbox",
    "Violation",
    "register_context_helper",
    "register_helper",
]
