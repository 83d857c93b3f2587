"""A fake HolidaySource and a slow, obviously-correct reference to check the calendar against."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import date, timedelta

from engine.domain.calendar import BusinessCalendar, DayOff


class FakeHolidays:
    """Days off from a fixed list, so tests do not depend on the holidays package's data."""

    def __init__(self, entries: Iterable[DayOff] = ()) -> None:
        self.entries = list(entries)
        self.calls: list[int] = []
        self._lock = threading.Lock()

    def days_off(self, year: int) -> list[DayOff]:
        with self._lock:
            self.calls.append(year)
        return [e for e in self.entries if e.day.year == year]


def public(day: date, name: str = "Libur nasional", estimated: bool = False) -> DayOff:
    return DayOff(day, name, "public", estimated)


def joint(day: date, name: str = "Cuti bersama") -> DayOff:
    return DayOff(day, name, "joint_leave")


# A 2026 in miniature: the real Nyepi/Lebaran cluster around the worked example, plus year ends.
SAMPLE_2026 = [
    public(date(2026, 1, 1), "Tahun Baru Masehi"),
    joint(date(2026, 3, 18), "Cuti Bersama Hari Suci Nyepi"),
    public(date(2026, 3, 19), "Hari Suci Nyepi"),
    joint(date(2026, 3, 20), "Cuti Bersama Hari Raya Idul Fitri"),
    public(date(2026, 3, 21), "Hari Raya Idul Fitri"),
    public(date(2026, 3, 22), "Hari kedua dari Hari Raya Idul Fitri"),
    joint(date(2026, 3, 23), "Cuti Bersama Hari Raya Idul Fitri"),
    joint(date(2026, 3, 24), "Cuti Bersama Hari Raya Idul Fitri"),
    public(date(2026, 8, 17), "Hari Kemerdekaan Republik Indonesia"),
    joint(date(2026, 12, 24), "Cuti Bersama Hari Raya Natal"),
    public(date(2026, 12, 25), "Hari Raya Natal"),
    public(date(2027, 1, 1), "Tahun Baru Masehi"),
]


def reference_add(calendar: BusinessCalendar, start: date, n: int) -> date:
    """add_working_days the slow way: walk day by day."""
    day = start
    if n == 0:
        while not calendar.is_working_day(day):
            day += timedelta(days=1)
        return day
    while n:
        day += timedelta(days=1)
        if calendar.is_working_day(day):
            n -= 1
    return day


def reference_between(calendar: BusinessCalendar, a: date, b: date) -> int:
    if b < a:
        return -reference_between(calendar, b, a)
    return sum(calendar.is_working_day(a + timedelta(days=i)) for i in range(1, (b - a).days + 1))
