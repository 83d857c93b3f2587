"""`ScriptSandbox`: the one object the engine uses to check, evaluate and execute designer code.

Flow of a call: length check and cached `prepare` (policy + compile) -> ScriptRejected on any
violation -> fast path in process for provably cheap expressions (see fastpath.py) -> otherwise
encode only the variables the source mentions, run it in a pooled worker process under a
wall-clock limit, and decode the reply. Replies are untrusted data: every field is checked before
it becomes a result or an error. Safe to share between threads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Literal

from .codec import CodecError, dumps, from_wire, to_wire
from .compiler import Prepared, prepare
from .errors import ScriptError, ScriptLimitExceeded, ScriptRejected, ScriptRuntimeError, Violation
from .fastpath import run_fast
from .limits import MAX_MESSAGE_CHARS, SandboxLimits
from .messages import violation
from .pool import WorkerPool
from .runtime import describe_exception


@dataclass(frozen=True)
class ScriptResult:
    """What `execute` changed: new or changed variables with final values, and deleted names."""

    updated: dict[str, Any]
    deleted: frozenset[str]


_SUPPORTED = "str, int, float, bool, None, list, dict, tuple, set, date, datetime, time, timedelta, Decimal"
_MALFORMED = ("Balasan pekerja skrip rusak", "Malformed reply from the script worker")


class ScriptSandbox:
    """Runs BPMN script tasks and expressions under the Lintas script policy."""

    def __init__(self, limits: SandboxLimits | None = None) -> None:
        self.limits = limits or SandboxLimits()
        self._pool = WorkerPool(self.limits)

    def __enter__(self) -> ScriptSandbox:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop the worker processes; later evaluations that need a worker raise ScriptError."""
        self._pool.close()

    def check(self, source: str, mode: Literal["exec", "eval"]) -> list[Violation]:
        """Static check only (never runs code); syntax errors are violations with code "syntax"."""
        return list(self._prepare(source, mode).violations)

    def evaluate(self, expression: str, variables: Mapping[str, Any], *, now: datetime | None = None) -> Any:
        """Value of an expression (a gateway condition, an assignee expression, ...)."""
        prepared = self._checked(expression, "eval")
        _check_now(now)
        if prepared.fast and prepared.code is not None:
            try:
                return run_fast(prepared.code, prepared.names, variables)
            except Exception as error:  # noqa: BLE001 - every failure maps to a ScriptError
                raise self._error(describe_exception(error)) from None
        reply = self._run("eval", expression, prepared, variables, now)
        try:
            return from_wire(reply["value"])
        except (KeyError, CodecError):
            raise ScriptError(*_MALFORMED) from None

    def execute(self, script: str, variables: Mapping[str, Any], *, now: datetime | None = None) -> ScriptResult:
        """Run a script task; returns the variables it assigned, mutated or deleted."""
        prepared = self._checked(script, "exec")
        _check_now(now)
        reply = self._run("exec", script, prepared, variables, now)
        try:
            if type(reply["updated"]) is not dict or type(reply["deleted"]) is not list:
                raise ValueError("reply fields of the wrong type")
            updated = {_name(name): from_wire(value) for name, value in reply["updated"].items()}
            deleted = frozenset(_name(name) for name in reply["deleted"])
        except (KeyError, AttributeError, TypeError, ValueError, CodecError):
            raise ScriptError(*_MALFORMED) from None
        return ScriptResult(updated=updated, deleted=deleted)

    def _prepare(self, source: str, mode: Literal["exec", "eval"]) -> Prepared:
        if not isinstance(source, str):
            raise TypeError("source must be a str")
        if len(source) > self.limits.max_source_chars:
            return Prepared((violation("too_long", 1, 0, length=len(source), maximum=self.limits.max_source_chars),))
        return prepare(source, mode)

    def _checked(self, source: str, mode: Literal["exec", "eval"]) -> Prepared:
        prepared = self._prepare(source, mode)
        if prepared.violations:
            raise ScriptRejected(list(prepared.violations))
        return prepared

    def _run(
        self, op: str, source: str, prepared: Prepared, variables: Mapping[str, Any], now: datetime | None
    ) -> dict[str, Any]:
        wire_vars = {}
        for name in sorted(prepared.names):  # only what the source mentions crosses over
            if name in variables:
                try:
                    wire_vars[name] = to_wire(variables[name])
                except CodecError as error:
                    raise self._error(describe_exception(error.at(name))) from None
        try:
            encoded = dumps(wire_vars)
        except CodecError as error:
            raise self._error(describe_exception(error)) from None
        if len(encoded) > self.limits.max_value_bytes:
            size = f"{len(encoded):,} > {self.limits.max_value_bytes:,}"
            raise ScriptLimitExceeded("size", f"variabel {size} byte", f"variables {size} bytes")
        header = dumps({"op": op, "src": source, "now": to_wire(now or datetime.now(UTC))})
        reply = self._pool.call(b'{"vars":' + encoded + b"," + header[1:])
        if reply.get("ok") is not True:
            raise self._error(reply)
        return reply

    def _error(self, reply: Mapping[str, Any]) -> ScriptError:
        """Turn a reply dict (from a worker or the fast path) into the matching ScriptError."""
        kind = reply.get("kind")
        line = reply.get("line")
        line = line if type(line) is int else None
        if kind == "runtime":
            return ScriptRuntimeError(_text(reply.get("exc")) or "Error", _text(reply.get("msg")), line)
        if kind == "type":
            where = _text(reply.get("path"))
            supported = _SUPPORTED
            return ScriptRuntimeError(
                "TypeError",
                f"nilai {where or 'hasil'} tidak dapat disimpan ({_text(reply.get('msg'))}); "
                f"tipe yang didukung: {supported}",
                line,
                detail_en=f"value {where or 'result'} cannot be stored ({_text(reply.get('msg'))}); "
                f"supported types: {supported}",
            )
        if kind == "memory":
            mb = self.limits.memory_mb
            return ScriptLimitExceeded("memory", f"{mb} MB", f"{mb} MB", line)
        if kind in ("time", "size"):
            return ScriptLimitExceeded(kind, _text(reply.get("id")), _text(reply.get("en")), line)
        return ScriptError(*_MALFORMED)


def _check_now(now: datetime | None) -> None:
    if now is not None and not isinstance(now, datetime):
        raise TypeError("now must be a datetime")


def _text(value: Any) -> str:
    text = value if isinstance(value, str) else ""
    return text[:MAX_MESSAGE_CHARS]


def _name(name: Any) -> str:
    # Names come from an untrusted process: only identifiers a script could have bound.
    if not isinstance(name, str) or not name.isidentifier() or name.startswith("_"):
        raise ValueError("bad variable name in reply")
    return name
