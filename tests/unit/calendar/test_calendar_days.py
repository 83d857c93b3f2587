"""Working days (hari kerja) on a fake holiday source: weeks, overrides, zones and year ends."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from calendar_fakes import SAMPLE_2026, FakeHolidays, joint, public, reference_add, reference_between

from engine.domain.calendar import BusinessCalendar, CalendarPolicy, DayOff, OfficeHours

TUE = date(2026, 3, 17)


def test_worked_example_on_the_fake(fake_source: FakeHolidays) -> None:
    assert BusinessCalendar(CalendarPolicy(), fake_source).add_working_days(TUE, 3) == date(2026, 3, 27)
    without = BusinessCalendar(CalendarPolicy(joint_leave_is_day_off=False), fake_source)
    assert without.add_working_days(TUE, 3) == date(2026, 3, 23)


def test_zero_days_is_today_or_the_next_working_day(calendar: BusinessCalendar) -> None:
    assert calendar.add_working_days(TUE, 0) == TUE
    assert calendar.add_working_days(date(2026, 3, 14), 0) == date(2026, 3, 16)   # Saturday -> Monday
    assert calendar.add_working_days(date(2026, 3, 18), 0) == date(2026, 3, 25)   # cuti bersama -> after Lebaran


def test_counting_starts_the_next_day_even_from_a_day_off(calendar: BusinessCalendar) -> None:
    assert calendar.add_working_days(date(2026, 3, 14), 1) == date(2026, 3, 16)   # Saturday + 1 = Monday
    assert calendar.add_working_days(date(2026, 3, 13), 1) == date(2026, 3, 16)   # Friday + 1 = Monday


def test_is_working_day(calendar: BusinessCalendar) -> None:
    assert calendar.is_working_day(TUE)
    assert not calendar.is_working_day(date(2026, 3, 19))     # Nyepi
    assert not calendar.is_working_day(date(2026, 3, 18))     # cuti bersama
    assert not calendar.is_working_day(date(2026, 3, 15))     # Sunday


def test_six_day_week(fake_source: FakeHolidays) -> None:
    calendar = BusinessCalendar(CalendarPolicy(hours=OfficeHours.six_day()), fake_source)
    assert calendar.is_working_day(date(2026, 3, 14))         # Saturday is open
    assert calendar.add_working_days(date(2026, 3, 12), 2) == date(2026, 3, 14)
    # Idul Fitri falls on a Saturday in 2026: it is a day off only in the six-day week.
    assert date(2026, 3, 21) in {d.day for d in calendar.days_off(2026)}
    assert calendar.add_working_days(TUE, 3) == date(2026, 3, 27)   # 18-24 closed, Saturday 21 included
    assert calendar.add_working_days(date(2026, 3, 25), 3) == date(2026, 3, 28)   # lands on a Saturday


def test_extra_day_off_and_revoked_day_off(fake_source: FakeHolidays) -> None:
    policy = CalendarPolicy(extra_days_off={date(2026, 3, 26): "Hari Jadi Kabupaten"},
                            revoked_days_off=frozenset({date(2026, 3, 24)}))
    calendar = BusinessCalendar(policy, fake_source)
    assert calendar.is_working_day(date(2026, 3, 24))          # cuti bersama revoked for this pemda
    assert not calendar.is_working_day(date(2026, 3, 26))
    assert calendar.add_working_days(TUE, 3) == date(2026, 3, 27)  # 24, 25, 27
    local = [d for d in calendar.days_off(2026) if d.kind == "local"]
    assert local == [DayOff(date(2026, 3, 26), "Hari Jadi Kabupaten", "local")]


def test_days_off_are_merged_sorted_and_weekend_free(fake_source: FakeHolidays) -> None:
    fake_source.entries += [public(date(2026, 12, 24), "Malam Natal", estimated=True),
                            public(date(2026, 6, 1), "Hari Lahir Pancasila")]
    calendar = BusinessCalendar(CalendarPolicy(extra_days_off={date(2026, 6, 1): "Hari Jadi Kota"}), fake_source)
    off = calendar.days_off(2026)
    assert [d.day for d in off] == sorted(d.day for d in off)
    assert all(d.day.weekday() < 5 for d in off)
    by_day = {d.day: d for d in off}
    assert by_day[date(2026, 12, 24)] == DayOff(date(2026, 12, 24), "Malam Natal; Cuti Bersama Hari Raya Natal",
                                                "public", estimated=False)
    assert by_day[date(2026, 6, 1)].name == "Hari Lahir Pancasila; Hari Jadi Kota"


def test_joint_leave_switch_changes_the_list(fake_source: FakeHolidays) -> None:
    with_joint = BusinessCalendar(CalendarPolicy(), fake_source).days_off(2026)
    without = BusinessCalendar(CalendarPolicy(joint_leave_is_day_off=False), fake_source).days_off(2026)
    assert {d.kind for d in with_joint} == {"public", "joint_leave"}
    assert {d.kind for d in without} == {"public"}


def test_estimated_days_are_listed_and_still_close_the_office() -> None:
    source = FakeHolidays([public(date(2030, 2, 4), "Hari Raya Idul Fitri", estimated=True)])
    calendar = BusinessCalendar(CalendarPolicy(), source)
    assert calendar.days_off(2030) == [DayOff(date(2030, 2, 4), "Hari Raya Idul Fitri", "public", True)]
    assert not calendar.is_working_day(date(2030, 2, 4))


def test_year_boundary(calendar: BusinessCalendar) -> None:
    # 24-25 Dec closed, 26-27 weekend, 1 Jan 2027 (Friday) closed, 2-3 Jan weekend.
    assert calendar.add_working_days(date(2026, 12, 23), 1) == date(2026, 12, 28)
    assert calendar.add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)
    assert calendar.add_working_days(date(2026, 12, 28), 4) == date(2027, 1, 4)
    assert calendar.working_days_between(date(2026, 12, 23), date(2027, 1, 4)) == 5
    assert calendar.working_days_between(date(2027, 1, 4), date(2026, 12, 23)) == -5


@pytest.mark.parametrize(
    ("zone", "moment", "local_day"),
    [
        # 16:30 UTC on Monday: 23:30 Monday in WIB, 00:30 Tuesday in WITA, 01:30 Tuesday in WIT.
        ("Asia/Jakarta", datetime(2026, 3, 9, 16, 30, tzinfo=UTC), date(2026, 3, 9)),
        ("Asia/Makassar", datetime(2026, 3, 9, 16, 30, tzinfo=UTC), date(2026, 3, 10)),
        ("Asia/Jayapura", datetime(2026, 3, 9, 16, 30, tzinfo=UTC), date(2026, 3, 10)),
        # 14:59 UTC on Friday is 23:59 Friday in WIT; a minute later it is Saturday.
        ("Asia/Jayapura", datetime(2026, 3, 13, 14, 59, tzinfo=UTC), date(2026, 3, 13)),
        ("Asia/Jayapura", datetime(2026, 3, 13, 15, 0, tzinfo=UTC), date(2026, 3, 14)),
    ],
)
def test_moments_land_on_the_local_day(fake_source: FakeHolidays, zone: str, moment: datetime,
                                       local_day: date) -> None:
    calendar = BusinessCalendar(CalendarPolicy(timezone=zone), fake_source)
    assert calendar.add_working_days(moment, 1) == calendar.add_working_days(local_day, 1)
    assert calendar.is_working_day(moment) == calendar.is_working_day(local_day)


@pytest.mark.parametrize(("zone", "offset_hours"), [("Asia/Jakarta", 7), ("Asia/Makassar", 8), ("Asia/Jayapura", 9)])
def test_due_at_closing_time_in_each_zone(fake_source: FakeHolidays, zone: str, offset_hours: int) -> None:
    calendar = BusinessCalendar(CalendarPolicy(timezone=zone), fake_source)
    due = calendar.due_after_working_days(datetime(2026, 3, 9, 2, tzinfo=UTC), 2)   # Monday -> Wednesday
    assert due == datetime(2026, 3, 11, 16 - offset_hours, 0, tzinfo=UTC)
    assert due.tzinfo is UTC
    assert calendar.due_after_working_days(datetime(2026, 3, 9, 2, tzinfo=UTC), 4).hour == 16 - offset_hours
    assert calendar.due_after_working_days(datetime(2026, 3, 9, 2, tzinfo=UTC), 4).minute == 30   # Friday


def test_indonesian_zones_have_no_daylight_saving() -> None:
    from zoneinfo import ZoneInfo
    for zone, hours in (("Asia/Jakarta", 7), ("Asia/Makassar", 8), ("Asia/Jayapura", 9)):
        offsets = {datetime(2026, m, 1, tzinfo=ZoneInfo(zone)).utcoffset() for m in range(1, 13)}
        assert offsets == {timedelta(hours=hours)}


def test_thousand_working_days_match_the_slow_walk(calendar: BusinessCalendar, fake_source: FakeHolidays) -> None:
    # Week blocks are skipped, so the source is asked about each year once, not per day.
    end = calendar.add_working_days(date(2026, 1, 2), 1000)
    assert end == reference_add(calendar, date(2026, 1, 2), 1000)
    assert calendar.working_days_between(date(2026, 1, 2), end) == 1000
    assert sorted(set(fake_source.calls)) == fake_source.calls


def test_long_runs_of_days_off() -> None:
    # A month-long closure (say, a disaster decree) inside a long count.
    closure = [DayOff(date(2026, 7, 1) + timedelta(days=i), "Tanggap darurat", "local") for i in range(31)]
    calendar = BusinessCalendar(CalendarPolicy(), FakeHolidays([*SAMPLE_2026, *closure, joint(date(2026, 6, 30))]))
    for start in (date(2026, 6, 1), date(2026, 6, 26), date(2026, 7, 15)):
        for n in (1, 5, 6, 22, 60):
            assert calendar.add_working_days(start, n) == reference_add(calendar, start, n)
    assert calendar.working_days_between(date(2026, 6, 1), date(2026, 9, 1)) == reference_between(
        calendar, date(2026, 6, 1), date(2026, 9, 1))
