"""Shared fixtures: a Lintas per test on SQLite (always) and PostgreSQL (when configured).

Set LINTAS_TEST_DATABASE_URL (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test) to run the
database-backed tests on PostgreSQL too; each test then gets its own schema. Without it the
PostgreSQL variants are skipped with a visible reason, so a laptop without PostgreSQL still passes.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from engine.bootstrap import Lintas, bootstrap
from engine.sandbox import SandboxLimits, ScriptSandbox
from engine.settings import Settings
from tests.signing_support import PASSPHRASE, SessionPki

REPO = Path(__file__).resolve().parents[1]
PROCESSES = REPO / "processes"
DEMO_ORG = REPO / "engine" / "demo" / "org.yaml"
PG_URL = os.environ.get("LINTAS_TEST_DATABASE_URL", "")
# Cheap argon2 for tests (production cost is ~0.1 s per hash on purpose); tests of the cost itself override it.
FAST_PASSWORD_HASHING = {"LINTAS_ARGON2_TIME_COST": "1", "LINTAS_ARGON2_MEMORY_KIB": "1024",
                         "LINTAS_ARGON2_PARALLELISM": "1"}


class FixedClock:
    """An injectable clock that only moves when a test moves it."""

    def __init__(self, start: datetime | None = None) -> None:
        self.moment = start or datetime(2026, 3, 17, 2, 0, tzinfo=UTC)   # 09:00 WIB, a Tuesday

    def now(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


@pytest.fixture(scope="session")
def sandbox() -> Iterator[ScriptSandbox]:
    box = ScriptSandbox(SandboxLimits(timeout_seconds=2.0, workers=2))
    yield box
    box.close()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


def _postgres_url() -> Iterator[str]:
    from sqlalchemy import create_engine, text

    schema = f"t_{uuid.uuid4().hex[:12]}"
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


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'lintas.db'}"
        return
    if not PG_URL:
        if os.environ.get("LINTAS_REQUIRE_POSTGRES"):
            pytest.fail("LINTAS_REQUIRE_POSTGRES is set but LINTAS_TEST_DATABASE_URL is not")
        pytest.skip("PostgreSQL variant skipped: set LINTAS_TEST_DATABASE_URL to run it")
    yield from _postgres_url()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'lintas.db'}"


@pytest.fixture(scope="session")
def session_pki(tmp_path_factory: pytest.TempPathFactory) -> SessionPki:
    """The development PKI every test database trusts (see tests/signing_support.py)."""
    return SessionPki(tmp_path_factory.mktemp("session-pki") / "pki")


def make_lintas(url: str, tmp_path: Path, clock: FixedClock, sandbox: ScriptSandbox,
                pki: SessionPki | None = None, **extra_env: str) -> Lintas:
    env = {"LINTAS_DATABASE_URL": url, "LINTAS_INSTANCE_DIR": str(tmp_path / "instance"), **FAST_PASSWORD_HASHING,
           **extra_env}
    if pki is not None:
        env |= {"LINTAS_PKI_DIR": str(pki.directory), "LINTAS_SEAL_PASSPHRASE": PASSPHRASE}
    settings = Settings.from_env(env)
    app = bootstrap(settings, clock=clock, sandbox=sandbox)
    app.init_db()
    return app


@pytest.fixture
def lintas(database_url: str, tmp_path: Path, clock: FixedClock, sandbox: ScriptSandbox,
           session_pki: SessionPki) -> Iterator[Lintas]:
    """A migrated, empty Lintas on each backend, trusting the session's development PKI."""
    app = make_lintas(database_url, tmp_path, clock, sandbox, session_pki)
    yield app
    app.close()


@pytest.fixture
def demo_lintas(lintas: Lintas) -> Lintas:
    """Lintas with the demo organisation loaded."""
    lintas.org.load_file(DEMO_ORG)
    return lintas
