"""Acting appointments (Plt, Plh, Pj), kept apart from memberships so organisation-file reloads leave them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from engine.persistence.models.base import Base
from engine.persistence.types import UtcDateTime


class ActingAppointmentRow(Base):
    """Never deleted: ending or cancelling one moves ``valid_to`` and records who did it and when."""

    __tablename__ = "acting_appointment"
    __table_args__ = (
        Index("ix_acting_user", "user_id", "valid_to"),
        Index("ix_acting_role", "role_id", "valid_to"),
        Index("ix_acting_tenant", "tenant_id", "valid_from"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    role_id: Mapped[int] = mapped_column(ForeignKey("role.id"))
    capacity: Mapped[str] = mapped_column(String(16))                  # plt | plh | pj
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date] = mapped_column(Date)                       # inclusive
    decree: Mapped[str | None] = mapped_column(String(255))            # nomor surat perintah / SK
    created_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ended_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
