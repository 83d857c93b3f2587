"""Shared set-up for the timer benchmarks (bench/timers.py, bench/workers.py).

Gives each run a fresh database (an SQLite file, or a new schema in the PostgreSQL database named
by ``--database-url``), a migrated Lintas with bench/org.yaml and the bench/models/tunggu process
(start -> duration timer ``jeda`` -> end), real instances waiting on that timer started through
the service API, bulk-inserted filler job rows, and a few read-only queries on the job table.
The benchmarks set the clock of the *starting* process to place each timer's due moment exactly;
workers always run on the real system clock.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, func, select, text

from engine.bootstrap import Lintas, bootstrap
from engine.persistence.models import AuditEntryRow, InstanceRow, JobRow
from engine.settings import Settings

HERE = Path(__file__).resolve().parent
MODEL = HERE / "models" / "tunggu"
ORG = HERE / "org.yaml"
USER = "pelaksana"
FILLER_KIND = "timer"


class MovableClock:
    """A clock the benchmark sets by hand: where a start happens "in time" decides when its timer is due."""

    def __init__(self, moment: datetime | None = None) -> None:
        self.moment = moment or datetime.now(UTC)

    def now(self) -> datetime:
        return self.moment


def is_postgres(url: str | None) -> bool:
    return url is not None and url.startswith("postgresql")


@contextmanager
def fresh_database(url: str | None, label: str = "bench") -> Iterator[tuple[str, Path]]:
    """A database nobody else uses, removed afterwards: an SQLite file, or a new PostgreSQL schema.

    Also yields a scratch folder (the instance folder, the SQLite file), deleted at the end too:
    the SQLite file with a million job rows is ~150 MB.
    """
    tmp = Path(tempfile.mkdtemp(prefix=f"lintas-{label}-"))
    try:
        if not is_postgres(url):
            yield f"sqlite:///{tmp / 'bench.db'}", tmp
            return
        assert url is not None
        schema = f"bench_{label}_{uuid.uuid4().hex[:8]}"
        admin = create_engine(url)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        sep = "&" if "?" in url else "?"
        try:
            yield f"{url}{sep}options=-csearch_path%3D{schema}", tmp
        finally:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def open_app(url: str, tmp: Path, clock: MovableClock | None = None) -> Lintas:
    """A migrated Lintas with the bench organisation and the waiting process deployed."""
    app = bootstrap(Settings.from_env({"LINTAS_DATABASE_URL": url, "LINTAS_INSTANCE_DIR": str(tmp)}), clock=clock)
    app.init_db()
    app.org.load_file(ORG)
    app.deployments.deploy(MODEL)
    return app


def start_waiting(app: Lintas, count: int, jeda: str, at: Callable[[int], datetime] | None = None,
                  clock: MovableClock | None = None) -> list[int]:
    """Start ``count`` instances through the service API; each then waits ``jeda`` on its timer.

    With ``at``, instance i is started at the clock moment ``at(i)`` (so it is due at ``at(i) + jeda``).
    """
    ids = []
    for i in range(count):
        if at is not None and clock is not None:
            clock.moment = at(i)
        view = app.instances.start("tunggu", as_user=USER, data={"jeda": jeda})
        ids.append(view.id)
    return ids


def bulk_pending_jobs(app: Lintas, count: int, first_due: datetime, spacing: timedelta,
                      chunk: int = 50_000) -> None:
    """Insert ``count`` pending timer rows due from ``first_due`` on, never due during the run.

    They carry no instance (the executor skips such a timer), so they only make the table and the
    ``ix_job_due`` index as large as a big pemda's. COPY on PostgreSQL, executemany on SQLite.
    """
    if count <= 0:
        return
    db = app.ctx.db
    with app.ctx.uow(write=False) as uow:
        tenant_id = uow.session.scalar(select(func.min(JobRow.tenant_id))) or 1
    now = datetime.now(UTC)
    columns = "tenant_id, kind, due_at, status, attempts, max_attempts, payload_json, created_at"
    raw = db.writer.raw_connection()
    try:
        cursor = raw.cursor()
        if db.is_sqlite:
            # The same text form SQLAlchemy stores for UtcDateTime on SQLite (naive UTC).
            stamp = JobRow.__table__.c.due_at.type.bind_processor(db.writer.dialect)
            assert stamp is not None
            created = stamp(now)
            cursor.execute("BEGIN IMMEDIATE")
            for start in range(0, count, chunk):
                rows = [(tenant_id, FILLER_KIND, stamp(first_due + spacing * i), "pending", 0, 5, "{}", created)
                        for i in range(start, min(start + chunk, count))]
                cursor.executemany(f"INSERT INTO job ({columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
            cursor.execute("COMMIT")
            cursor.execute("ANALYZE")
            # Fold the bulk load into the main file, as SQLite's auto-checkpoint does in steady state.
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            with cursor.copy(f"COPY job ({columns}) FROM STDIN") as copy:
                for i in range(count):
                    copy.write_row((tenant_id, FILLER_KIND, first_due + spacing * i, "pending", 0, 5, "{}", now))
            raw.commit()
        cursor.close()
    finally:
        raw.close()
    if not db.is_sqlite:
        # A table that grew over months is vacuumed and analysed, and its pages are written out;
        # without this, autovacuum and the checkpointer would be busy with the fresh rows mid-measurement.
        with db.writer.connect() as conn:
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            conn.exec_driver_sql("VACUUM ANALYZE job")
            conn.exec_driver_sql("CHECKPOINT")


def job_counts(app: Lintas) -> dict[str, int]:
    with app.ctx.uow(write=False) as uow:
        return uow.jobs.counts()


def pending_timers_of(app: Lintas, instance_ids: list[int]) -> int:
    """Pending timer jobs of the given instances (the ones the benchmark expects to fire)."""
    low, high = min(instance_ids), max(instance_ids)
    with app.ctx.uow(write=False) as uow:
        return uow.session.scalar(select(func.count()).select_from(JobRow).where(
            JobRow.kind == "timer", JobRow.status == "pending", JobRow.instance_id.between(low, high))) or 0


def outcome(app: Lintas, instance_ids: list[int]) -> tuple[int, int, int]:
    """(instances completed, timer_fired audit entries, timer jobs done) among the given instances."""
    low, high = min(instance_ids), max(instance_ids)
    with app.ctx.uow(write=False) as uow:
        s = uow.session
        completed = s.scalar(select(func.count()).select_from(InstanceRow).where(
            InstanceRow.id.between(low, high), InstanceRow.status == "completed")) or 0
        fired = s.scalar(select(func.count()).select_from(AuditEntryRow).where(
            AuditEntryRow.instance_id.between(low, high), AuditEntryRow.action == "timer_fired")) or 0
        done = s.scalar(select(func.count()).select_from(JobRow).where(
            JobRow.instance_id.between(low, high), JobRow.kind == "timer", JobRow.status == "done")) or 0
    return completed, fired, done


def done_jobs(app: Lintas, instance_ids: list[int]) -> list[tuple[datetime, datetime]]:
    """(due_at, finished_at) of the finished timer jobs of the given instances."""
    low, high = min(instance_ids), max(instance_ids)
    with app.ctx.uow(write=False) as uow:
        rows = uow.session.execute(select(JobRow.due_at, JobRow.finished_at).where(
            JobRow.instance_id.between(low, high), JobRow.kind == "timer", JobRow.status == "done"))
        return [(due, finished) for due, finished in rows if finished is not None]
