"""Locks a freshly started worker process down before it serves any script.

Always (any user): resource limits - address space (memory_mb), CPU time as a backstop for an
orphaned worker, no file writes (RLIMIT_FSIZE 0), no new descriptors, no core dumps, no child
processes - plus PR_SET_NO_NEW_PRIVS and a non-dumpable process (no ptrace between workers).
As root (CI, containers), best effort: a private, empty network namespace, a chroot into an empty
directory that is already deleted (nothing can be created in it, nothing is left behind), and
uid/gid 65534 (nobody). Each step that the platform refuses is reported, never fatal: the static
policy and the restricted namespace remain the first line of defence.

Every import the worker will ever need must be done before `apply()`: after the chroot there is
no file system to import from.
"""

from __future__ import annotations

import ctypes
import math
import os
import resource
import tempfile

CLONE_NEWNET = 0x40000000
PR_SET_DUMPABLE = 4
PR_SET_NO_NEW_PRIVS = 38
NOBODY = 65534


def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def _set_limit(which: int, value: int) -> bool:
    try:
        _soft, hard = resource.getrlimit(which)
        if hard != resource.RLIM_INFINITY and hard < value:
            value = hard  # can only lower; keep the stricter existing ceiling
        resource.setrlimit(which, (value, value))
        return True
    except (OSError, ValueError):
        return False


def _unshare_network(libc: ctypes.CDLL | None) -> bool:
    return libc is not None and libc.unshare(CLONE_NEWNET) == 0


def _chroot_empty() -> bool:
    try:
        empty = tempfile.mkdtemp(prefix="lintas-sandbox-")
        os.chdir(empty)
        os.rmdir(empty)  # still our cwd; deleted, so it stays empty and leaves nothing behind
        os.chroot(".")
        os.chdir("/")
        return True
    except OSError:
        return False


def _drop_privileges() -> bool:
    try:
        os.setgroups([])
        os.setgid(NOBODY)
        os.setuid(NOBODY)
    except OSError:
        return False
    return os.getuid() == NOBODY and os.geteuid() == NOBODY


def apply(memory_mb: int, timeout_seconds: float) -> dict[str, bool]:
    """Harden the current process; returns which measures took effect (for diagnostics/tests)."""
    libc = _libc()
    report: dict[str, bool] = {"root": os.geteuid() == 0}
    if libc is not None:
        report["no_new_privs"] = libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0
        libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    if report["root"]:
        report["network_namespace"] = _unshare_network(libc)
        report["chroot"] = _chroot_empty()
        report["nobody"] = _drop_privileges()
    report["memory"] = _set_limit(resource.RLIMIT_AS, memory_mb * 1024 * 1024)
    report["file_size"] = _set_limit(resource.RLIMIT_FSIZE, 0)
    report["core"] = _set_limit(resource.RLIMIT_CORE, 0)
    report["processes"] = _set_limit(resource.RLIMIT_NPROC, 0)
    # 3: fds 0-2 are always open, so no new descriptor can be made, yet dup2() onto 0-2 still
    # works (it needs newfd < limit). Pipes already open keep working whatever their number.
    report["files"] = _set_limit(resource.RLIMIT_NOFILE, 3)
    arm_cpu_limit(timeout_seconds)
    return report


def arm_cpu_limit(timeout_seconds: float) -> None:
    """Let the next call use at most about `timeout_seconds` more CPU before SIGXCPU.

    The parent's wall-clock kill is the real limit; this only stops a worker whose parent died
    mid-script. RLIMIT_CPU counts the process lifetime, so the soft limit moves with each call.
    """
    usage = resource.getrusage(resource.RUSAGE_SELF)
    soft = math.ceil(usage.ru_utime + usage.ru_stime + timeout_seconds) + 2
    try:
        _old_soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
    except (OSError, ValueError):
        pass
