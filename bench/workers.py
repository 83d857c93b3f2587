"""Timer throughput with 1 and 2 ``lintas worker`` processes sharing one PostgreSQL, side by side.

Per worker count, on a fresh schema: ``--jobs`` real instances of bench/models/tunggu are started
through the service API with the clock an hour back, so every timer (PT1M) is already due on the
real clock; then N ``lintas worker --poll 0.2`` processes (the installed console script, with
``LINTAS_DATABASE_URL`` pointing at the schema) claim them with ``FOR UPDATE SKIP LOCKED``. We poll
the job table until no timer is pending. jobs/s counts from the first claim (the earliest
``finished_at``, which a batch stamps when it claims) to the moment nothing was pending, so worker
start-up is left out; the wall time from spawning is printed too. Also printed: the CPU seconds the
worker processes used and how busy the whole machine was (PostgreSQL runs on the same 2 cores, so
two workers cannot double the rate), and a check that every timer fired exactly once.

Usage: python bench/workers.py [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/test]
                               [--jobs 2000] [--workers 1,2] [--poll 0.2] [--batch 50]
Without --database-url, LINTAS_TEST_DATABASE_URL is used.
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from timerkit import MovableClock, done_jobs, fresh_database, is_postgres, open_app, outcome, pending_timers_of

LINTAS = Path(sys.executable).with_name("lintas")


@dataclass
class Round:
    workers: int
    jobs: int
    rate: float
    active_s: float
    wall_s: float
    worker_cpu_s: float
    machine_busy: float
    check: str


def cpu_ticks() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine, from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_round(url: str, workers: int, jobs: int, poll: float, batch: int) -> Round:
    with fresh_database(url, f"w{workers}") as (db_url, tmp):
        # Started an hour "ago" with PT1M timers: every timer is due on the workers' real clock.
        clock = MovableClock(datetime.now(UTC) - timedelta(hours=1))
        app = open_app(db_url, tmp, clock)
        procs: list[subprocess.Popen[bytes]] = []
        try:
            t = time.perf_counter()
            ids = [app.instances.start("tunggu", as_user="pelaksana", data={"jeda": "PT1M"}).id for _ in range(jobs)]
            print(f"  [{workers} worker(s)] started {jobs:,} instances in {time.perf_counter() - t:.0f} s",
                  file=sys.stderr)
            env = {**os.environ, "LINTAS_DATABASE_URL": db_url, "LINTAS_INSTANCE_DIR": str(tmp)}
            cpu_before = children_cpu()
            spawned = time.monotonic()
            procs = [subprocess.Popen([str(LINTAS), "worker", "--poll", str(poll), "--batch", str(batch)], env=env,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(workers)]
            deadline = spawned + 600
            ticks: tuple[int, int] | None = None      # machine CPU counters once firing has begun
            while (pending := pending_timers_of(app, ids)) and time.monotonic() < deadline:
                if ticks is None and pending < jobs:
                    ticks = cpu_ticks()
                time.sleep(0.02)
            busy0, total0 = ticks or cpu_ticks()
            finished_wall, finished_at = time.monotonic(), datetime.now(UTC)
            busy1, total1 = cpu_ticks()
            for proc in procs:
                proc.send_signal(signal.SIGTERM)
            for proc in procs:
                proc.wait(timeout=30)
            worker_cpu = children_cpu() - cpu_before
            first_claim = min(finished for _, finished in done_jobs(app, ids))
            completed, fired, done = outcome(app, ids)
        finally:
            for proc in procs:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
            app.close()
    active = (finished_at - first_claim).total_seconds()
    check = "ok" if (completed, fired, done) == (jobs, jobs, jobs) else (
        f"MISMATCH completed={completed} timer_fired={fired} done={done}")
    return Round(workers, jobs, done / active, active, finished_wall - spawned, worker_cpu,
                 (busy1 - busy0) / max(total1 - total0, 1), check)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("LINTAS_TEST_DATABASE_URL"))
    parser.add_argument("--jobs", type=int, default=2000)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--poll", type=float, default=0.2)
    parser.add_argument("--batch", type=int, default=50)
    args = parser.parse_args()
    if not is_postgres(args.database_url):
        parser.error("give a PostgreSQL --database-url (or set LINTAS_TEST_DATABASE_URL)")
    rounds = [run_round(args.database_url, int(n), args.jobs, args.poll, args.batch)
              for n in args.workers.split(",")]
    print(f"\n{args.jobs:,} due timers on PostgreSQL, `lintas worker --poll {args.poll:g} --batch {args.batch}` "
          f"processes; {os.cpu_count()} CPU cores shared with the database")
    print(f"{'workers':>7}  {'jobs/s':>7}  {'firing':>8}  {'from spawn':>10}  {'worker CPU':>10}  "
          f"{'machine busy':>12}  check")
    for r in rounds:
        print(f"{r.workers:>7}  {r.rate:>7.1f}  {r.active_s:>7.1f}s  {r.wall_s:>9.1f}s  {r.worker_cpu_s:>9.1f}s  "
              f"{r.machine_busy * 100:>11.0f}%  {r.check}")
    if len(rounds) > 1:
        print(f"\n{rounds[-1].workers} workers vs {rounds[0].workers}: x{rounds[-1].rate / rounds[0].rate:.2f} jobs/s")


if __name__ == "__main__":
    main()
