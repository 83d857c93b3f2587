"""The worked example and the 2026 data, against the real ``holidays`` package (country "ID")."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime

import pytest

from engine.adapters.holidays import IndonesianHolidays
from engine.domain.calendar import BusinessCalendar, CalendarError, CalendarPolicy


@pytest.fixture(scope="module")
def source() -> IndonesianHolidays:
    return IndonesianHolidays()


@pytest.mark.parametrize(
    ("joint_leave_off", "expected", "closing_utc"),
    [
        (True, date(2026, 3, 27), datetime(2026, 3, 27, 9, 30, tzinfo=UTC)),   # Friday, closes 16:30 WIB
        (False, date(2026, 3, 23), datetime(2026, 3, 23, 9, 0, tzinfo=UTC)),   # Monday, closes 16:00 WIB
    ],
)
def test_worked_example(source: IndonesianHolidays, joint_leave_off: bool, expected: date,
                        closing_utc: datetime) -> None:
    calendar = BusinessCalendar(CalendarPolicy(joint_leave_is_day_off=joint_leave_off), source)
    assert calendar.add_working_days(date(2026, 3, 17), 3) == expected
    assert calendar.working_days_between(date(2026, 3, 17), expected) == 3
    # 09:00 WIB on that Tuesday: due at closing time of the third working day.
    assert calendar.due_after_working_days(datetime(2026, 3, 17, 2, 0, tzinfo=UTC), 3) == closing_utc


def test_2026_names_are_indonesian_with_kinds(source: IndonesianHolidays) -> None:
    by_day = {d.day: d for d in source.days_off(2026)}
    assert by_day[date(2026, 3, 19)].name == "Hari Suci Nyepi"
    assert by_day[date(2026, 3, 19)].kind == "public"
    assert by_day[date(2026, 3, 18)].name == "Cuti Bersama Hari Suci Nyepi"
    assert by_day[date(2026, 3, 18)].kind == "joint_leave"
    assert by_day[date(2026, 8, 17)].name == "Hari Kemerdekaan Republik Indonesia"
    assert len([d for d in by_day.values() if d.kind == "joint_leave"]) == 8
    assert not any(d.estimated for d in by_day.values())   # 2026 dates are decreed


def test_estimated_lunar_dates_are_flagged_and_named_without_label(source: IndonesianHolidays) -> None:
    estimated = [d for d in source.days_off(2030) if d.estimated]
    assert estimated, "the package marks unconfirmed lunar dates of 2030 as estimates"
    assert all("perkiraan" not in d.name for d in estimated)
    assert "Hari Raya Idul Fitri" in {d.name for d in estimated}
    confirmed = {d.name for d in source.days_off(2030) if not d.estimated}
    assert "Hari Kemerdekaan Republik Indonesia" in confirmed


def test_english_names_and_unsupported_language() -> None:
    names = {d.name for d in IndonesianHolidays("en_US").days_off(2026)}
    assert "Day of Silence" in names and "Eid al-Fitr Joint Holiday" in names
    with pytest.raises(CalendarError, match="not supported"):
        IndonesianHolidays("jv")


def test_calendar_lists_only_days_the_office_would_open(source: IndonesianHolidays) -> None:
    listed = {d.day for d in BusinessCalendar(CalendarPolicy(), source).days_off(2026)}
    assert date(2026, 3, 21) not in listed and date(2026, 3, 22) not in listed   # Idul Fitri on a weekend
    assert date(2026, 3, 19) in listed and date(2026, 3, 23) in listed
    assert all(day.weekday() < 5 for day in listed)


def test_cache_is_shared_and_thread_safe() -> None:
    source = IndonesianHolidays()
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(source.days_off, [2026] * 32 + [2027] * 32))
    assert all(r == results[0] for r in results[:32]) and all(r == results[-1] for r in results[32:])
    assert source.days_off(2026) is not source.days_off(2026)   # callers get their own list


def test_bad_year_is_refused(source: IndonesianHolidays) -> None:
    with pytest.raises(CalendarError):
        source.days_off(0)
