"""Acting officials: an admin records that a person is Plt, Plh or Pj for a role for a period.

During the period the person holds the role (``resolve_actor``, ``OrgRepository.holders``/``people``):
they see its queue, may act on its tasks, receive its notifications and sign in the acting capacity
("Plt. Kepala Dinas" on the stamp and in the document revision). Outside it, nothing.

Mistakes come back as field errors (``role``, ``username``, ``capacity``, ``valid_from``,
``valid_to``, ``decree``, ``on``) so the admin page shows them next to the inputs. The appointment
row is the record (who appointed, when, by which decree; who ended it and when); rows are never
deleted. The appointee is notified, and so are the role's other holders today, so a Kepala Dinas on
leave knows who signs for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from engine.domain.acting import ACTING_CAPACITIES, Appointment, format_day, period_problems
from engine.domain.errors import Conflict, FieldError, NotFound, PermissionDenied, ValidationFailed
from engine.domain.org import Actor, Role, RolePath, User
from engine.persistence.uow import ConcurrentWrite, UnitOfWork
from engine.services.context import ServiceContext, conflict_on_concurrent_write, local_day, resolve_actor
from engine.services.notify import Recipient, notify


@dataclass(frozen=True)
class RoleChoice:
    path: str              # "PUPR/Kepala Dinas", what ``appoint`` takes
    opd_code: str
    opd_name: str
    name: str


@dataclass(frozen=True)
class PersonChoice:
    username: str
    full_name: str
    nip: str | None


@dataclass(frozen=True)
class AppointmentChoices:
    today: date            # the pemda's day: periods may not start before it
    roles: tuple[RoleChoice, ...]
    people: tuple[PersonChoice, ...]


class ActingService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def appoint(self, role_path: str, username: str, capacity: str, valid_from: date | str, valid_to: date | str,
                *, as_user: str, decree: str | None = None) -> Appointment:
        errors: list[FieldError] = []
        start, end = _day(valid_from, "valid_from", errors), _day(valid_to, "valid_to", errors)
        capacity = (capacity or "").strip().lower()
        if capacity not in ACTING_CAPACITIES:
            errors.append(_error("capacity", "pilih Plt, Plh atau Pj", "choose Plt, Plh or Pj"))
        decree = (decree or "").strip() or None
        if decree is not None and len(decree) > 255:
            errors.append(_error("decree", "paling banyak 255 karakter", "at most 255 characters"))
        try:
            with self.ctx.uow() as uow:
                now = self.ctx.now()
                admin = _admin(uow, as_user, now)
                today = local_day(uow.org.tenant(admin.tenant_id), now)
                role = _role(uow, admin, role_path, errors)
                user = uow.org.user_by_username((username or "").strip())
                if user is None or user.tenant_id != admin.tenant_id:
                    errors.append(_error("username", f"pegawai '{username}' tidak ditemukan",
                                         f"person '{username}' not found"))
                    user = None
                if start and end:
                    errors += [_error(*problem) for problem in period_problems(start, end, today)]
                    if role is not None:
                        errors += _role_span(uow, admin, role, start, end)
                    if user is not None and role is not None:
                        errors += _person_fits(uow, user, role, start, end)
                if errors:
                    raise ValidationFailed(errors)
                assert role is not None and user is not None and start is not None and end is not None
                appointment_id = uow.acting.add(tenant_id=admin.tenant_id, user_id=user.id, role_id=role.id,
                                                capacity=capacity, valid_from=start, valid_to=end, decree=decree,
                                                created_by=admin.user_id, now=now)
                made = uow.acting.get(appointment_id)
                assert made is not None
                self._tell_appointed(uow, made, user.id, today)
                uow.commit()
                return made
        except ConcurrentWrite as exc:
            raise conflict_on_concurrent_write() from exc

    def end(self, appointment_id: int, as_user: str, on: date | str) -> Appointment:
        """End an appointment after day ``on`` (its last day; ``on`` may be yesterday, to end it now). An
        appointment that has not begun by then is cancelled. It cannot be extended: that is a new one."""
        errors: list[FieldError] = []
        last = _day(on, "on", errors)
        try:
            with self.ctx.uow() as uow:
                now = self.ctx.now()
                admin = _admin(uow, as_user, now)
                today = local_day(uow.org.tenant(admin.tenant_id), now)
                found = uow.acting.get(appointment_id)
                if found is None or found.tenant_id != admin.tenant_id:
                    raise NotFound(f"penunjukan {appointment_id} tidak ditemukan",
                                   f"appointment {appointment_id} not found")
                if found.state_on(today) in ("berakhir", "dibatalkan"):
                    raise Conflict(f"penunjukan {appointment_id} sudah berakhir",
                                   f"appointment {appointment_id} is over")
                if last is not None and last < today - timedelta(days=1):
                    errors.append(_error("on", "hari yang sudah lewat tidak dapat diubah (paling awal kemarin)",
                                         "days already past cannot be changed (yesterday at the earliest)"))
                if last is not None and last > found.valid_to:
                    errors.append(_error("on", f"tidak dapat diperpanjang melewati {format_day(found.valid_to)}; "
                                         "catat penunjukan baru", f"cannot be extended beyond {found.valid_to}; "
                                         "record a new appointment"))
                if errors:
                    raise ValidationFailed(errors)
                assert last is not None
                uow.acting.end(appointment_id, max(last, found.valid_from - timedelta(days=1)), admin.user_id, now)
                ended = uow.acting.get(appointment_id)
                assert ended is not None
                person = uow.org.user_by_username(ended.username)
                assert person is not None
                word_id = "dibatalkan" if ended.state_on(today) == "dibatalkan" else f"berakhir {format_day(last)}"
                word_en = "was cancelled" if ended.state_on(today) == "dibatalkan" else f"ends on {last}"
                self._notify(uow, ended, [person.id], f"Penunjukan {ended.title} {word_id}",
                             f"Penunjukan Anda sebagai {ended.title} {word_id}. "
                             f"Your appointment as {ended.title} {word_en}.")
                uow.commit()
                return ended
        except ConcurrentWrite as exc:
            raise conflict_on_concurrent_write() from exc

    def listing(self, as_user: str, *, active_on: date | None = None) -> list[Appointment]:
        """The pemda's appointments, newest period first; with ``active_on``, those covering that day.
        For admins and auditors."""
        with self.ctx.uow(write=False) as uow:
            actor = resolve_actor(uow, as_user, self.ctx.now())
            if not (actor.may("admin") or actor.may("auditor")):
                raise PermissionDenied(f"'{actor.username}' tidak berhak melihat penunjukan pejabat",
                                       f"'{actor.username}' may not see acting appointments")
            return uow.acting.listing(actor.tenant_id, active_on)

    def choices(self, as_user: str) -> AppointmentChoices:
        """What the admin's appointment form offers: the pemda's roles valid today (by OPD) and its
        active people, with the day the pemda is on. For admins only."""
        with self.ctx.uow(write=False) as uow:
            now = self.ctx.now()
            admin = _admin(uow, as_user, now)
            today = local_day(uow.org.tenant(admin.tenant_id), now)
            opds = {o.id: o for o in uow.org.opds(admin.tenant_id) if o.validity.covers(today)}
            roles = tuple(RoleChoice(str(r.path), r.opd_code, opds[r.opd_id].name, r.name)
                          for r in uow.org.roles(admin.tenant_id) if r.opd_id in opds and r.validity.covers(today))
            people = tuple(PersonChoice(u.username, u.full_name, u.nip) for u in uow.org.users(admin.tenant_id)
                           if u.active and u.validity.covers(today))
            return AppointmentChoices(today, roles, tuple(sorted(people, key=lambda p: p.full_name.casefold())))

    def _tell_appointed(self, uow: UnitOfWork, made: Appointment, user_id: int, today: date) -> None:
        period = f"{format_day(made.valid_from)} s.d. {format_day(made.valid_to)}"
        decree = f" ({made.decree})" if made.decree else ""
        self._notify(uow, made, [user_id], f"Anda ditunjuk sebagai {made.title}",
                     f"Anda ditunjuk sebagai {made.title} {period}{decree}. Selama masa itu tugas peran ini masuk ke "
                     f"kotak masuk Anda dan Anda menandatangani sebagai {made.title}. You are appointed "
                     f"{made.title} from {made.valid_from} to {made.valid_to}; the role's tasks come to your inbox "
                     "and you sign in that capacity.")
        others = [h.user_id for h in uow.org.people(today, role_ids={made.role_id}) if h.user_id != user_id]
        self._notify(uow, made, others, f"{made.full_name} ditunjuk sebagai {made.title}",
                     f"{made.full_name} ditunjuk sebagai {made.title} {period}{decree}. "
                     f"{made.full_name} is appointed {made.title} from {made.valid_from} to {made.valid_to}.")

    def _notify(self, uow: UnitOfWork, made: Appointment, user_ids: list[int], title: str, body: str) -> None:
        people = [Recipient(*h) for h in uow.org.holders_by_id(set(user_ids))]
        notify(self.ctx, uow, tenant_id=made.tenant_id, recipients=people, kind="acting_appointment",
               title=title[:255], body=body, instance_id=None, work_item_id=None, now=self.ctx.now())


def _admin(uow: UnitOfWork, username: str, now: datetime) -> Actor:
    actor = resolve_actor(uow, username, now)
    if not actor.may("admin"):
        raise PermissionDenied(f"'{actor.username}' bukan admin pemda", f"'{actor.username}' is not an admin")
    return actor


def _role(uow: UnitOfWork, admin: Actor, text: str, errors: list[FieldError]) -> Role | None:
    path = RolePath.parse(text or "")
    if path is None:
        errors.append(_error("role", "tulis peran sebagai OPD/Peran, mis. PUPR/Kepala Dinas",
                             "write the role as OPD/Role, e.g. PUPR/Kepala Dinas"))
        return None
    found = next((r for r in uow.org.roles(admin.tenant_id, {path.role_name}) if r.path.key() == path.key()), None)
    if found is None:
        errors.append(_error("role", f"peran '{path}' tidak ada di pemda ini", f"role '{path}' is not in this tenant"))
    return found


def _role_span(uow: UnitOfWork, admin: Actor, role: Role, start: date, end: date) -> list[FieldError]:
    opd = next(o for o in uow.org.opds(admin.tenant_id) if o.id == role.opd_id)
    if all(v.covers(start) and v.covers(end) for v in (role.validity, opd.validity)):
        return []
    return [_error("role", f"peran {role.path} tidak berlaku sepanjang masa penunjukan",
                   f"role {role.path} is not valid for the whole period")]


def _person_fits(uow: UnitOfWork, user: User, role: Role, start: date, end: date) -> list[FieldError]:
    out = []
    if not (user.active and user.validity.covers(start) and user.validity.covers(end)):
        out.append(_error("username", f"akun '{user.username}' tidak aktif sepanjang masa penunjukan",
                          f"account '{user.username}' is not active for the whole period"))
    for m in user.memberships:
        if m.role_id == role.id and (m.validity.valid_from or date.min) <= end and start <= (
                m.validity.valid_to or date.max):
            out.append(_error("username", f"'{user.username}' sudah memegang {role.path} pada masa itu",
                              f"'{user.username}' already holds {role.path} in that period"))
            break
    if clash := uow.acting.overlapping(user.id, role.id, start, end):
        out.append(_error("valid_from",
                          f"masa ini bertumpang tindih dengan penunjukan #{clash[0]} untuk peran yang sama",
                          f"the period overlaps appointment #{clash[0]} to the same role"))
    return out


def _day(value: date | str, path: str, errors: list[FieldError]) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        errors.append(_error(path, "tanggal tidak valid (TTTT-BB-HH)", "invalid date (YYYY-MM-DD)"))
        return None


def _error(path: str, message_id: str, message_en: str) -> FieldError:
    return FieldError(path, "invalid", message_id, message_en)
