"""Entry point of a worker process: harden, say "ready", then serve one request at a time.

Started by `pool.py` as `python -I -S -c <bootstrap> <config json>`. The protocol runs over
copies of the pipes the parent attached to stdin/stdout; fds 0, 1 and 2 are then pointed at
/dev/null, so nothing a script could ever trigger writes into the protocol stream.
Each message is a 4-byte length plus JSON (see codec.py). On EOF the worker exits quietly.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from typing import Any

from . import hardening
from .codec import HEADER, CodecError, dumps, frame, loads
from .runtime import describe_exception, run_request

_WARM_UP = (
    "x = [parse_date('2026-03-17'), parse_datetime('2026-03-17T08:00:00+07:00'), time(8), "
    "Decimal('1.5') * 2, timedelta(days=1), days_between('2026-01-01', today()), now()]\n"
    "y = datetime.strptime('17/03/2026', '%d/%m/%Y')\n"
    "z = sorted({'b': 1, 'a': 2}.items()) + list(range(3)) + [2 ** 8, f'{1.5:.2f}', 'a'.upper()]\n"
    "try:\n    1 / 0\nexcept ZeroDivisionError as e:\n    w = str(e)\n"
)


def _take_stdio() -> tuple[int, int]:
    """Move the protocol pipes off fds 0/1 and point 0/1 at /dev/null."""
    reader, writer = os.dup(0), os.dup(1)
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)
    sys.stdin = sys.stdout = None  # type: ignore[assignment]
    return reader, writer


def _silence_stderr(devnull: int) -> None:
    # stderr stays a pipe until "ready" so a failed start can be diagnosed by the parent.
    os.dup2(devnull, 2)
    os.close(devnull)
    sys.stderr = None  # type: ignore[assignment]


def _warm_up() -> None:
    """Run every code path once so lazy imports (e.g. _strptime) happen before the chroot."""
    from .codec import to_wire

    for op, src in (("exec", _WARM_UP), ("eval", "undefined_name"), ("eval", "10 ** 10 ** 10")):
        reply = run_request({"op": op, "src": src, "vars": {}, "now": to_wire(_sample_now())})
        dumps(reply)


def _sample_now() -> Any:
    from datetime import UTC, datetime

    return datetime(2026, 3, 17, 8, 0, tzinfo=UTC)


def _read_exact(fd: int, size: int) -> bytes | None:
    chunks: list[bytes] = []
    while size:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _reply_bytes(reply: dict[str, Any], config: dict[str, Any]) -> bytes:
    try:
        out = dumps(reply)
    except CodecError as error:  # e.g. an int beyond the int-to-str digit limit
        out = dumps(describe_exception(error))
    except MemoryError:
        out = b""
    if not out or len(out) > config["max_reply_bytes"]:
        limit = config["max_value_bytes"]
        text_id, text_en = f"hasil lebih dari {limit:,} byte", f"result larger than {limit:,} bytes"
        out = dumps({"ok": False, "kind": "size", "id": text_id, "en": text_en, "line": None})
    return out


def serve(reader: int, writer: int, config: dict[str, Any]) -> None:
    max_request = config["max_request_bytes"]
    while True:
        header = _read_exact(reader, HEADER.size)
        if header is None:
            return
        (length,) = HEADER.unpack(header)
        payload = _read_exact(reader, length) if length <= max_request else None
        if payload is None:
            return
        hardening.arm_cpu_limit(config["timeout_seconds"])
        try:
            request = loads(payload)
            reply = run_request(request)
        except MemoryError:  # even describing the failure ran out of memory
            reply = {"ok": False, "kind": "memory", "id": "", "en": "", "line": None}
        except CodecError:
            reply = {
                "ok": False,
                "kind": "runtime",
                "exc": "ProtocolError",
                "msg": "bad request",
                "line": None,
            }
        _write_all(writer, frame(_reply_bytes(reply, config)))


def main() -> None:
    config = json.loads(sys.argv[1])
    for module in config["helper_modules"]:
        importlib.import_module(module)
    reader, writer = _take_stdio()
    _warm_up()
    devnull = os.open(os.devnull, os.O_RDWR)  # before the chroot and RLIMIT_NOFILE take it away
    report = hardening.apply(config["memory_mb"], config["timeout_seconds"])
    _silence_stderr(devnull)
    _write_all(writer, frame(dumps({"ready": True, "pid": os.getpid(), "hardening": report})))
    serve(reader, writer, config)
