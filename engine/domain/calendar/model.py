"""The plain data a business calendar is built from: office hours, days off, a tenant's policy.

Everything here is immutable and validated on construction, so a calendar can never be built from
a policy that would make working-day arithmetic loop forever (no open weekday, closing before
opening) or count in a time zone that does not exist.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from types import MappingProxyType
from typing import Any, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from engine.domain.errors import LintasError

DAY_OFF_KINDS = ("public", "joint_leave", "local")
WEEKDAY_NAMES_ID = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


class CalendarError(LintasError, ValueError):
    """A calendar was asked something impossible or configured wrongly.

    It is also a ``ValueError`` so callers that only know the standard library (a naive datetime
    passed by mistake) still catch it.
    """

    code = "calendar_invalid"
    status = 422


def parse_day(value: Any, where: str) -> date:
    """A calendar day from a ``date`` or an ISO ``YYYY-MM-DD`` string (as read from a tenant's config)."""
    if isinstance(value, datetime):
        # A datetime is a date subclass; accepting it would silently drop its time and zone.
        raise CalendarError(f"{where}: {value!r} adalah waktu, bukan tanggal",
                            f"{where}: {value!r} is a moment, not a calendar day")
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise CalendarError(f"{where}: tanggal tidak valid: {value!r}", f"{where}: invalid date: {value!r}")


@dataclass(frozen=True)
class OfficeHours:
    """Opening and closing local time per weekday (0 = Monday .. 6 = Sunday); an absent weekday is closed.

    ``standard()`` and ``six_day()`` are defaults only: each tenant (or unit) overrides them with the
    hours its own regulation sets.
    """

    days: Mapping[int, tuple[time, time]]

    def __post_init__(self) -> None:
        if not isinstance(self.days, Mapping):
            raise CalendarError("jam kantor harus berupa pemetaan hari -> (buka, tutup)",
                                "office hours must map weekday -> (opening, closing)")
        checked: dict[int, tuple[time, time]] = {}
        for weekday, span in self.days.items():
            if isinstance(weekday, bool) or not isinstance(weekday, int) or not 0 <= weekday <= 6:
                raise CalendarError(f"hari kerja tidak dikenal: {weekday!r} (0=Senin .. 6=Minggu)",
                                    f"unknown weekday: {weekday!r} (0=Monday .. 6=Sunday)")
            checked[weekday] = _check_span(weekday, span)
        if not checked:
            raise CalendarError("jam kantor harus membuka paling sedikit satu hari dalam seminggu",
                                "office hours must open on at least one weekday")
        # A read-only copy: the caller's dict must not be able to change a calendar after the fact.
        object.__setattr__(self, "days", MappingProxyType(dict(sorted(checked.items()))))

    def __hash__(self) -> int:
        return hash(tuple(self.days.items()))

    @classmethod
    def standard(cls) -> OfficeHours:
        """Five-day civil-service week (Perpres 21/2023): Mon–Thu 07:30–16:00, Fri 07:30–16:30."""
        mon_thu = (time(7, 30), time(16, 0))
        return cls({0: mon_thu, 1: mon_thu, 2: mon_thu, 3: mon_thu, 4: (time(7, 30), time(16, 30))})

    @classmethod
    def six_day(cls) -> OfficeHours:
        """Six-day week with shorter days: Mon–Thu 07:30–14:30, Fri 07:30–11:30, Sat 07:30–13:00."""
        mon_thu = (time(7, 30), time(14, 30))
        return cls({0: mon_thu, 1: mon_thu, 2: mon_thu, 3: mon_thu,
                    4: (time(7, 30), time(11, 30)), 5: (time(7, 30), time(13, 0))})

    def is_open(self, weekday: int) -> bool:
        return weekday in self.days


def _check_span(weekday: int, span: Any) -> tuple[time, time]:
    name_id, name_en = WEEKDAY_NAMES_ID[weekday], ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[weekday]
    if not isinstance(span, tuple | list) or len(span) != 2 or not all(isinstance(t, time) for t in span):
        raise CalendarError(f"jam kantor {name_id} harus berupa (jam buka, jam tutup)",
                            f"office hours for {name_en} must be (opening, closing) times")
    opening, closing = span
    if opening.tzinfo is not None or closing.tzinfo is not None:
        # Office hours are wall-clock times in the tenant's zone; a zone of their own would conflict.
        raise CalendarError(f"jam kantor {name_id} tidak boleh memakai zona waktu sendiri",
                            f"office hours for {name_en} must not carry their own time zone")
    if closing <= opening:
        raise CalendarError(f"jam tutup {name_id} ({closing:%H:%M}) harus setelah jam buka ({opening:%H:%M})",
                            f"closing time on {name_en} ({closing:%H:%M}) must be after opening ({opening:%H:%M})")
    return opening, closing


@dataclass(frozen=True)
class DayOff:
    """One day the offices close: a public holiday, a cuti bersama day, or a local override."""

    day: date
    name: str
    kind: str
    estimated: bool = False   # the date of a lunar holiday not yet confirmed by decree

    def __post_init__(self) -> None:
        object.__setattr__(self, "day", parse_day(self.day, "hari libur"))
        if self.kind not in DAY_OFF_KINDS:
            raise CalendarError(f"jenis hari libur tidak dikenal: {self.kind!r}",
                                f"unknown day-off kind: {self.kind!r}")


class HolidaySource(Protocol):
    """Where national days off come from (the ``holidays`` package in production, a fake in tests)."""

    def days_off(self, year: int) -> list[DayOff]:
        """Public holidays ("public") and cuti bersama ("joint_leave") of Indonesia in ``year``."""
        ...


@dataclass(frozen=True)
class CalendarPolicy:
    """How one tenant (pemda) counts working time.

    ``extra_days_off`` adds local days off (regional holidays, a decree changing dates mid-year);
    ``revoked_days_off`` removes national ones for this tenant. A day cannot be in both.
    """

    timezone: str = "Asia/Jakarta"          # WIB; Asia/Makassar = WITA; Asia/Jayapura = WIT
    hours: OfficeHours = OfficeHours.standard()
    joint_leave_is_day_off: bool = True     # offices close on cuti bersama, so the SLA clock stops
    extra_days_off: Mapping[date, str] = field(default_factory=dict)
    revoked_days_off: frozenset[date] = frozenset()

    def __post_init__(self) -> None:
        zone_of(self.timezone)
        if not isinstance(self.hours, OfficeHours):
            raise CalendarError("jam kantor tidak valid", "invalid office hours")
        if not isinstance(self.extra_days_off, Mapping):
            raise CalendarError("hari libur lokal harus berupa pemetaan tanggal -> nama",
                                "local days off must map date -> name")
        extra: dict[date, str] = {}
        for key, name in self.extra_days_off.items():
            day = parse_day(key, "hari libur lokal")
            if not isinstance(name, str) or not name.strip():
                raise CalendarError(f"hari libur lokal {day} perlu nama", f"local day off {day} needs a name")
            extra[day] = name.strip()
        revoked = frozenset(parse_day(d, "hari libur yang dibatalkan") for d in _iterable(self.revoked_days_off))
        clash = sorted(revoked & extra.keys())
        if clash:
            raise CalendarError(f"{clash[0]} sekaligus ditambah dan dibatalkan sebagai hari libur",
                                f"{clash[0]} is both added and revoked as a day off")
        object.__setattr__(self, "extra_days_off", MappingProxyType(dict(sorted(extra.items()))))
        object.__setattr__(self, "revoked_days_off", revoked)

    def __hash__(self) -> int:
        return hash((self.timezone, self.hours, self.joint_leave_is_day_off,
                     tuple(self.extra_days_off.items()), self.revoked_days_off))


def _iterable(value: Any) -> Iterable[Any]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise CalendarError("daftar hari libur yang dibatalkan harus berupa kumpulan tanggal",
                            "revoked days off must be a collection of dates")
    return value


def zone_of(name: str) -> ZoneInfo:
    """The IANA zone called ``name``, or a CalendarError (never a bare KeyError) when it is unknown."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise CalendarError(f"zona waktu tidak dikenal: {name!r} (mis. Asia/Jakarta, Asia/Makassar, Asia/Jayapura)",
                            f"unknown time zone: {name!r} (e.g. Asia/Jakarta, Asia/Makassar, Asia/Jayapura)") from None
