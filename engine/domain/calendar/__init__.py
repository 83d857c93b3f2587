"""The business calendar: working days (hari kerja) and office hours (jam kerja) of a tenant.

Pure and I/O-free: national days off come in through a ``HolidaySource`` (the ``holidays`` package
adapter lives in ``engine.adapters.holidays``; tests pass a fake), and everything else is plain data.

Typical use::

    calendar = BusinessCalendar(CalendarPolicy(timezone="Asia/Makassar"), source)
    calendar.add_working_days(date(2026, 3, 17), 3)          # date(2026, 3, 27)
    calendar.due_after_working_days(received_at, 5)          # closing time of that day, in UTC
"""

from __future__ import annotations

from engine.domain.calendar.business import MAX_CLOSED_RUN_DAYS, MAX_SPAN_DAYS, BusinessCalendar
from engine.domain.calendar.model import (
    DAY_OFF_KINDS,
    CalendarError,
    CalendarPolicy,
    DayOff,
    HolidaySource,
    OfficeHours,
    parse_day,
)

__all__ = [
    "DAY_OFF_KINDS",
    "MAX_CLOSED_RUN_DAYS",
    "MAX_SPAN_DAYS",
    "BusinessCalendar",
    "CalendarError",
    "CalendarPolicy",
    "DayOff",
    "HolidaySource",
    "OfficeHours",
    "parse_day",
]
