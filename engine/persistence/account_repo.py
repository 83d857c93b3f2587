"""Sign-in data: users' password hashes and the sign-in attempts that rate limiting counts.

Attempts are appended and never updated, so every web process sees the same count through the
database (no per-process memory that a second gunicorn worker would not share).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from engine.persistence.models import LoginAttemptRow, UserRow

USERNAME_CHARS = 64     # the width of login_attempt.username and app_user.username
ADDRESS_CHARS = 64


class AccountRepository:
    def __init__(self, session: Session) -> None:
        self.s = session

    # -- password hashes ----------------------------------------------------------------------------
    def password_hash(self, username: str) -> tuple[int, str | None] | None:
        """(user id, argon2 hash or None when no password was ever set); None for an unknown user."""
        row = self.s.execute(select(UserRow.id, UserRow.password_hash).where(UserRow.username == username)).first()
        return (row[0], row[1]) if row else None

    def set_password_hash(self, user_id: int, password_hash: str, *, expected: str | None = None,
                          check_expected: bool = False) -> bool:
        """Store a new hash. With ``check_expected`` only if the stored hash is still ``expected`` (a
        rehash must not overwrite a password changed meanwhile); returns whether a row changed."""
        query = update(UserRow).where(UserRow.id == user_id)
        if check_expected:
            query = query.where(UserRow.password_hash == expected if expected is not None
                                else UserRow.password_hash.is_(None))
        return bool(self.s.execute(query.values(password_hash=password_hash)).rowcount)  # type: ignore[attr-defined]

    def with_password(self, user_ids: set[int]) -> set[int]:
        """The users of ``user_ids`` that have a password."""
        if not user_ids:
            return set()
        rows = self.s.scalars(select(UserRow.id).where(UserRow.id.in_(user_ids), UserRow.password_hash.is_not(None)))
        return set(rows)

    # -- sign-in attempts ---------------------------------------------------------------------------
    def record_attempt(self, username: str, address: str, at: datetime, succeeded: bool) -> None:
        self.s.add(LoginAttemptRow(username=username[:USERNAME_CHARS], address=address[:ADDRESS_CHARS], at=at,
                                   succeeded=succeeded))
        self.s.flush()

    def failures_since(self, username: str, address: str, since: datetime) -> list[datetime]:
        """Moments of failed attempts of this pair after ``since`` and after its last success, oldest first."""
        name, addr = username[:USERNAME_CHARS], address[:ADDRESS_CHARS]
        pair = (LoginAttemptRow.username == name, LoginAttemptRow.address == addr, LoginAttemptRow.at >= since)
        last_success = self.s.scalar(select(func.max(LoginAttemptRow.at)).where(*pair, LoginAttemptRow.succeeded))
        query = select(LoginAttemptRow.at).where(*pair, LoginAttemptRow.succeeded.is_(False))
        if last_success is not None:
            query = query.where(LoginAttemptRow.at > last_success)
        return list(self.s.scalars(query.order_by(LoginAttemptRow.at)))
