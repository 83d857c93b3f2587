"""Server side of the worker processes: spawn, talk with a deadline, kill, replace.

A `WorkerPool` holds `limits.workers` slots in a queue; a thread takes a slot for one call, so a
worker only ever serves one request at a time and several threads run scripts in parallel.
The parent enforces the wall-clock limit: it waits for the reply with poll() up to the deadline,
then SIGKILLs the worker and puts a freshly spawned one in its slot. A worker that dies, sends a
frame that is too large or malformed, or hits its memory limit is replaced the same way; one
that served `max_calls_per_worker` calls is recycled. Replies are parsed as JSON only.
"""

from __future__ import annotations

import json
import os
import queue
import select
import signal
import subprocess
import sys
import sysconfig
import threading
import time
import weakref
from pathlib import Path
from typing import Any

from .codec import HEADER, CodecError, frame, loads
from .errors import ScriptError, ScriptLimitExceeded
from .helpers import helper_modules
from .limits import STARTUP_TIMEOUT_SECONDS, SandboxLimits

# The directory holding the `engine` package: the repo in a checkout or an editable install,
# site-packages in a regular install. Put first on the worker's path, so the worker always runs
# this very copy of the code, however Lintas was installed.
_ROOT = str(Path(__file__).resolve().parents[2])
_BOOTSTRAP = "import sys; sys.path[:0] = {paths!r}; from engine.sandbox.worker import main; main()"
_CLOSED = ("Sandbox skrip sudah ditutup", "The script sandbox is closed")
_REPLY_SLACK = 64 * 1024  # room for the envelope around max_value_bytes of values


class _Timeout(Exception):
    pass


class _Died(Exception):
    pass


def worker_command(limits: SandboxLimits) -> list[str]:
    """`python -I -S`: no environment variables, no user site, no .pth files run at start."""
    paths = [_ROOT] + sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    config = {
        "memory_mb": limits.memory_mb,
        "timeout_seconds": limits.timeout_seconds,
        "max_value_bytes": limits.max_value_bytes,
        "max_reply_bytes": limits.max_value_bytes + _REPLY_SLACK,
        "max_request_bytes": limits.max_value_bytes + 8 * limits.max_source_chars + _REPLY_SLACK,
        "helper_modules": list(helper_modules()),
    }
    return [sys.executable, "-I", "-S", "-c", _BOOTSTRAP.format(paths=paths), json.dumps(config)]


class WorkerProcess:
    """One worker child process and its two protocol pipes."""

    def __init__(self, command: list[str]) -> None:
        # env={}: no database URL or secret key ever reaches a worker; new session: a Ctrl-C
        # aimed at the server's process group does not interrupt scripts mid-call.
        self._proc = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            cwd="/", env={}, close_fds=True, start_new_session=True,
        )  # fmt: skip
        assert self._proc.stdin and self._proc.stdout
        self._out, self._in = self._proc.stdin.fileno(), self._proc.stdout.fileno()
        os.set_blocking(self._out, False)
        self._poll_in, self._poll_out = select.poll(), select.poll()
        self._poll_in.register(self._in, select.POLLIN)
        self._poll_out.register(self._out, select.POLLOUT)
        self.pid = self._proc.pid
        self.calls = 0
        self.report: dict[str, Any] | None = None
        self.stopped = False  # killed on purpose (sandbox closing), not by a failure

    def call(self, request: bytes, timeout: float, max_reply: int) -> dict[str, Any]:
        """Send one request, wait for its reply; on any failure the worker is dead on return."""
        if self.report is None:
            self._await_ready()
        deadline = time.monotonic() + timeout
        try:
            self._write_all(frame(request), deadline)
            reply = self._read_frame(deadline, max_reply)
        except _Timeout:
            self.kill()
            raise ScriptLimitExceeded("time", f"{timeout:g} detik", f"{timeout:g} s") from None
        except _Died:
            raise self._death_error() from None
        self.calls += 1
        if not isinstance(reply, dict):
            self.kill()
            raise ScriptError("Balasan pekerja skrip rusak", "Malformed reply from the script worker")
        return reply

    def _await_ready(self) -> None:
        try:
            hello = self._read_frame(time.monotonic() + STARTUP_TIMEOUT_SECONDS, 65536)
        except (_Timeout, _Died):
            detail = self._stderr_tail()
            self.kill()
            raise ScriptError(
                f"Pekerja skrip gagal dimulai: {detail}", f"Script worker failed to start: {detail}"
            ) from None
        if not (isinstance(hello, dict) and hello.get("ready") is True):
            self.kill()
            raise ScriptError("Pekerja skrip gagal dimulai", "Script worker failed to start")
        self.report = hello
        assert self._proc.stderr
        self._proc.stderr.close()  # the worker silenced its stderr before saying ready

    def _stderr_tail(self) -> str:
        try:
            self._proc.kill()
            self._proc.wait()  # dead, so reading stderr to EOF cannot block
            assert self._proc.stderr
            return self._proc.stderr.read()[-1000:].decode("utf-8", "replace").strip() or "?"
        except (OSError, ValueError):
            return "?"

    def _write_all(self, data: bytes, deadline: float) -> None:
        view = memoryview(data)
        while view:
            self._wait(self._poll_out, deadline)
            try:
                view = view[os.write(self._out, view) :]
            except BlockingIOError:
                continue
            except OSError:  # EPIPE: the worker is gone
                raise _Died() from None

    def _read_frame(self, deadline: float, max_size: int) -> Any:
        (length,) = HEADER.unpack(self._read_exact(HEADER.size, deadline))
        if length > max_size:
            self.kill()
            raise ScriptLimitExceeded("size", f"balasan {length:,} byte", f"reply of {length:,} bytes")
        try:
            return loads(self._read_exact(length, deadline))
        except CodecError:
            self.kill()
            raise ScriptError("Balasan pekerja skrip rusak", "Malformed reply from the script worker") from None

    def _read_exact(self, size: int, deadline: float) -> bytes:
        chunks: list[bytes] = []
        while size:
            self._wait(self._poll_in, deadline)
            try:
                chunk = os.read(self._in, min(size, 1 << 20))
            except OSError:
                raise _Died() from None
            if not chunk:
                raise _Died()
            chunks.append(chunk)
            size -= len(chunk)
        return b"".join(chunks)

    @staticmethod
    def _wait(poller: select.poll, deadline: float) -> None:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not poller.poll(remaining * 1000):
            raise _Timeout()

    def _death_error(self) -> ScriptError:
        was_stopped = self.stopped
        code = self.kill()
        if was_stopped:
            return ScriptError(*_CLOSED)
        if code == -signal.SIGXCPU:
            return ScriptLimitExceeded("time", "batas CPU", "CPU limit")
        if code == -signal.SIGKILL:  # nobody but the kernel's OOM killer sends it
            return ScriptLimitExceeded("memory", "proses dihentikan", "process killed")
        return ScriptError(
            f"Pekerja skrip berhenti tak terduga (kode {code})",
            f"The script worker stopped unexpectedly (exit code {code})",
        )

    @property
    def alive(self) -> bool:
        return self._proc.poll() is None

    def stop(self) -> None:
        """SIGKILL only; the thread using this worker sees EOF, then reaps and closes the pipes.

        Closing pipes under a thread that is reading them could make it read a reused fd.
        """
        self.stopped = True
        if self._proc.poll() is None:
            try:
                self._proc.kill()
            except ProcessLookupError:
                pass

    def kill(self) -> int | None:
        """SIGKILL (if still running), reap, close pipes; returns the exit code."""
        self.stop()
        code = self._proc.wait()
        for pipe in (self._proc.stdin, self._proc.stdout, self._proc.stderr):
            try:
                if pipe is not None:
                    pipe.close()
            except OSError:
                pass
        return code


def _kill_all(live: set[WorkerProcess]) -> None:
    for worker in list(live):
        worker.kill()


class WorkerPool:
    """A fixed number of worker slots shared by all threads of the server process."""

    def __init__(self, limits: SandboxLimits) -> None:
        self._limits = limits
        self._slots: queue.SimpleQueue[WorkerProcess | None] = queue.SimpleQueue()
        for _ in range(limits.workers):
            self._slots.put(None)  # spawned on first use: constructing a sandbox starts nothing
        self._lock = threading.Lock()
        self._closed = False
        self._live: set[WorkerProcess] = set()
        self.spawned = 0
        self.last_report: dict[str, Any] | None = None
        self._finalizer = weakref.finalize(self, _kill_all, self._live)

    def call(self, request: bytes) -> dict[str, Any]:
        worker = self._acquire()
        healthy = False
        try:
            reply = worker.call(request, self._limits.timeout_seconds, self._limits.max_value_bytes + _REPLY_SLACK)
            self.last_report = worker.report
            healthy = reply.get("kind") != "memory"  # after MemoryError, start afresh
            return reply
        finally:
            self._release(worker, healthy)

    def _acquire(self) -> WorkerProcess:
        worker = self._slots.get()
        if self._closed:
            self._slots.put(worker)  # wake the next waiter too
            raise ScriptError(*_CLOSED)
        if worker is not None and not worker.alive:
            # Died while idle (OOM killer, an operator): nothing was sent, so replace it quietly.
            self._forget(worker)
            worker = None
        return worker if worker is not None else self._spawn()

    def _forget(self, worker: WorkerProcess) -> None:
        worker.kill()
        with self._lock:
            self._live.discard(worker)

    def _spawn(self) -> WorkerProcess:
        try:
            worker = WorkerProcess(worker_command(self._limits))
        except OSError as error:
            self._slots.put(None)
            raise ScriptError("Pekerja skrip gagal dimulai", f"Script worker failed to start: {error}") from None
        with self._lock:
            self.spawned += 1
            self._live.add(worker)
        return worker

    def _release(self, worker: WorkerProcess, healthy: bool) -> None:
        with self._lock:  # checked and put together, so close() never misses a returned worker
            if not self._closed and healthy and worker.calls < self._limits.max_calls_per_worker:
                self._slots.put(worker)
                return
        self._forget(worker)
        if self._closed:
            self._slots.put(None)
            return
        try:
            # Spawn the replacement now so it boots while nobody waits for it.
            self._slots.put(self._spawn())
        except ScriptError:
            pass  # _spawn already returned the slot empty; the next call retries

    def close(self) -> None:
        with self._lock:
            self._closed = True
            busy = list(self._live)
        while True:
            try:
                worker = self._slots.get_nowait()
            except queue.Empty:
                break
            if worker is not None:
                self._forget(worker)
        for worker in busy:
            worker.stop()  # in use by another thread, which reaps it on release
        for _ in range(self._limits.workers):
            self._slots.put(None)
