"""Resource limits of the script sandbox and the fixed caps the runtime enforces.

`SandboxLimits` is the one knob a caller turns; the module constants are caps that are part of
the policy itself (a designer's script never needs more) and are shared by the parent process
and the worker so both sides agree on them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SandboxLimits:
    """Per-sandbox limits; the defaults suit a clerk's request in the web process."""

    timeout_seconds: float = 2.0  # wall clock per call, enforced by the parent (kill + respawn)
    memory_mb: int = 256  # RLIMIT_AS of the worker process
    max_source_chars: int = 20_000
    max_value_bytes: int = 2_000_000  # encoded size of variables in / results out
    workers: int = 2  # size of the worker process pool
    max_calls_per_worker: int = 5_000  # recycle a worker after this many calls

    def __post_init__(self) -> None:
        # Fail at construction, not at the first script, when settings are nonsense.
        if self.timeout_seconds <= 0:
            raise ValueError("timeout_seconds must be positive")
        if self.memory_mb < 64:
            raise ValueError("memory_mb below 64 cannot start a Python worker")
        if self.max_source_chars <= 0 or self.max_value_bytes <= 0:
            raise ValueError("max_source_chars and max_value_bytes must be positive")
        if self.workers < 1 or self.max_calls_per_worker < 1:
            raise ValueError("workers and max_calls_per_worker must be at least 1")


# range() refuses to describe more items than this; list(range(10**12)) must not even start.
MAX_RANGE_ITEMS = 1_000_000

# int ** int refuses results wider than this many bits (about 300,000 decimal digits).
MAX_POW_BITS = 1_000_000

# Deepest AST nesting accepted; keeps every recursive walk (ours and CPython's) far from the
# interpreter's recursion limit.
MAX_AST_DEPTH = 100

# Deepest nesting of a value crossing the process boundary (also stops self-referencing lists).
MAX_VALUE_DEPTH = 64

# Longest exception text carried back from a worker; the rest is cut.
MAX_MESSAGE_CHARS = 500

# Seconds a freshly spawned worker may take to import and harden itself before it is "ready".
STARTUP_TIMEOUT_SECONDS = 15.0
