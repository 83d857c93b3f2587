"""Organisation tables: tenants, OPDs, roles, users and their memberships."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from engine.persistence.models.base import Base
from engine.persistence.types import UtcDateTime


class TenantRow(Base):
    __tablename__ = "tenant"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Jakarta")
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    # Bumped whenever the tenant's calendar policy, overrides or SLA classes change: cache key.
    calendar_rev: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Letter numbers, e.g. "{kode}/{urut}/{unit}/{tahun}" (engine.domain.numbering); None = the default.
    letter_number_format: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class OpdRow(Base):
    __tablename__ = "opd"
    __table_args__ = (UniqueConstraint("tenant_id", "code", name="uq_opd_tenant_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"), index=True)
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(255))
    # Letterhead (kop surat) lines under the OPD's name.
    address: Mapped[str | None] = mapped_column(String(512))
    contact: Mapped[str | None] = mapped_column(String(255))
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)


class RoleRow(Base):
    __tablename__ = "role"
    __table_args__ = (UniqueConstraint("opd_id", "name_key", name="uq_role_opd_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    opd_id: Mapped[int] = mapped_column(ForeignKey("opd.id"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    name_key: Mapped[str] = mapped_column(String(255))
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)


class UserRow(Base):
    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"), index=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(255))
    nip: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    access: Mapped[str] = mapped_column(String(128), default="", server_default="")   # comma-separated
    password_hash: Mapped[str | None] = mapped_column(String(255))                    # argon2id
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)


class MembershipRow(Base):
    __tablename__ = "role_membership"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    role_id: Mapped[int] = mapped_column(ForeignKey("role.id"), index=True)
    capacity: Mapped[str] = mapped_column(String(16), default="definitif")
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)


class LoginAttemptRow(Base):
    """Sign-in attempts, for rate limiting across every web process (kept, not updated)."""

    __tablename__ = "login_attempt"
    __table_args__ = (Index("ix_login_attempt_lookup", "username", "address", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    succeeded: Mapped[bool] = mapped_column(Boolean)
