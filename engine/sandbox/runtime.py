"""Runs one checked script or expression against decoded variables and describes the outcome.

Used inside the worker for every request, and by the server to describe fast-path failures, so
both paths report errors in the same shape: a plain dict ("reply") that `sandbox.py` turns into a
`ScriptError`. Replies are JSON data only, because they cross the process boundary.

What `execute` reports back: every name the script bound to a new object (new names and
reassignments) plus every variable it was given whose encoded value changed (in-place mutation
such as `items.append(3)`), and the given variables it deleted. Functions defined by the script
stay behind: they are code, not process data.
"""

from __future__ import annotations

import types
from datetime import datetime
from typing import Any

from .codec import CodecError, dumps, from_wire, to_wire
from .compiler import FILENAME, prepare
from .helpers import HelperContext, LimitSignal, build_globals
from .limits import MAX_MESSAGE_CHARS, MAX_VALUE_DEPTH

Reply = dict[str, Any]
_CODE_TYPES = (types.FunctionType, types.BuiltinFunctionType, types.MethodType, type, types.ModuleType)


def run_request(request: dict[str, Any]) -> Reply:
    """Run an {"op": "eval"|"exec", "src", "vars", "now"} request; never raises."""
    try:
        return _run(request)
    except BaseException as error:  # noqa: B036 - every failure must become a reply
        return describe_exception(error)


def _run(request: dict[str, Any]) -> Reply:
    mode = "eval" if request["op"] == "eval" else "exec"
    prepared = prepare(request["src"], mode)
    if prepared.code is None:
        return {"ok": False, "kind": "rejected", "exc": "", "msg": "", "line": None}
    now = from_wire(request["now"])
    if not isinstance(now, datetime):
        raise CodecError("format", "now must be a datetime")
    variables = {name: from_wire(value) for name, value in request["vars"].items()}
    namespace = build_globals(HelperContext(now))
    namespace.update(variables)
    if mode == "eval":
        value = eval(prepared.code, namespace)  # noqa: S307 - policed code, restricted builtins
        return {"ok": True, "value": to_wire(value)}
    before = {name: dumps(to_wire(value)) for name, value in variables.items()}
    initial = dict(namespace)
    exec(prepared.code, namespace)  # noqa: S102 - policed code, restricted builtins
    return {
        "ok": True,
        "updated": _changes(namespace, initial, before),
        "deleted": _deleted(namespace, before),
    }


def _changes(namespace: dict[str, Any], initial: dict[str, Any], before: dict[str, bytes]) -> dict[str, Any]:
    updated: dict[str, Any] = {}
    for name, value in namespace.items():
        if name == "__builtins__" or isinstance(value, _CODE_TYPES):
            continue
        try:
            if name in initial and initial[name] is value:
                if name not in before:
                    continue  # an untouched helper
                wire = to_wire(value)
                if dumps(wire) != before[name]:
                    updated[name] = wire
            else:
                updated[name] = to_wire(value)
        except CodecError as error:
            raise error.at(name) from None
    return updated


def _deleted(namespace: dict[str, Any], before: dict[str, bytes]) -> list[str]:
    return sorted(name for name in before if name not in namespace)


def _script_line(error: BaseException) -> int | None:
    """Line of the innermost script frame in the traceback (script functions included)."""
    line = None
    trace = error.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == FILENAME:
            line = trace.tb_lineno
        trace = trace.tb_next
    return line


def _text(error: BaseException) -> str:
    try:
        text = str(error)
    except Exception:  # a hostile __str__ or a repr too large to build
        text = "?"
    return text if len(text) <= MAX_MESSAGE_CHARS else text[:MAX_MESSAGE_CHARS] + "..."


def describe_exception(error: BaseException) -> Reply:
    """Turn any exception raised while running a script into a reply dict."""
    line = _script_line(error)
    if isinstance(error, LimitSignal):
        return {"ok": False, "kind": error.kind, "id": error.detail_id, "en": error.detail_en, "line": line}
    if isinstance(error, MemoryError):
        return {"ok": False, "kind": "memory", "id": "", "en": "", "line": line}
    if isinstance(error, CodecError):
        if error.kind == "type":
            return {"ok": False, "kind": "type", "path": error.path, "msg": error.detail, "line": line}
        where = f"{error.path}: " if error.path else ""
        if error.kind == "depth":
            text_id = f"{where}nilai bersarang lebih dari {MAX_VALUE_DEPTH} tingkat"
            text_en = f"{where}value nested deeper than {MAX_VALUE_DEPTH} levels"
            return {"ok": False, "kind": "size", "id": text_id, "en": text_en, "line": line}
        if error.kind == "size":
            text_id = f"{where}angka terlalu besar untuk disimpan"
            return {"ok": False, "kind": "size", "id": text_id, "en": where + error.detail, "line": line}
        return {"ok": False, "kind": "runtime", "exc": "ValueError", "msg": where + error.detail, "line": line}
    return {"ok": False, "kind": "runtime", "exc": type(error).__name__, "msg": _text(error), "line": line}
