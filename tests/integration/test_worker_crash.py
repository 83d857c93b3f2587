"""Crash test with real processes on PostgreSQL: a worker killed mid-batch loses and repeats no timer.

1,000 instances wait on a timer that is already due on the real clock (they were started with the
injected clock an hour back), then run a script task ``tembak = tembak + 1`` and end. Three
``lintas worker`` processes (the installed console script) fire them; once some have fired, one
worker is SIGKILLed while its database session is inside a transaction, i.e. while it holds a
claimed batch. Its uncommitted batch must roll back when the connection drops and be fired by the
others, and nothing may fire twice: each instance completes with exactly one ``timer_fired`` audit
entry and ``tembak == 1``, each timer job row is ``done`` with no failed attempt, and every audit
chain verifies.

Needs LINTAS_TEST_DATABASE_URL; without it the test is skipped with a visible reason, or fails when
LINTAS_REQUIRE_POSTGRES is set (as CI does).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from engine.bootstrap import Lintas
from engine.persistence.models import AuditEntryRow, IncidentRow, InstanceRow, JobRow
from engine.sandbox import ScriptSandbox
from tests import bpmn_builder as b
from tests.conftest import PG_URL, FixedClock, make_lintas
from tests.integration.conftest import ORG, deploy

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

TIMERS = 1000
WORKERS = 3
KILL_AFTER_DONE = 100        # some timers have fired, most have not
DEADLINE_S = 120.0
VICTIM = "lintas-crash-victim"   # application_name of the killed worker's connection
LINTAS = Path(sys.executable).with_name("lintas")


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh schema in the test PostgreSQL database, dropped afterwards."""
    if not PG_URL:
        if os.environ.get("LINTAS_REQUIRE_POSTGRES"):
            pytest.fail("LINTAS_REQUIRE_POSTGRES is set but LINTAS_TEST_DATABASE_URL is not")
        pytest.skip("worker crash test needs PostgreSQL: set LINTAS_TEST_DATABASE_URL to run it")
    schema = f"t_crash_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def waiting_process(tmp_path: Path) -> Path:
    timer = ('<bpmn:intermediateCatchEvent id="jeda"><bpmn:timerEventDefinition>'
             '<bpmn:timeDuration>PT1M</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>')
    bpmn = b.process("tembak", b.start(), timer, b.script("catat", "tembak = tembak + 1"), b.end(),
                     b.flow("start", "jeda", "catat", "end"))
    return b.bundle(tmp_path, "tembak", bpmn)


def job_counts(app: Lintas) -> Counter[str]:
    with app.ctx.uow(write=False) as uow:
        return Counter(uow.jobs.counts())


def victim_in_transaction(app: Lintas) -> bool:
    """Whether the victim's session is inside a transaction now, i.e. holds a claimed batch."""
    with app.ctx.uow(write=False) as uow:
        return bool(uow.session.scalar(text(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = :name AND xact_start IS NOT NULL"
        ), {"name": VICTIM}))


def spawn_workers(url: str, tmp_path: Path) -> list[subprocess.Popen[bytes]]:
    procs = []
    for n in range(WORKERS):
        # The first worker's connections carry a name, so the test can see when it is mid-transaction.
        worker_url = f"{url}&application_name={VICTIM}" if n == 0 else url
        env = {**os.environ, "LINTAS_DATABASE_URL": worker_url, "LINTAS_INSTANCE_DIR": str(tmp_path / f"w{n}"),
               "LINTAS_SANDBOX_WORKERS": "1"}
        log = (tmp_path / f"worker{n}.log").open("wb")
        procs.append(subprocess.Popen([str(LINTAS), "worker", "--poll", "0.2", "--batch", "20"], env=env,
                                      stdout=log, stderr=subprocess.STDOUT))
        log.close()
    return procs


def logs(tmp_path: Path) -> str:
    return "\n".join(f"--- worker{n}.log (tail)\n" + "\n".join(
        (tmp_path / f"worker{n}.log").read_text(errors="replace").splitlines()[-15:]) for n in range(WORKERS))


def kill_victim_mid_batch(app: Lintas, victim: subprocess.Popen[bytes], tmp_path: Path) -> tuple[int, bool]:
    """SIGKILL the victim once KILL_AFTER_DONE timers are done, while it holds a batch if we can catch it so."""
    deadline = time.monotonic() + DEADLINE_S
    while job_counts(app)["done"] < KILL_AFTER_DONE:
        assert victim.poll() is None, f"the victim worker exited early\n{logs(tmp_path)}"
        assert time.monotonic() < deadline, f"no timer fired within {DEADLINE_S:.0f} s\n{logs(tmp_path)}"
        time.sleep(0.02)
    caught = False
    for _ in range(500):   # a worker with due jobs is inside a transaction almost all the time
        if victim_in_transaction(app):
            caught = True
            break
        time.sleep(0.002)
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=10)
    return job_counts(app)["done"], caught


def wait_until_none_pending(app: Lintas, tmp_path: Path) -> None:
    deadline = time.monotonic() + DEADLINE_S
    while (counts := job_counts(app))["pending"]:
        assert time.monotonic() < deadline, (
            f"timers still pending after {DEADLINE_S:.0f} s: {dict(counts)}\n{logs(tmp_path)}")
        time.sleep(0.1)


def problems(app: Lintas, ids: list[int]) -> list[str]:
    """Everything that contradicts "each timer fired exactly once", in words."""
    found = []
    with app.ctx.uow(write=False) as uow:
        s = uow.session
        status = dict(s.execute(select(InstanceRow.id, InstanceRow.status).where(InstanceRow.id.in_(ids))).all())
        fired = Counter(dict(s.execute(select(AuditEntryRow.instance_id, func.count())
                                       .where(AuditEntryRow.action == "timer_fired")
                                       .group_by(AuditEntryRow.instance_id)).all()))
        jobs = s.execute(select(JobRow.instance_id, JobRow.status, JobRow.attempts).where(JobRow.kind == "timer")).all()
        incidents = s.scalar(select(func.count()).select_from(IncidentRow)) or 0
    not_completed = sorted(i for i in ids if status.get(i) != "completed")
    never = sorted(i for i in ids if fired[i] == 0)
    twice = {i: fired[i] for i in ids if fired[i] > 1}
    if not_completed:
        found.append(f"{len(not_completed)} instances not completed: {not_completed[:20]}")
    if never:
        found.append(f"{len(never)} instances fired 0 times: {never[:20]}")
    if twice:
        found.append(f"{len(twice)} instances fired more than once (id: times): {dict(list(twice.items())[:20])}")
    per_instance = Counter(instance_id for instance_id, _, _ in jobs)
    bad_jobs = [(i, st, att) for i, st, att in jobs if st != "done" or att != 0]
    if bad_jobs or sorted(per_instance) != sorted(ids) or set(per_instance.values()) != {1}:
        found.append(f"timer jobs are not one 'done' row per instance with no failed attempt: "
                     f"{len(jobs)} rows, odd ones (instance, status, attempts): {bad_jobs[:20]}")
    if incidents:
        found.append(f"{incidents} incidents were opened")
    tembak = {i: app.instances.show(i).data.get("tembak") for i in ids}
    wrong = {i: v for i, v in tembak.items() if v != 1}
    if wrong:
        found.append(f"{len(wrong)} instances with tembak != 1 (id: tembak): {dict(list(wrong.items())[:20])}")
    broken = [i for i in ids if not app.instances.verify_audit(i).ok]
    if broken:
        found.append(f"{len(broken)} audit chains do not verify: {broken[:20]}")
    return found


def test_every_timer_fires_exactly_once_when_a_worker_is_killed(
    pg_url: str, tmp_path: Path, sandbox: ScriptSandbox
) -> None:
    # Started an hour "ago": the PT1M timers are due on the workers' real clock before they start.
    clock = FixedClock(datetime.now(UTC) - timedelta(hours=1))
    app = make_lintas(pg_url, tmp_path, clock, sandbox)
    procs: list[subprocess.Popen[bytes]] = []
    try:
        app.org.load_file(ORG)
        deploy(app, waiting_process(tmp_path))
        ids = [app.instances.start("tembak", as_user="budi", data={"tembak": 0}).id for _ in range(TIMERS)]
        assert job_counts(app) == Counter({"pending": TIMERS})
        procs = spawn_workers(pg_url, tmp_path)
        done_at_kill, caught = kill_victim_mid_batch(app, procs[0], tmp_path)
        assert done_at_kill < TIMERS, "the kill came after every timer had fired; it proved nothing"
        assert caught, "the victim was never seen inside a transaction, so it was not killed mid-batch"
        wait_until_none_pending(app, tmp_path)
        for proc in procs[1:]:
            proc.send_signal(signal.SIGTERM)
        exits = [proc.wait(timeout=30) for proc in procs[1:]]
        assert exits == [0] * (WORKERS - 1), f"surviving workers exited with {exits}\n{logs(tmp_path)}"
        found = problems(app, ids)
        assert not found, "not every timer fired exactly once after the crash:\n" + "\n".join(found)
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        app.close()
