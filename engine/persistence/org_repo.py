"""Organisation rows: tenants, OPDs, roles, users and memberships, as domain objects."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import bindparam, or_, select
from sqlalchemy.orm import Session

from engine.domain.org import Membership, Opd, Role, Tenant, User, Validity
from engine.persistence.models import (
    ActingAppointmentRow,
    MembershipRow,
    OpdRow,
    RoleRow,
    TenantRow,
    UserRow,
)

_IDENTITY = (
    select(UserRow, TenantRow, MembershipRow, RoleRow, OpdRow)
    .join(TenantRow, TenantRow.id == UserRow.tenant_id)
    .outerjoin(MembershipRow, MembershipRow.user_id == UserRow.id)
    .outerjoin(RoleRow, RoleRow.id == MembershipRow.role_id)
    .outerjoin(OpdRow, OpdRow.id == RoleRow.opd_id)
    .where(UserRow.username == bindparam("username"))
)


def _validity(row: TenantRow | OpdRow | RoleRow | UserRow | MembershipRow | ActingAppointmentRow) -> Validity:
    return Validity(row.valid_from, row.valid_to)


@dataclass(frozen=True)
class Holder:
    """A person holding roles on a day; ``roles`` are (role id, "OPD/Role", capacity) of the roles asked about."""

    user_id: int
    username: str
    full_name: str
    email: str | None
    nip: str | None
    roles: tuple[tuple[int, str, str], ...]


def _tenant(row: TenantRow) -> Tenant:
    return Tenant(row.id, row.code, row.name, row.timezone, Validity(row.valid_from, row.valid_to), row.calendar_rev,
                  row.letter_number_format)


def _access(row: UserRow) -> frozenset[str]:
    return frozenset(a for a in (row.access or "").split(",") if a)


class OrgRepository:
    def __init__(self, session: Session) -> None:
        self.s = session
        self._tenants: dict[int, Tenant] = {}

    # -- tenants ----------------------------------------------------------------------------------
    def tenants(self) -> list[Tenant]:
        return [_tenant(r) for r in self.s.scalars(select(TenantRow).order_by(TenantRow.code))]

    def tenant_by_code(self, code: str) -> Tenant | None:
        row = self.s.scalar(select(TenantRow).where(TenantRow.code == code))
        return _tenant(row) if row else None

    def tenant(self, tenant_id: int) -> Tenant:
        found = self._tenants.get(tenant_id)
        if found is None:
            found = self._tenants[tenant_id] = _tenant(self.s.get_one(TenantRow, tenant_id))
        return found

    def upsert_tenant(self, code: str, name: str, timezone: str, validity: Validity, now: datetime,
                      letter_number_format: str | None = None) -> int:
        row = self.s.scalar(select(TenantRow).where(TenantRow.code == code))
        if row is None:
            row = TenantRow(code=code, name=name, timezone=timezone, created_at=now)
            self.s.add(row)
        row.name, row.timezone, row.letter_number_format = name, timezone, letter_number_format
        row.valid_from, row.valid_to = validity.valid_from, validity.valid_to
        self._tenants.pop(row.id, None)
        self.s.flush()
        return row.id

    # -- OPDs and roles -----------------------------------------------------------------------------
    def opds(self, tenant_id: int) -> list[Opd]:
        rows = self.s.scalars(select(OpdRow).where(OpdRow.tenant_id == tenant_id).order_by(OpdRow.code))
        return [Opd(r.id, r.tenant_id, r.code, r.name, _validity(r), r.address, r.contact) for r in rows]

    def upsert_opd(self, tenant_id: int, code: str, name: str, validity: Validity, address: str | None = None,
                   contact: str | None = None) -> int:
        row = self.s.scalar(select(OpdRow).where(OpdRow.tenant_id == tenant_id, OpdRow.code == code))
        if row is None:
            row = OpdRow(tenant_id=tenant_id, code=code)
            self.s.add(row)
        row.name, row.valid_from, row.valid_to = name, validity.valid_from, validity.valid_to
        row.address, row.contact = address, contact
        self.s.flush()
        return row.id

    def roles(self, tenant_id: int, names: set[str] | None = None) -> list[Role]:
        """Roles of a tenant; with ``names``, only roles with one of those names (compared without case)."""
        query = (select(RoleRow, OpdRow.code).join(OpdRow, OpdRow.id == RoleRow.opd_id)
                 .where(OpdRow.tenant_id == tenant_id).order_by(OpdRow.code, RoleRow.name))
        if names is not None:
            query = query.where(RoleRow.name_key.in_({n.casefold() for n in names}))
        return [Role(r.id, r.opd_id, code, r.name, _validity(r)) for r, code in self.s.execute(query)]

    def upsert_role(self, opd_id: int, name: str, validity: Validity) -> int:
        key = name.casefold()
        row = self.s.scalar(select(RoleRow).where(RoleRow.opd_id == opd_id, RoleRow.name_key == key))
        if row is None:
            row = RoleRow(opd_id=opd_id, name_key=key)
            self.s.add(row)
        row.name, row.valid_from, row.valid_to = name, validity.valid_from, validity.valid_to
        self.s.flush()
        return row.id

    def end_opds_except(self, tenant_id: int, keep: set[int], day: date) -> int:
        return self._end(select(OpdRow).where(OpdRow.tenant_id == tenant_id), keep, day)

    def end_roles_except(self, tenant_id: int, keep: set[int], day: date) -> int:
        query = select(RoleRow).join(OpdRow, OpdRow.id == RoleRow.opd_id).where(OpdRow.tenant_id == tenant_id)
        return self._end(query, keep, day)

    def end_users_except(self, tenant_id: int, keep: set[int], day: date) -> int:
        """Users the file no longer lists lose their account and memberships from ``day`` on."""
        ended = self._end(select(UserRow).where(UserRow.tenant_id == tenant_id), keep, day)
        gone = select(UserRow.id).where(UserRow.tenant_id == tenant_id, UserRow.id.not_in(keep or {0}))
        ended += self._end(select(MembershipRow).where(MembershipRow.user_id.in_(gone)), set(), day)
        return ended

    def _end(self, query, keep: set[int], day: date) -> int:  # type: ignore[no-untyped-def]
        """End-date rows the file no longer lists; history needs them, so nothing is deleted."""
        count = 0
        for row in self.s.scalars(query):
            if row.id not in keep and (row.valid_to is None or row.valid_to > day):
                row.valid_to = day
                count += 1
        return count

    # -- users ----------------------------------------------------------------------------------------
    def user_by_username(self, username: str) -> User | None:
        row = self.s.scalar(select(UserRow).where(UserRow.username == username))
        return self._user(row) if row else None

    def usernames(self, user_ids: set[int]) -> dict[int, str]:
        if not user_ids:
            return {}
        rows = self.s.execute(select(UserRow.id, UserRow.username).where(UserRow.id.in_(user_ids)))
        return {uid: name for uid, name in rows}

    def users(self, tenant_id: int) -> list[User]:
        rows = self.s.scalars(select(UserRow).where(UserRow.tenant_id == tenant_id).order_by(UserRow.username))
        return [self._user(r) for r in rows]

    def _user(self, row: UserRow) -> User:
        memberships = self.s.execute(
            select(MembershipRow, RoleRow.name, OpdRow.code)
            .join(RoleRow, RoleRow.id == MembershipRow.role_id)
            .join(OpdRow, OpdRow.id == RoleRow.opd_id)
            .where(MembershipRow.user_id == row.id)
            .order_by(OpdRow.code, RoleRow.name)
        )
        return User(
            row.id, row.tenant_id, row.username, row.full_name, row.nip, row.email, row.active, _validity(row),
            tuple(Membership(m.role_id, f"{code}/{name}", m.capacity, _validity(m)) for m, name, code in memberships),
            _access(row),
        )

    def upsert_user(self, tenant_id: int, username: str, full_name: str, nip: str | None, email: str | None,
                    active: bool, validity: Validity, access: frozenset[str] = frozenset()) -> int:
        row = self.s.scalar(select(UserRow).where(UserRow.username == username))
        if row is None:
            row = UserRow(username=username, tenant_id=tenant_id)
            self.s.add(row)
        row.tenant_id, row.full_name, row.nip, row.email, row.active = tenant_id, full_name, nip, email, active
        row.access = ",".join(sorted(access))
        row.valid_from, row.valid_to = validity.valid_from, validity.valid_to
        self.s.flush()
        return row.id

    def set_memberships(self, user_id: int, wanted: list[tuple[int, str, Validity]], day: date) -> int:
        """Make the user's memberships match ``wanted``; memberships no longer listed are end-dated."""
        existing = list(self.s.scalars(select(MembershipRow).where(MembershipRow.user_id == user_id)))
        matched: set[int] = set()
        for role_id, capacity, validity in wanted:
            row = next((m for m in existing if m.role_id == role_id and m.capacity == capacity
                        and m.id not in matched), None)
            if row is None:
                row = MembershipRow(user_id=user_id, role_id=role_id, capacity=capacity)
                self.s.add(row)
                self.s.flush()
            row.valid_from, row.valid_to = validity.valid_from, validity.valid_to
            matched.add(row.id)
        ended = 0
        for row in existing:
            if row.id not in matched and (row.valid_to is None or row.valid_to > day):
                row.valid_to = day
                ended += 1
        return ended

    def identity(self, username: str) -> tuple[User, Tenant, dict[int, tuple[Validity, ...]]] | None:
        """A user with memberships, their tenant, and per role the validities of role and OPD (one query)."""
        rows = self.s.execute(_IDENTITY, {"username": username}).all()
        if not rows:
            return None
        row, tenant_row = rows[0][0], rows[0][1]
        tenant = self._tenants.setdefault(tenant_row.id, _tenant(tenant_row))
        held = [(m, r, o) for _u, _t, m, r, o in rows if m is not None]
        user = User(
            row.id, row.tenant_id, row.username, row.full_name, row.nip, row.email, row.active, _validity(row),
            tuple(Membership(m.role_id, f"{o.code}/{r.name}", m.capacity, _validity(m)) for m, r, o in held),
            _access(row),
        )
        return user, tenant, {r.id: (_validity(r), _validity(o)) for _m, r, o in held}

    def holders(self, role_ids: set[int], day: date) -> list[tuple[int, str, str | None]]:
        """(user id, username, e-mail) of everyone holding one of the roles on ``day``, acting officials included."""
        return [(h.user_id, h.username, h.email) for h in self.people(day, role_ids=role_ids)]

    def people(self, day: date, *, role_ids: set[int] | None = None,
               opd_ids: set[int] | None = None) -> list[Holder]:
        """Everyone who on ``day`` holds one of ``role_ids`` or any role of ``opd_ids``, as a member or by an
        acting appointment, with the matching roles they hold (by username)."""
        wanted = []
        if role_ids:
            wanted.append(RoleRow.id.in_(role_ids))
        if opd_ids:
            wanted.append(RoleRow.opd_id.in_(opd_ids))
        if not wanted:
            return []
        found: dict[int, Holder] = {}
        members = self.s.execute(
            select(MembershipRow, RoleRow, OpdRow, UserRow)
            .join(RoleRow, RoleRow.id == MembershipRow.role_id)
            .join(OpdRow, OpdRow.id == RoleRow.opd_id)
            .join(UserRow, UserRow.id == MembershipRow.user_id)
            .where(or_(*wanted))
        )
        acting = self.s.execute(
            select(ActingAppointmentRow, RoleRow, OpdRow, UserRow)
            .join(RoleRow, RoleRow.id == ActingAppointmentRow.role_id)
            .join(OpdRow, OpdRow.id == RoleRow.opd_id)
            .join(UserRow, UserRow.id == ActingAppointmentRow.user_id)
            .where(or_(*wanted), ActingAppointmentRow.valid_from <= day, ActingAppointmentRow.valid_to >= day)
        )
        for m, r, o, u in [*members, *acting]:
            if not (u.active and all(_validity(x).covers(day) for x in (m, r, o, u))):
                continue
            held = found.get(u.id) or Holder(u.id, u.username, u.full_name, u.email, u.nip, ())
            found[u.id] = replace(held, roles=(*held.roles, (r.id, f"{o.code}/{r.name}", m.capacity)))
        return sorted(found.values(), key=lambda h: h.username)

    def holders_by_id(self, user_ids: set[int]) -> list[tuple[int, str, str | None]]:
        if not user_ids:
            return []
        rows = self.s.execute(select(UserRow.id, UserRow.username, UserRow.email).where(UserRow.id.in_(user_ids)))
        return [(uid, name, email) for uid, name, email in rows]

    def opd_of_role(self, role_id: int) -> int | None:
        return self.s.scalar(select(RoleRow.opd_id).where(RoleRow.id == role_id))

    def active_role_ids(self, user_id: int, day: date) -> set[int]:
        """Roles a user holds on ``day`` (membership or acting appointment, role, OPD and user all valid then)."""
        rows = self.s.execute(
            select(MembershipRow, RoleRow, OpdRow, UserRow)
            .join(RoleRow, RoleRow.id == MembershipRow.role_id)
            .join(OpdRow, OpdRow.id == RoleRow.opd_id)
            .join(UserRow, UserRow.id == MembershipRow.user_id)
            .where(MembershipRow.user_id == user_id)
        )
        acting = self.s.execute(
            select(ActingAppointmentRow, RoleRow, OpdRow, UserRow)
            .join(RoleRow, RoleRow.id == ActingAppointmentRow.role_id)
            .join(OpdRow, OpdRow.id == RoleRow.opd_id)
            .join(UserRow, UserRow.id == ActingAppointmentRow.user_id)
            .where(ActingAppointmentRow.user_id == user_id)
        )
        out = set()
        for m, r, o, u in [*rows, *acting]:
            if u.active and all(_validity(x).covers(day) for x in (m, r, o, u)):
                out.add(r.id)
        return out
