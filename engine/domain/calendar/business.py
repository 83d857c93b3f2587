"""Working-day and office-hour arithmetic over a tenant's calendar (hari kerja, jam kerja).

Both kinds of arithmetic are one idea: every day has a weight (1 per working day, or its office
time in microseconds), days off weigh nothing, and we look for the day on which the running sum
reaches a target. Whole weeks weigh the same, so long spans are skipped a week-block at a time and
only the few days off inside a block are looked up (bisect on a per-year sorted list); adding 1000
working days costs a handful of steps, not 1000.

Office time is counted on the tenant's wall clock. Indonesian zones (WIB, WITA, WIT) have no
daylight saving, so wall-clock time there is elapsed time; every result is returned in UTC.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from engine.domain.calendar.model import DAY_OFF_KINDS, CalendarError, CalendarPolicy, DayOff, HolidaySource, zone_of
from engine.domain.lru import Lru

_US = timedelta(microseconds=1)
_DAY = timedelta(days=1)
# No real calendar closes for this long; a longer run of closed days means a broken holiday source.
MAX_CLOSED_RUN_DAYS = 400
# About two centuries: far beyond any deadline, small enough to bound the work of one call.
MAX_SPAN_DAYS = 200 * 366


@dataclass(frozen=True)
class _Year:
    days_off: tuple[DayOff, ...]     # one per date, only on weekdays the office would otherwise open
    closed: tuple[date, ...]         # their dates, sorted, for bisect
    closed_set: frozenset[date]
    listed: tuple[DayOff, ...] = ()  # every day off, also those on a closed weekday (a Saturday Lebaran)


class BusinessCalendar:
    """A tenant's working calendar: which days count, and how working days and office hours add up."""

    def __init__(self, policy: CalendarPolicy, source: HolidaySource) -> None:
        if not isinstance(policy, CalendarPolicy):
            raise CalendarError("kebijakan kalender tidak valid", "invalid calendar policy")
        self.policy = policy
        self.timezone: str = policy.timezone     # read by the timer code (engine.bpmn.timers)
        self._zone = zone_of(policy.timezone)
        self._source = source
        self._spans = tuple(policy.hours.days.get(weekday) for weekday in range(7))
        self._ones = tuple(0 if span is None else 1 for span in self._spans)
        self._office_us = tuple(0 if span is None else _length_us(*span) for span in self._spans)
        self._years: Lru[int, _Year] = Lru(64)

    # -- days off ---------------------------------------------------------------------------------

    def days_off(self, year: int) -> list[DayOff]:
        """The days off of ``year`` after the policy and overrides, sorted; closed weekdays are not listed."""
        if isinstance(year, bool) or not isinstance(year, int) or not 1 <= year <= 9999:
            raise CalendarError(f"tahun tidak valid: {year!r}", f"invalid year: {year!r}")
        return list(self._year(year).days_off)

    def listing(self, year: int) -> list[tuple[DayOff, bool]]:
        """Every day off of ``year`` for people to read, each with whether it falls on a day the office
        is closed anyway (a holiday on a Sunday is still a holiday, it just stops no clock)."""
        self.days_off(year)
        return [(d, self._ones[d.day.weekday()] == 0) for d in self._year(year).listed]

    def is_working_day(self, day: date) -> bool:
        local = self._local_day(day)
        return self._is_working(local)

    def _is_working(self, day: date) -> bool:
        return self._ones[day.weekday()] == 1 and day not in self._year(day.year).closed_set

    def _year(self, year: int) -> _Year:
        return self._years.get_or_make(year, lambda: self._build_year(year))

    def _build_year(self, year: int) -> _Year:
        policy = self.policy
        found: dict[date, list[DayOff]] = {}
        for entry in self._source.days_off(year):
            if not isinstance(entry, DayOff):
                raise CalendarError("sumber hari libur mengirim data yang bukan hari libur",
                                    "the holiday source returned something that is not a DayOff")
            if entry.day.year != year or entry.day in policy.revoked_days_off:
                continue
            if entry.kind == "joint_leave" and not policy.joint_leave_is_day_off:
                continue
            found.setdefault(entry.day, []).append(entry)
        for day, name in policy.extra_days_off.items():
            if day.year == year:
                found.setdefault(day, []).append(DayOff(day, name, "local"))
        listed = tuple(_merge(day, found[day]) for day in sorted(found))
        merged = tuple(d for d in listed if self._ones[d.day.weekday()])
        closed = tuple(d.day for d in merged)
        return _Year(merged, closed, frozenset(closed), listed)

    # -- working days -----------------------------------------------------------------------------

    def add_working_days(self, start: datetime | date, n: int) -> date:
        """The n-th working day after ``start``'s local day; counting starts the next day.

        ``n == 0`` gives the start's own day when it is a working day, else the next working day:
        work that arrives on a Sunday is due, at the earliest, on Monday.
        """
        _check_count(n)
        day = self._local_day(start)
        try:
            if n == 0:
                return self._seek(day, 1, self._ones)[0]
            return self._seek(day + _DAY, n, self._ones)[0]
        except OverflowError:
            raise _beyond_range() from None

    def due_after_working_days(self, start: datetime, n: int) -> datetime:
        """Closing time (as aware UTC) of the day ``add_working_days(start, n)`` gives, in the tenant's zone."""
        self._require_aware(start)
        day = self.add_working_days(start, n)
        span = self._spans[day.weekday()]
        assert span is not None    # _seek only ever lands on an open weekday
        return self._utc(datetime.combine(day, span[1]))

    def working_days_between(self, a: datetime | date, b: datetime | date) -> int:
        """Working days in (a, b] — negative when b is before a; the inverse of add_working_days for a working a."""
        first, last = self._local_day(a), self._local_day(b)
        if last < first:
            return -self.working_days_between(last, first)
        _check_span(first, last)
        # Count over [first, last) then shift by one day, so date.max never needs a successor.
        inner = self._weighted(first, last, self._ones)
        return inner - int(self._is_working(first)) + int(self._is_working(last))

    # -- office hours (jam kerja) -----------------------------------------------------------------

    def add_working_time(self, start: datetime, amount: timedelta) -> datetime:
        """The earliest moment (aware UTC) during office hours, opening and closing included, by which
        ``amount`` of office time has passed since ``start``. A start outside office hours begins at
        the next opening; a zero amount inside office hours gives ``start`` back.
        """
        local = self._local(start)
        if not isinstance(amount, timedelta) or amount < timedelta(0):
            raise CalendarError("jumlah jam kerja tidak boleh negatif", "working time must not be negative")
        if amount > timedelta(days=MAX_SPAN_DAYS):
            raise _beyond_range()
        day, offset = self._position(local)
        span = self._spans[day.weekday()]
        try:
            if amount == timedelta(0):
                if span is not None and self._is_working(day) and local.time() <= span[1]:
                    return start.astimezone(UTC) if local.time() >= span[0] else self._opening(day)
                return self._opening(self._seek(day + _DAY, 1, self._ones)[0])
            found, rest = self._seek(day, offset + amount // _US, self._office_us)
        except OverflowError:
            raise _beyond_range() from None
        return self._utc(self._local_opening(found) + rest * _US)

    def working_time_between(self, a: datetime, b: datetime) -> timedelta:
        """Office time between two moments; negative when b is before a. Additive: a→b + b→c == a→c."""
        la, lb = self._local(a), self._local(b)
        if b < a:
            return -self.working_time_between(b, a)
        (day_a, off_a), (day_b, off_b) = self._position(la), self._position(lb)
        _check_span(day_a, day_b)
        return (self._weighted(day_a, day_b, self._office_us) + off_b - off_a) * _US

    def _position(self, local: datetime) -> tuple[date, int]:
        """The local day of ``local`` and the office time (µs) already past on that day by then."""
        day = local.date()
        span = self._spans[day.weekday()]
        if span is None or not self._is_working(day):
            return day, 0
        since_opening = (local - datetime.combine(day, span[0])) // _US
        return day, min(max(since_opening, 0), self._office_us[day.weekday()])

    # -- the shared engine --------------------------------------------------------------------------

    def _seek(self, first: date, target: int, weights: Sequence[int]) -> tuple[date, int]:
        """The working day on which the running sum of ``weights`` from ``first`` (inclusive) reaches
        ``target`` (> 0), and how much of that day's weight is still needed (1 .. its weight).
        """
        week = sum(weights)
        day, remaining, idle = first, target, 0
        while remaining > week:
            # Keep at least one unit for the day-by-day walk, so the answer is the day it is reached
            # on, not the day after a block that ended exactly on target.
            weeks = (remaining - 1) // week
            stop = day + timedelta(days=7 * weeks)
            used = self._weighted(day, stop, weights)
            idle = idle + 7 * weeks if used == 0 else 0
            self._guard_idle(idle, day)
            remaining -= used
            day = stop
        while True:
            weight = weights[day.weekday()]
            if weight and self._is_working(day):
                if remaining <= weight:
                    return day, remaining
                remaining -= weight
                idle = 0
            else:
                idle += 1
                self._guard_idle(idle, day)
            day += _DAY

    def _weighted(self, start: date, stop: date, weights: Sequence[int]) -> int:
        """Sum of ``weights`` over the working days in [start, stop)."""
        full_weeks, rest = divmod((stop - start).days, 7)
        first = start.weekday()
        total = full_weeks * sum(weights) + sum(weights[(first + i) % 7] for i in range(rest))
        return total - sum(weights[day.weekday()] for day in self._closed_between(start, stop))

    def _closed_between(self, start: date, stop: date) -> Iterator[date]:
        for year in range(start.year, stop.year + 1):
            closed = self._year(year).closed
            yield from closed[bisect_left(closed, start):bisect_left(closed, stop)]

    @staticmethod
    def _guard_idle(idle: int, day: date) -> None:
        if idle > MAX_CLOSED_RUN_DAYS:
            raise CalendarError(f"tidak ada hari kerja selama {MAX_CLOSED_RUN_DAYS} hari sebelum {day}; "
                                "periksa daftar hari libur",
                                f"no working day in {MAX_CLOSED_RUN_DAYS} days before {day}; check the days off")

    # -- time zones ---------------------------------------------------------------------------------

    @staticmethod
    def _require_aware(moment: datetime) -> None:
        if not isinstance(moment, datetime):
            raise CalendarError(f"perlu waktu (datetime), bukan {type(moment).__name__}",
                                f"a datetime is needed, not {type(moment).__name__}")
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise CalendarError(f"waktu {moment.isoformat()} tidak punya zona waktu",
                                f"naive datetime {moment.isoformat()}: a time zone is required")

    def _local(self, moment: datetime) -> datetime:
        """``moment`` as a naive wall-clock time in the tenant's zone."""
        self._require_aware(moment)
        return moment.astimezone(self._zone).replace(tzinfo=None)

    def _local_day(self, value: datetime | date) -> date:
        if isinstance(value, datetime):
            return self._local(value).date()
        if not isinstance(value, date):
            raise CalendarError(f"perlu tanggal, bukan {type(value).__name__}",
                                f"a date is needed, not {type(value).__name__}")
        return value

    def _utc(self, local: datetime) -> datetime:
        return local.replace(tzinfo=self._zone).astimezone(UTC)

    def _local_opening(self, day: date) -> datetime:
        span = self._spans[day.weekday()]
        assert span is not None    # callers pass working days only
        return datetime.combine(day, span[0])

    def _opening(self, day: date) -> datetime:
        return self._utc(self._local_opening(day))


def _merge(day: date, entries: list[DayOff]) -> DayOff:
    """One entry per date: the strongest reason names the kind; it is estimated only if every reason is."""
    ordered = sorted(entries, key=lambda e: DAY_OFF_KINDS.index(e.kind))
    names = list(dict.fromkeys(e.name for e in ordered))
    return DayOff(day, "; ".join(names), ordered[0].kind, all(e.estimated for e in ordered))


def _length_us(opening: time, closing: time) -> int:
    anchor = date(2000, 1, 3)
    return (datetime.combine(anchor, closing) - datetime.combine(anchor, opening)) // _US


def _check_count(n: int) -> None:
    if isinstance(n, bool) or not isinstance(n, int):
        raise CalendarError(f"jumlah hari kerja harus bilangan bulat: {n!r}", f"working days must be an integer: {n!r}")
    if n < 0:
        raise CalendarError(f"jumlah hari kerja tidak boleh negatif: {n}", f"working days must not be negative: {n}")
    if n > MAX_SPAN_DAYS:
        raise _beyond_range()


def _check_span(first: date, last: date) -> None:
    if (last - first).days > MAX_SPAN_DAYS:
        raise _beyond_range()


def _beyond_range() -> CalendarError:
    return CalendarError("rentang waktu terlalu panjang untuk kalender kerja (batas sekitar 200 tahun)",
                         "span too long for the business calendar (limit about 200 years)")
