"""Acting appointments: recording and ending them, and the roles they give a person on a day."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Select, bindparam, select, update
from sqlalchemy.orm import Session, aliased

from engine.domain.acting import Appointment
from engine.domain.org import Membership, Validity
from engine.persistence.models import ActingAppointmentRow, OpdRow, RoleRow, UserRow

_A = ActingAppointmentRow
_PERSON, _CREATOR, _ENDER = aliased(UserRow), aliased(UserRow), aliased(UserRow)
_LISTED = (
    select(_A, RoleRow.name, OpdRow.code, _PERSON.username, _PERSON.full_name, _CREATOR.username,
           _ENDER.username)
    .join(RoleRow, RoleRow.id == _A.role_id)
    .join(OpdRow, OpdRow.id == RoleRow.opd_id)
    .join(_PERSON, _PERSON.id == _A.user_id)
    .join(_CREATOR, _CREATOR.id == _A.created_by)
    .outerjoin(_ENDER, _ENDER.id == _A.ended_by)
)

# Asked at every request (resolve_actor): built once, like the identity query.
_HELD = (
    select(_A, RoleRow, OpdRow).join(RoleRow, RoleRow.id == _A.role_id).join(OpdRow, OpdRow.id == RoleRow.opd_id)
    .where(_A.user_id == bindparam("user"), _A.valid_from <= bindparam("day"), _A.valid_to >= bindparam("day"))
)


class ActingRepository:
    def __init__(self, session: Session) -> None:
        self.s = session

    def add(self, *, tenant_id: int, user_id: int, role_id: int, capacity: str, valid_from: date, valid_to: date,
            decree: str | None, created_by: int, now: datetime) -> int:
        row = _A(tenant_id=tenant_id, user_id=user_id, role_id=role_id, capacity=capacity, valid_from=valid_from,
                 valid_to=valid_to, decree=decree, created_by=created_by, created_at=now)
        self.s.add(row)
        self.s.flush()
        return row.id

    def end(self, appointment_id: int, valid_to: date, by: int, now: datetime) -> None:
        self.s.execute(update(_A).where(_A.id == appointment_id)
                       .values(valid_to=valid_to, ended_by=by, ended_at=now)
                       .execution_options(synchronize_session=False))

    def get(self, appointment_id: int) -> Appointment | None:
        found = self._listed(_LISTED.where(_A.id == appointment_id))
        return found[0] if found else None

    def listing(self, tenant_id: int, active_on: date | None = None) -> list[Appointment]:
        query = _LISTED.where(_A.tenant_id == tenant_id)
        if active_on is not None:
            query = query.where(_A.valid_from <= active_on, _A.valid_to >= active_on)
        return self._listed(query.order_by(_A.valid_from.desc(), _A.id.desc()))

    def overlapping(self, user_id: int, role_id: int, valid_from: date, valid_to: date) -> list[int]:
        """Appointments of the same person to the same role whose period meets [valid_from, valid_to]."""
        return list(self.s.scalars(select(_A.id).where(
            _A.user_id == user_id, _A.role_id == role_id, _A.valid_to >= _A.valid_from,
            _A.valid_from <= valid_to, _A.valid_to >= valid_from)))

    def held(self, user_id: int, day: date) -> list[tuple[Membership, tuple[Validity, Validity]]]:
        """The roles the person acts in on ``day``, as memberships in their acting capacity, each with the
        validity of its role and OPD (the caller checks those like a member's)."""
        rows = self.s.execute(_HELD, {"user": user_id, "day": day})
        return [(Membership(a.role_id, f"{o.code}/{r.name}", a.capacity, Validity(a.valid_from, a.valid_to)),
                 (Validity(r.valid_from, r.valid_to), Validity(o.valid_from, o.valid_to)))
                for a, r, o in rows]

    def _listed(self, query: Select) -> list[Appointment]:  # type: ignore[type-arg]
        return [
            Appointment(a.id, a.tenant_id, a.role_id, f"{opd}/{role}", username, full_name, a.capacity,
                        a.valid_from, a.valid_to, a.decree, creator, a.created_at, ender, a.ended_at)
            for a, role, opd, username, full_name, creator, ender in self.s.execute(query)
        ]
