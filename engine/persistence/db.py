"""Database engines: SQLite (WAL, foreign keys, one writer at a time) and PostgreSQL.

SQLite write transactions start with ``BEGIN IMMEDIATE`` so two writers serialise on the lock
instead of both reading a snapshot and failing on upgrade; reads stay deferred.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from engine.domain.errors import Unavailable

SQLITE_BUSY_TIMEOUT_MS = 15_000


@dataclass
class Database:
    url: str
    writer: Engine
    reader: Engine
    write_session: sessionmaker[Session]
    read_session: sessionmaker[Session]

    @property
    def is_sqlite(self) -> bool:
        return self.writer.dialect.name == "sqlite"

    @property
    def backend(self) -> str:
        return self.writer.dialect.name

    def dispose(self) -> None:
        self.writer.dispose()
        if self.reader is not self.writer:
            self.reader.dispose()


def _sqlite_engine(url: str, begin: str, echo: bool) -> Engine:
    parsed = make_url(url)
    if parsed.database and parsed.database != ":memory:":
        folder = Path(parsed.database).parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise Unavailable(f"folder basis data tidak dapat dibuat: {folder} ({exc.strerror})",
                              f"cannot create the database folder: {folder} ({exc.strerror})") from exc
    engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from pysqlite so we can emit BEGIN IMMEDIATE ourselves.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql(begin)

    return engine


def connect(url: str, echo: bool = False) -> Database:
    if url.startswith("sqlite"):
        writer = _sqlite_engine(url, "BEGIN IMMEDIATE", echo)
        reader = _sqlite_engine(url, "BEGIN", echo)
    else:
        # Recycle instead of pinging before every checkout: a ping is one more round trip per request.
        writer = create_engine(url, echo=echo, pool_recycle=1800)

        @event.listens_for(writer, "connect")
        def _on_pg_connect(dbapi_connection: Any, _record: Any) -> None:
            # A worker that hangs inside a transaction must not hold its job locks forever; a killed one
            # loses them at once when its connection drops.
            cursor = dbapi_connection.cursor()
            cursor.execute("SET idle_in_transaction_session_timeout = '60s'")
            cursor.close()
            dbapi_connection.commit()
        reader = writer
    return Database(
        url=url,
        writer=writer,
        reader=reader,
        write_session=sessionmaker(writer, expire_on_commit=False),
        read_session=sessionmaker(reader, expire_on_commit=False),
    )
