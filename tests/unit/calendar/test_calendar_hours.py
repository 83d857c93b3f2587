"""Office-hour arithmetic (jam kerja): only open office time counts; results come back in UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from calendar_fakes import FakeHolidays

from engine.domain.calendar import BusinessCalendar, CalendarPolicy, OfficeHours

WIB = ZoneInfo("Asia/Jakarta")
H = timedelta(hours=1)


def wib(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=WIB)


@pytest.mark.parametrize(
    ("start", "amount", "expected"),
    [
        (wib(17, 9), 2 * H, wib(17, 11)),                   # inside one day
        (wib(17, 9), 7 * H, wib(17, 16)),                   # ends exactly at closing, not next opening
        (wib(17, 9), 7 * H + timedelta(minutes=1), wib(25, 7, 31)),   # then over Nyepi and Lebaran
        (wib(17, 6), 1 * H, wib(17, 8, 30)),                # before opening: starts at 07:30
        (wib(17, 18), 1 * H, wib(25, 8, 30)),               # after closing: next working day's opening
        (wib(13, 15), 2 * H, wib(16, 8, 0)),                # Friday closes 16:30, then the weekend
        (wib(14, 10), 1 * H, wib(16, 8, 30)),               # Saturday start
        (wib(16, 7, 30), 4 * 8.5 * H, wib(26, 16)),         # Mon, Tue, (closed 18-24), Wed, Thu
    ],
)
def test_add_working_time(calendar: BusinessCalendar, start: datetime, amount: timedelta,
                          expected: datetime) -> None:
    got = calendar.add_working_time(start, amount)
    assert got == expected and got.tzinfo is UTC
    assert calendar.working_time_between(start, got) == amount


def test_zero_amount(calendar: BusinessCalendar) -> None:
    assert calendar.add_working_time(wib(17, 10), timedelta(0)) == wib(17, 10)
    assert calendar.add_working_time(wib(17, 16), timedelta(0)) == wib(17, 16)      # closing still counts
    assert calendar.add_working_time(wib(17, 6), timedelta(0)) == wib(17, 7, 30)
    assert calendar.add_working_time(wib(17, 17), timedelta(0)) == wib(25, 7, 30)
    assert calendar.add_working_time(wib(15, 12), timedelta(0)) == wib(16, 7, 30)   # Sunday


def test_working_time_between(calendar: BusinessCalendar) -> None:
    assert calendar.working_time_between(wib(16, 7, 30), wib(16, 16)) == 8.5 * H
    assert calendar.working_time_between(wib(16, 0), wib(17, 0)) == 8.5 * H
    assert calendar.working_time_between(wib(13, 0), wib(16, 0)) == 9 * H           # Friday is 9 hours
    assert calendar.working_time_between(wib(17, 12), wib(25, 9)) == 4 * H + 1.5 * H
    assert calendar.working_time_between(wib(25, 9), wib(17, 12)) == -(5.5 * H)
    assert calendar.working_time_between(wib(14, 9), wib(15, 17)) == timedelta(0)  # the weekend
    assert calendar.working_time_between(wib(16, 9), wib(16, 9)) == timedelta(0)


def test_a_week_of_office_time(calendar: BusinessCalendar) -> None:
    week = 4 * 8.5 * H + 9 * H
    assert calendar.working_time_between(wib(2, 0), wib(9, 0)) == week
    assert calendar.add_working_time(wib(2, 7, 30), week) == wib(6, 16, 30)   # Friday's closing, not Monday's opening


def test_other_zones_count_their_own_office_hours(fake_source: FakeHolidays) -> None:
    wit = BusinessCalendar(CalendarPolicy(timezone="Asia/Jayapura"), fake_source)
    # 23:00 UTC Monday is 08:00 Tuesday in WIT: the office is already open there.
    start = datetime(2026, 3, 9, 23, 0, tzinfo=UTC)
    assert wit.add_working_time(start, H) == datetime(2026, 3, 10, 0, 0, tzinfo=UTC)
    wib_calendar = BusinessCalendar(CalendarPolicy(), fake_source)
    assert wib_calendar.add_working_time(start, H) == datetime(2026, 3, 10, 1, 30, tzinfo=UTC)   # 07:30 + 1h WIB


def test_short_six_day_hours(fake_source: FakeHolidays) -> None:
    calendar = BusinessCalendar(CalendarPolicy(hours=OfficeHours.six_day()), fake_source)
    assert calendar.working_time_between(wib(14, 0), wib(15, 0)) == 5.5 * H    # Saturday 07:30-13:00
    assert calendar.add_working_time(wib(13, 11), H) == wib(14, 8)              # Friday closes 11:30


def test_large_amounts_skip_weeks(calendar: BusinessCalendar, fake_source: FakeHolidays) -> None:
    start = wib(2, 9, month=1)
    amount = timedelta(hours=8000)
    got = calendar.add_working_time(start, amount)
    assert calendar.working_time_between(start, got) == amount
    assert got.astimezone(WIB).time() > time(7, 30)
    assert sorted(set(fake_source.calls)) == fake_source.calls   # years asked once each, in order


def test_a_tenant_zone_with_daylight_saving_still_adds_up(fake_source: FakeHolidays) -> None:
    # Not an Indonesian case, but the arithmetic must stay consistent across a DST change.
    calendar = BusinessCalendar(CalendarPolicy(timezone="Europe/Amsterdam"), fake_source)
    start = datetime(2026, 3, 27, 9, tzinfo=UTC)
    got = calendar.add_working_time(start, 20 * H)
    assert calendar.working_time_between(start, got) == 20 * H
    assert got.astimezone(ZoneInfo("Europe/Amsterdam")).date() == date(2026, 3, 31)
