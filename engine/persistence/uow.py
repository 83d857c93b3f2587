"""Unit of work: one database transaction around one service call, with its repositories.

Nothing commits unless the whole call succeeded; database-level conflicts (a concurrent writer, a
unique constraint raced by another deploy) surface as ``ConcurrentWrite`` for services to map.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from engine.domain.errors import Unavailable
from engine.persistence.account_repo import AccountRepository
from engine.persistence.acting_repo import ActingRepository
from engine.persistence.audit_repo import AuditRepository
from engine.persistence.calendar_repo import CalendarRepository
from engine.persistence.case_repo import CaseRepository
from engine.persistence.dashboard_repo import DashboardRepository
from engine.persistence.db import Database
from engine.persistence.definition_repo import DefinitionRepository
from engine.persistence.document_repo import CredentialRepository, DocumentRepository
from engine.persistence.inbox_repo import InboxRepository
from engine.persistence.instance_repo import InstanceRepository
from engine.persistence.job_repo import JobRepository
from engine.persistence.message_repo import MessageRepository
from engine.persistence.org_repo import OrgRepository
from engine.persistence.sla_repo import SlaRepository
from engine.persistence.work_item_repo import WorkItemRepository


class ConcurrentWrite(Exception):
    """Another transaction changed the same rows first (lock timeout, serialization, unique race)."""


_CONFLICT_CODES = {"40001", "40P01", "55P03", "23505"}


def is_conflict(exc: BaseException) -> bool:
    if isinstance(exc, IntegrityError):
        return True
    if isinstance(exc, OperationalError) and "locked" in str(exc).lower():
        return True
    code = getattr(getattr(exc, "orig", None), "sqlstate", None)
    return isinstance(exc, DBAPIError) and code in _CONFLICT_CODES


def _missing_schema(exc: BaseException) -> bool:
    code = getattr(getattr(exc, "orig", None), "sqlstate", None)
    return code == "42P01" or "no such table" in str(exc)


def _unavailable(exc: DBAPIError) -> Unavailable:
    if _missing_schema(exc):
        return Unavailable("skema basis data belum dibuat; jalankan 'lintas init-db'",
                           "the database schema does not exist yet; run 'lintas init-db'")
    detail = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
    return Unavailable(f"basis data tidak dapat dipakai: {detail}", f"database unavailable: {detail}")


class UnitOfWork:
    def __init__(self, db: Database, *, write: bool = True) -> None:
        self._db = db
        self._write = write
        self.session: Session

    def __enter__(self) -> UnitOfWork:
        factory = self._db.write_session if self._write else self._db.read_session
        self.session = factory()
        try:
            self.session.begin()
            self.session.connection()     # connect now, so an unreachable database fails here, clearly
        except OperationalError as exc:
            self.session.close()
            if is_conflict(exc):
                raise ConcurrentWrite(str(exc)) from exc
            raise _unavailable(exc) from exc
        s = self.session
        self.org = OrgRepository(s)
        self.definitions = DefinitionRepository(s)
        self.instances = InstanceRepository(s)
        self.work_items = WorkItemRepository(s)
        self.audit = AuditRepository(s)
        self.messages = MessageRepository(s)
        self.jobs = JobRepository(s)
        self.calendars = CalendarRepository(s)
        self.sla = SlaRepository(s)
        self.documents = DocumentRepository(s)
        self.credentials = CredentialRepository(s)
        self.accounts = AccountRepository(s)
        self.acting = ActingRepository(s)
        self.inbox = InboxRepository(s)
        self.cases = CaseRepository(s)
        self.dashboard = DashboardRepository(s)
        return self

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """A nested transaction: an exception inside undoes only what happened inside."""
        nested = self.session.begin_nested()
        try:
            yield
        except BaseException:
            nested.rollback()
            raise
        else:
            nested.commit()

    def commit(self) -> None:
        try:
            self.session.commit()
        except DBAPIError as exc:
            if is_conflict(exc):
                raise ConcurrentWrite(str(exc)) from exc
            raise

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        try:
            if self.session.in_transaction():
                self.session.rollback()
        finally:
            self.session.close()
        if exc is not None and isinstance(exc, DBAPIError) and is_conflict(exc):
            raise ConcurrentWrite(str(exc)) from exc
        if exc is not None and isinstance(exc, DBAPIError) and (
                isinstance(exc, OperationalError) or _missing_schema(exc)):
            raise _unavailable(exc) from exc
