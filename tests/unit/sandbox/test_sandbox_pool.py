"""Worker processes: limits, recovery after any failure, recycling, concurrency, isolation."""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import engine.sandbox.pool as pool_module
from engine.sandbox import (
    SandboxLimits,
    ScriptError,
    ScriptLimitExceeded,
    ScriptRuntimeError,
    ScriptSandbox,
)


@pytest.fixture
def single() -> Iterator[ScriptSandbox]:
    with ScriptSandbox(SandboxLimits(workers=1, timeout_seconds=5.0)) as box:
        yield box


def _worker_pid(box: ScriptSandbox) -> int:
    box.evaluate("sum([])", {})
    report = box._pool.last_report
    assert report is not None
    return int(report["pid"])


def test_timeout_kills_and_replaces_the_worker() -> None:
    with ScriptSandbox(SandboxLimits(workers=1, timeout_seconds=0.3)) as box:
        first = _worker_pid(box)
        with pytest.raises(ScriptLimitExceeded) as caught:
            box.execute("while True:\n    pass", {})
        assert caught.value.limit == "time"
        assert "0.3" in caught.value.message_en
        with pytest.raises(ProcessLookupError):
            os.kill(first, 0)  # killed and reaped
        assert _worker_pid(box) != first


def test_worker_that_died_idle_is_replaced_quietly(single: ScriptSandbox) -> None:
    first = _worker_pid(single)
    os.kill(first, signal.SIGKILL)
    deadline = time.monotonic() + 5
    while _state(first) != "Z" and time.monotonic() < deadline:
        time.sleep(0.005)  # until the kernel has finished it: only then did it die "while idle"
    assert single.evaluate("2 * 21", {}) == 42
    assert _worker_pid(single) != first


def _state(pid: int) -> str:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def _wait_busy(pid: int, baseline: int) -> None:
    deadline = time.monotonic() + 4
    while _cpu_ticks(pid) < baseline + 5 and time.monotonic() < deadline:
        time.sleep(0.01)  # until the worker is visibly running the script


@pytest.mark.parametrize(("signum", "error"), [(signal.SIGSEGV, ScriptError), (signal.SIGXCPU, ScriptLimitExceeded)])
def test_worker_dying_mid_call_becomes_a_script_error(
    single: ScriptSandbox, signum: int, error: type[ScriptError]
) -> None:
    pid = _worker_pid(single)
    baseline = _cpu_ticks(pid)
    thread, caught = _in_thread(lambda: single.execute("while True:\n    pass", {}))
    _wait_busy(pid, baseline)
    os.kill(pid, signum)
    thread.join(10)
    assert len(caught) == 1 and isinstance(caught[0], error)
    if signum == signal.SIGSEGV:
        assert not isinstance(caught[0], ScriptLimitExceeded)
        assert "unexpectedly" in caught[0].message_en
    assert single.evaluate("sum([1, 1])", {}) == 2


def test_workers_are_recycled_after_max_calls() -> None:
    with ScriptSandbox(SandboxLimits(workers=1, max_calls_per_worker=3)) as box:
        pids = [_worker_pid(box) for _ in range(7)]
        assert len(set(pids)) == 3
        assert [pids.count(pid) for pid in dict.fromkeys(pids)] == [3, 3, 1]
        assert box._pool.spawned == 3


def test_several_threads_at_once(sandbox: ScriptSandbox) -> None:
    errors: list[BaseException] = []

    def work(offset: int) -> None:
        try:
            for i in range(15):
                x = offset * 100 + i
                assert sandbox.evaluate("x * 2", {"x": x}) == 2 * x
                assert sandbox.evaluate("x < limit", {"x": x, "limit": 50}) is (x < 50)
                assert sandbox.execute("y = [x] * 2", {"x": x}).updated == {"y": [x, x]}
        except BaseException as exc:  # noqa: B036 - collected for the main thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []


def _in_thread(call: Callable[[], object]) -> tuple[threading.Thread, list[BaseException]]:
    caught: list[BaseException] = []

    def run() -> None:
        try:
            call()
        except BaseException as exc:  # noqa: B036 - handed to the main thread
            caught.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, caught


def test_slow_script_does_not_block_other_workers() -> None:
    with ScriptSandbox(SandboxLimits(workers=2, timeout_seconds=0.5)) as box:
        box.evaluate("sum([])", {})
        slow, caught = _in_thread(lambda: box.execute("while True: pass", {}))
        assert [box.evaluate("x * 3", {"x": n}) for n in range(5)] == [0, 3, 6, 9, 12]
        slow.join(5)
        assert len(caught) == 1 and isinstance(caught[0], ScriptLimitExceeded)


def test_close_during_a_call_ends_it_cleanly(single: ScriptSandbox) -> None:
    pid = _worker_pid(single)
    baseline = _cpu_ticks(pid)
    busy, caught = _in_thread(lambda: single.execute("while True:\n    pass", {}))
    _wait_busy(pid, baseline)
    single.close()
    busy.join(5)
    assert len(caught) == 1 and type(caught[0]) is ScriptError
    assert "closed" in caught[0].message_en
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_variables_over_the_size_limit_are_not_sent() -> None:
    with ScriptSandbox(SandboxLimits(max_value_bytes=1000)) as box:
        with pytest.raises(ScriptLimitExceeded) as caught:
            box.execute("y = x", {"x": "a" * 2000})
        assert caught.value.limit == "size"
        assert box._pool.spawned == 0
        assert box.execute("y = x * 2", {"x": "a" * 10}).updated == {"y": "a" * 20}


def test_only_referenced_variables_are_sent(single: ScriptSandbox) -> None:
    # An unencodable variable the script never mentions does not matter.
    result = single.execute("b = a + 1", {"a": 1, "tidak_dipakai": object()})
    assert result.updated == {"b": 2}


def test_close_stops_workers(single: ScriptSandbox) -> None:
    pid = _worker_pid(single)
    single.close()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    with pytest.raises(ScriptError, match="closed"):
        single.evaluate("x * 2", {"x": 1})


def test_worker_is_hardened() -> None:
    with ScriptSandbox(SandboxLimits(workers=1)) as box:
        box.evaluate("sum([])", {})
        report = box._pool.last_report
        assert report is not None
        hardening = report["hardening"]
        assert hardening["memory"] and hardening["file_size"] and hardening["files"]
        if os.geteuid() == 0:
            assert hardening["chroot"] and hardening["nobody"]
            status = Path(f"/proc/{report['pid']}/status").read_text()
            assert "Uid:\t65534" in status
            assert Path(f"/proc/{report['pid']}/root").resolve() != Path("/")


def test_worker_command_is_isolated_and_self_locating() -> None:
    command = pool_module.worker_command(SandboxLimits())
    assert command[:4] == [sys.executable, "-I", "-S", "-c"]
    root = Path(pool_module.__file__).resolve().parents[2]
    assert repr(str(root)) in command[4]
    assert json.loads(command[5])["memory_mb"] == 256


FAKE_WORKER = """
import json, os, struct, sys
def send(data):
    os.write(1, struct.pack('>I', len(data)) + data)
def read(n):
    buf = b''
    while len(buf) < n:
        chunk = os.read(0, n - len(buf))
        if not chunk:
            sys.exit(0)
        buf += chunk
    return buf
send(json.dumps({"ready": True, "pid": os.getpid(), "hardening": {}}).encode())
while True:
    read(struct.unpack('>I', read(4))[0])
    reply = REPLY
    if isinstance(reply, int):
        os.write(1, struct.pack('>I', reply))
    else:
        send(reply)
"""


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        (2**31, ScriptLimitExceeded),  # announces a 2 GB reply
        (b"[" * 50_000, ScriptError),  # nesting bomb
        (b'{"ok": true, "value": ' + b"9" * 5000 + b"}", ScriptError),  # int past the digit limit
        (b'{"ok": true, "value": {"$t": "pickle", "v": "gASV"}}', ScriptError),
        (b'{"ok": true, "updated": {"__builtins__": 1}, "deleted": []}', ScriptError),
        (b'{"ok": true, "updated": {"a": 1}, "deleted": [3]}', ScriptError),
        (b'{"ok": false, "kind": "surprise"}', ScriptError),
        (b"[1, 2]", ScriptError),
    ],
)
def test_a_compromised_worker_cannot_attack_the_server(
    monkeypatch: pytest.MonkeyPatch, reply: bytes | int, error: type[ScriptError]
) -> None:
    code = FAKE_WORKER.replace("REPLY", repr(reply))
    monkeypatch.setattr(pool_module, "worker_command", lambda limits: [sys.executable, "-I", "-c", code])
    with ScriptSandbox(SandboxLimits(workers=1, timeout_seconds=2.0)) as box:
        with pytest.raises(error):
            box.execute("a = 1", {})


def test_long_worker_messages_are_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    reply = json.dumps({"ok": False, "kind": "runtime", "exc": "E" * 10_000, "msg": "m" * 10_000}).encode()
    code = FAKE_WORKER.replace("REPLY", repr(reply))
    monkeypatch.setattr(pool_module, "worker_command", lambda limits: [sys.executable, "-I", "-c", code])
    with ScriptSandbox(SandboxLimits(workers=1)) as box, pytest.raises(ScriptRuntimeError) as caught:
        box.evaluate("x * 2", {"x": 1})
    assert len(str(caught.value)) < 2_500


def test_broken_worker_start_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    failing = [sys.executable, "-I", "-c", "import sys; sys.stderr.write('rusak'); sys.exit(3)"]
    monkeypatch.setattr(pool_module, "worker_command", lambda limits: failing)
    with ScriptSandbox(SandboxLimits(workers=1)) as box, pytest.raises(ScriptError, match="rusak"):
        box.evaluate("x * 2", {"x": 1})
