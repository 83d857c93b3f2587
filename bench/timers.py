"""Timer executor cost against the number of pending timers, and fire lag under a steady load.

Default mode — finding and firing due timers with 10,000 vs 1,000,000 pending rows in the job table.
Per size, on a fresh database: 1,000 real instances of bench/models/tunggu are started through the
service API (each waits on a one-hour duration timer), the rest of the pending rows are bulk-inserted
timer rows due between 30 days and a year ahead (only the table and the ``ix_job_due`` index grow).
The clock then moves past the 1,000 due moments and we time ``JobService.run_due(batch)`` in a loop
until nothing is due (each due timer fires: load, audit ``timer_fired``, run to the end, save, commit).
Also timed, each as the median of 200 transactions rolled back: the bare claim query
(``claim_due``) taking one batch of the 1,000 due rows, and the same query on an idle worker's
poll (nothing due). The claim query's plan is printed too. The filler is loaded the way a table that
grew over months looks: analysed, and vacuumed and checkpointed on PostgreSQL (otherwise autovacuum
working on a million fresh rows slows the firing that follows by ~15%).

``--lag`` — fire lag on the real system clock: a worker process (``Worker`` with ``--poll``, as
``lintas worker`` runs it, instrumented to note when each batch commits) and a steady load of
``--rate`` timers/s falling due over ``--seconds``. The load is real instances, started before the
window with the clock placed so instance i is due at T0 + i/rate; nothing else writes while the
worker runs, so SQLite's single writer does not distort the result. Lag = the moment the
transaction that fired the timer committed minus its ``due_at``; printed as p50/p95/max with the
throughput and how busy the worker was. ``--wake poll,due`` runs, each on a fresh database, the old
loop that always slept a whole poll (``FixedPollWorker``) and the engine's ``Worker`` (wakes at the next
due job instead of sleeping a whole poll), so the two print side by side.

Usage: python bench/timers.py [--sizes 10000,1000000] [--due 1000] [--batch 50] [--database-url URL]
       python bench/timers.py --lag [--rate 100] [--seconds 30] [--poll 1.0] [--wake poll,due] [--workers N]
                              [--database-url URL]
With a PostgreSQL URL (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test) every run uses a
fresh schema and drops it afterwards.
"""

from __future__ import annotations

import argparse
import bisect
import json
import math
import os
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event
from timerkit import (
    MovableClock,
    bulk_pending_jobs,
    done_jobs,
    fresh_database,
    is_postgres,
    open_app,
    outcome,
    pending_timers_of,
    start_waiting,
)

from engine.bootstrap import Lintas, bootstrap
from engine.services.jobs import RunSummary, Worker

CLAIM_ROUNDS = 200


@dataclass
class SizeResult:
    pending: int
    claim_ms: float
    idle_ms: float
    fire_s: float
    fired: int
    check: str
    plan: str


def median_claim_ms(app: Lintas, now: datetime, batch: int) -> tuple[float, int]:
    """Median time of the bare claim query; each claim's transaction is rolled back, releasing its locks."""
    times, claimed = [], 0
    for _ in range(CLAIM_ROUNDS):
        with app.ctx.uow() as uow:
            t0 = time.perf_counter()
            claimed = len(uow.jobs.claim_due(now, batch))
            times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000, claimed


def claim_plan(app: Lintas, now: datetime, batch: int) -> str:
    """The database's plan for the exact statement ``claim_due`` sends, in one line."""
    seen: list[tuple[str, Any]] = []

    def capture(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        if "FROM job" in statement and "LIMIT" in statement:
            seen.append((statement, parameters))

    engine = app.ctx.db.writer
    event.listen(engine, "before_cursor_execute", capture)
    try:
        with app.ctx.uow() as uow:
            uow.jobs.claim_due(now, batch)
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    statement, parameters = seen[-1]
    prefix = "EXPLAIN QUERY PLAN " if app.ctx.db.is_sqlite else "EXPLAIN "
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(prefix + statement, parameters).all()
    lines = [str(r[-1]) if app.ctx.db.is_sqlite else str(r[0]).strip() for r in rows]
    return " / ".join(line.split("  (cost")[0] for line in lines)


def measure_size(pending: int, due: int, batch: int, url: str | None) -> SizeResult:
    with fresh_database(url, "timers") as (db_url, tmp):
        clock = MovableClock()
        app = open_app(db_url, tmp, clock)
        try:
            start = clock.moment
            ids = start_waiting(app, due, "PT1H")
            bulk_pending_jobs(app, pending - due, start + timedelta(days=30), timedelta(seconds=30))
            clock.moment = start + timedelta(minutes=30)          # nothing is due yet: an idle poll
            idle_ms, idle_claimed = median_claim_ms(app, clock.moment, batch)
            assert idle_claimed == 0
            clock.moment = start + timedelta(hours=1, seconds=1)  # the 1,000 timers are due
            claim_ms, claimed = median_claim_ms(app, clock.moment, batch)
            assert claimed == min(batch, due)
            plan = claim_plan(app, clock.moment, batch)
            fired = 0
            t0 = time.perf_counter()
            while True:
                summary = app.jobs.run_due(batch)
                fired += summary.done
                if summary.claimed == 0:
                    break
            fire_s = time.perf_counter() - t0
            completed, audited, done = outcome(app, ids)
            left = pending_timers_of(app, ids)
            check = "ok" if (completed, audited, done, left) == (due, due, due, 0) else (
                f"MISMATCH completed={completed} timer_fired={audited} done={done} still pending={left}")
            return SizeResult(pending, claim_ms, idle_ms, fire_s, fired, check, plan)
        finally:
            app.close()


def run_sizes(sizes: list[int], due: int, batch: int, url: str | None) -> None:
    backend = "PostgreSQL" if is_postgres(url) else "SQLite"
    results = []
    for size in sizes:
        t0 = time.perf_counter()
        results.append(measure_size(size, due, batch, url))
        print(f"  {size:,} pending: set up and measured in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    print(f"\nFinding and firing {due:,} due timers ({backend}, run_due batch {batch}); "
          f"claim times are medians of {CLAIM_ROUNDS}")
    print(f"{'pending rows':>13}  {f'claim {batch} due':>12}  {'idle poll':>10}  {'fire all due':>12}  "
          f"{'per timer':>9}  {'timers/s':>8}  check")
    for r in results:
        print(f"{r.pending:>13,}  {r.claim_ms:>9.2f} ms  {r.idle_ms:>7.2f} ms  {r.fire_s:>10.2f} s  "
              f"{r.fire_s / max(r.fired, 1) * 1000:>6.2f} ms  {r.fired / r.fire_s:>8.0f}  {r.check}")
    if len(results) > 1:
        first, last = min(results, key=lambda r: r.pending), max(results, key=lambda r: r.pending)
        print(f"\n{last.pending:,} vs {first.pending:,} pending: claim x{last.claim_ms / first.claim_ms:.2f}, "
              f"idle poll x{last.idle_ms / first.idle_ms:.2f}, fire all due x{last.fire_s / first.fire_s:.2f}")
    for r in results:
        print(f"plan at {r.pending:,}: {r.plan}")


# --- fire lag -----------------------------------------------------------------------------------

class FixedPollWorker(Worker):
    """The worker loop as it was before it learnt to wake at the next due job: once caught up it
    always slept a whole ``poll``. Kept for the side-by-side comparison."""

    def _wait(self) -> float:
        return self.poll


def lag_worker(out: Path, poll: float, batch: int, wake: str) -> None:
    """Child process: the ``lintas worker`` loop, noting when each non-empty batch ran and committed."""
    app = bootstrap()
    batches: list[tuple[float, float, float]] = []
    run_due = app.jobs.run_due

    def noted(limit: int = 50) -> RunSummary:
        began, cpu = datetime.now(UTC).timestamp(), time.process_time()
        summary = run_due(limit)
        if summary.claimed:   # run_due returns right after its commit
            batches.append((began, datetime.now(UTC).timestamp(), time.process_time() - cpu))
        return summary

    app.jobs.run_due = noted  # type: ignore[method-assign]
    worker = (Worker if wake == "due" else FixedPollWorker)(app.jobs, poll=poll, batch=batch)
    signal.signal(signal.SIGTERM, lambda *_: worker.stop.set())
    print("ready", flush=True)
    worker.run()
    out.write_text(json.dumps(batches), encoding="utf-8")
    app.close()


def percentile(sorted_values: list[float], p: float) -> float:
    return sorted_values[max(0, math.ceil(p * len(sorted_values)) - 1)]


@dataclass
class LagResult:
    wake: str
    commit_lags: list[float]
    claim_lags: list[float]
    fired: int
    early: int
    span: float
    busy: float
    cpu: float
    batches: int
    check: str


def run_lag(url: str | None, rate: float, seconds: float, poll: float, batch: int, wake: str,
            workers: int = 1) -> LagResult:
    count = int(rate * seconds)
    with fresh_database(url, "lag") as (db_url, tmp):
        clock = MovableClock()
        app = open_app(db_url, tmp, clock)
        procs: list[subprocess.Popen[str]] = []
        try:
            # Warm-up starts (due in a day, never fire here) tell how long the real starts will take.
            t = time.perf_counter()
            start_waiting(app, 30, "P1D")
            per_start = (time.perf_counter() - t) / 30
            t0 = datetime.now(UTC) + timedelta(seconds=count * per_start * 1.3 + 6)
            print(f"  [{wake}] starting {count:,} instances ({per_start * 1000:.1f} ms each), due from "
                  f"{t0:%H:%M:%S} UTC", file=sys.stderr)
            ids = start_waiting(app, count, "PT1H", clock=clock,
                                at=lambda i: t0 - timedelta(hours=1) + timedelta(seconds=i / rate))
            outs = [tmp / f"batches-{n}.json" for n in range(workers)]
            for out in outs:
                proc = subprocess.Popen(
                    [sys.executable, str(Path(__file__).resolve()), "--lag-worker", str(out), "--poll", str(poll),
                     "--batch", str(batch), "--wake", wake],
                    env={**os.environ, "LINTAS_DATABASE_URL": db_url, "LINTAS_INSTANCE_DIR": str(tmp)},
                    stdout=subprocess.PIPE, text=True)
                procs.append(proc)
                assert proc.stdout is not None
                if proc.stdout.readline().strip() != "ready":
                    raise SystemExit("a lag worker did not start")
            ready = datetime.now(UTC)
            end = t0 + timedelta(seconds=seconds)
            time.sleep(max(0.0, (end - datetime.now(UTC)).total_seconds()))
            deadline = time.monotonic() + 60
            while pending_timers_of(app, ids) and time.monotonic() < deadline:
                time.sleep(0.25)
            for proc in procs:
                proc.send_signal(signal.SIGTERM)
            for proc in procs:
                proc.wait(timeout=30)
            batches = [b for out in outs for b in json.loads(out.read_text(encoding="utf-8"))]
            rows = done_jobs(app, ids)
            completed, audited, done = outcome(app, ids)
        finally:
            for proc in procs:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
            app.close()
    check = "ok" if (completed, audited, done) == (count, count, count) else (
        f"MISMATCH completed={completed} timer_fired={audited} done={done} of {count}")
    return lag_result(wake, ready, rows, batches, check)


def lag_result(wake: str, ready: datetime, rows: list[tuple[datetime, datetime]], batches: list[list[float]],
               check: str) -> LagResult:
    commits = sorted(end for _, end, _ in batches)
    commit_lags, claim_lags, early = [], [], 0
    for due, finished in rows:
        if due < ready:
            early += 1   # due before the worker was up: not a measure of the worker
            continue
        # finished_at is the batch's claim moment; its commit is the first one noted after it.
        k = bisect.bisect_left(commits, finished.timestamp())
        if k < len(commits):
            commit_lags.append(commits[k] - due.timestamp())
        claim_lags.append((finished - due).total_seconds())
    span = (commits[-1] - min(began for began, _, _ in batches)) if batches else 0.0
    busy = sum(end - began for began, end, _ in batches)
    cpu = sum(used for _, _, used in batches)
    return LagResult(wake, sorted(commit_lags), sorted(claim_lags), len(rows), early, span, busy, cpu,
                     len(batches), check)


WAKE_LABELS = {"poll": "fixed poll (before)", "due": "Worker: wakes at next due"}


def report_lag(backend: str, rate: float, seconds: float, poll: float, batch: int, results: list[LagResult],
               workers: int = 1) -> None:
    print(f"\nFire lag ({backend}), {workers} worker process(es), poll {poll:g} s, batch {batch}; "
          f"load {rate:g} timers/s for {seconds:g} s = {int(rate * seconds):,} real instances")
    print("lag = commit of the firing transaction - due_at (in brackets: claim - due_at, the job's finished_at); "
          "busy = share of the time inside run_due;\nms/timer = run_due time per timer, CPU ms = the worker's own "
          "CPU per timer (the rest is waiting on the database)")
    print(f"{'worker loop':>28}  {'p50':>15}  {'p95':>15}  {'max':>15}  {'timers/s':>8}  {'busy':>5}  "
          f"{'ms/timer':>8}  {'CPU ms':>6}  {'batches':>7}  check")
    for r in results:
        if not r.commit_lags:
            print(f"{WAKE_LABELS[r.wake]:>28}  (nothing fired)  {r.check}")
            continue
        cells = [f"{percentile(r.commit_lags, p):.3f} ({percentile(r.claim_lags, p):.3f})" for p in (0.5, 0.95)]
        cells.append(f"{r.commit_lags[-1]:.3f} ({r.claim_lags[-1]:.3f})")
        rate_done = r.fired / r.span if r.span else 0.0
        print(f"{WAKE_LABELS[r.wake]:>28}  {cells[0]:>15}  {cells[1]:>15}  {cells[2]:>15}  {rate_done:>8.1f}  "
              f"{r.busy / r.span * 100 if r.span else 0:>4.0f}%  {r.busy / max(r.fired, 1) * 1000:>8.1f}  "
              f"{r.cpu / max(r.fired, 1) * 1000:>6.1f}  {r.batches:>7}  {r.check}"
              + (f"; {r.early} due before the worker was up, left out" if r.early else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,1000000", help="pending rows in the table, comma-separated")
    parser.add_argument("--due", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--lag", action="store_true", help="measure fire lag on the real clock instead")
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--poll", type=float, default=1.0)
    parser.add_argument("--workers", type=int, default=1, help="worker processes for --lag")
    parser.add_argument("--wake", default="poll,due",
                        help="worker loops to compare with --lag: poll (as is), due (prototype), comma-separated")
    parser.add_argument("--lag-worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.lag_worker:
        lag_worker(args.lag_worker, args.poll, args.batch, args.wake)
    elif args.lag:
        backend = "PostgreSQL" if is_postgres(args.database_url) else "SQLite"
        results = [run_lag(args.database_url, args.rate, args.seconds, args.poll, args.batch, wake, args.workers)
                   for wake in args.wake.split(",")]
        report_lag(backend, args.rate, args.seconds, args.poll, args.batch, results, args.workers)
    else:
        run_sizes([int(s) for s in args.sizes.split(",")], args.due, args.batch, args.database_url)


if __name__ == "__main__":
    main()
