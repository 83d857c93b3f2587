"""The Alembic migrations produce exactly the schema the models describe, on every backend."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from engine.bootstrap import Lintas
from engine.persistence import migrate
from engine.persistence.models import Base


def test_migrated_schema_matches_models(lintas: Lintas) -> None:
    with lintas.ctx.db.writer.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    assert migrate.current_revision(lintas.ctx.db) == migrate.head_revision()


def test_init_db_is_idempotent(lintas: Lintas) -> None:
    assert lintas.init_db() == lintas.init_db() == migrate.head_revision()
