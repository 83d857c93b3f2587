"""Policies and office hours refuse bad configuration with Indonesian-first CalendarErrors."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from calendar_fakes import FakeHolidays

from engine.domain.calendar import BusinessCalendar, CalendarError, CalendarPolicy, DayOff, OfficeHours
from engine.domain.errors import LintasError


def test_defaults_are_the_civil_service_week_in_wib() -> None:
    policy = CalendarPolicy()
    assert policy.timezone == "Asia/Jakarta" and policy.joint_leave_is_day_off
    assert policy.hours.days[0] == (time(7, 30), time(16, 0))
    assert policy.hours.days[4] == (time(7, 30), time(16, 30))
    assert sorted(policy.hours.days) == [0, 1, 2, 3, 4]
    assert sorted(OfficeHours.six_day().days) == [0, 1, 2, 3, 4, 5]
    assert OfficeHours.six_day().days[5] == (time(7, 30), time(13, 0))


def test_error_is_bilingual_and_a_value_error() -> None:
    with pytest.raises(CalendarError) as caught:
        CalendarPolicy(timezone="Asia/Bandung")
    err = caught.value
    assert isinstance(err, ValueError) and isinstance(err, LintasError)
    assert err.message_id.startswith("zona waktu tidak dikenal") and "unknown time zone" in err.message_en
    assert err.as_dict()["error"] == "calendar_invalid"


@pytest.mark.parametrize("zone", ["", "Nowhere/Town", "../etc/passwd", "WIB"])
def test_unknown_time_zone(zone: str) -> None:
    with pytest.raises(CalendarError):
        CalendarPolicy(timezone=zone)


@pytest.mark.parametrize(
    "days",
    [
        {},                                              # never open: add_working_days would never end
        {0: (time(16, 0), time(7, 30))},                 # closing before opening
        {0: (time(8, 0), time(8, 0))},                   # open for no time at all
        {7: (time(8, 0), time(16, 0))},                  # no such weekday
        {0: (time(8, 0),)},                              # not a pair
        {0: ("08:00", "16:00")},                         # not times
        {0: (time(8, 0, tzinfo=UTC), time(16, 0))},      # a zone of its own
        [(time(8, 0), time(16, 0))],                     # not a mapping at all
    ],
)
def test_bad_office_hours(days: object) -> None:
    with pytest.raises(CalendarError):
        OfficeHours(days)  # type: ignore[arg-type]


def test_office_hours_are_frozen_copies() -> None:
    source = {0: (time(8, 0), time(12, 0))}
    hours = OfficeHours(source)
    source[1] = (time(8, 0), time(12, 0))
    assert sorted(hours.days) == [0]
    with pytest.raises(TypeError):
        hours.days[2] = (time(8, 0), time(12, 0))  # type: ignore[index]
    assert hash(hours) == hash(OfficeHours({0: (time(8, 0), time(12, 0))}))


@pytest.mark.parametrize("key", ["2026-02-30", "17-08-2026", datetime(2026, 8, 18, tzinfo=UTC), 20260818, None])
def test_invalid_override_date(key: object) -> None:
    with pytest.raises(CalendarError):
        CalendarPolicy(extra_days_off={key: "Hari Jadi Kabupaten"})  # type: ignore[dict-item]


def test_overrides_accept_iso_strings_and_are_normalised() -> None:
    policy = CalendarPolicy(extra_days_off={"2026-08-18": " Hari Jadi Kota "},  # type: ignore[dict-item]
                            revoked_days_off=frozenset({"2026-12-24"}))  # type: ignore[arg-type]
    assert dict(policy.extra_days_off) == {date(2026, 8, 18): "Hari Jadi Kota"}
    assert policy.revoked_days_off == frozenset({date(2026, 12, 24)})
    assert hash(policy) == hash(CalendarPolicy(extra_days_off={date(2026, 8, 18): "Hari Jadi Kota"},
                                               revoked_days_off=frozenset({date(2026, 12, 24)})))


def test_override_problems() -> None:
    with pytest.raises(CalendarError, match="needs a name"):
        CalendarPolicy(extra_days_off={date(2026, 8, 18): "  "})
    with pytest.raises(CalendarError, match="both added and revoked"):
        CalendarPolicy(extra_days_off={date(2026, 8, 18): "X"}, revoked_days_off=frozenset({date(2026, 8, 18)}))
    with pytest.raises(CalendarError):
        CalendarPolicy(revoked_days_off="2026-08-18")  # type: ignore[arg-type]


def test_day_off_kind_is_checked() -> None:
    with pytest.raises(CalendarError):
        DayOff(date(2026, 1, 1), "Tahun Baru", "national")


def test_negative_or_non_integer_counts(calendar: BusinessCalendar) -> None:
    with pytest.raises(CalendarError, match="negative"):
        calendar.add_working_days(date(2026, 3, 17), -1)
    with pytest.raises(CalendarError):
        calendar.add_working_days(date(2026, 3, 17), 1.5)  # type: ignore[arg-type]
    with pytest.raises(CalendarError):
        calendar.add_working_days(date(2026, 3, 17), True)
    with pytest.raises(CalendarError, match="negative"):
        calendar.add_working_time(datetime(2026, 3, 17, 2, tzinfo=UTC), timedelta(hours=-1))


def test_naive_datetimes_are_refused(calendar: BusinessCalendar) -> None:
    naive = datetime(2026, 3, 17, 9, 0)  # noqa: DTZ001 - the point of the test
    calls = [
        lambda: calendar.add_working_days(naive, 1),
        lambda: calendar.due_after_working_days(naive, 1),
        lambda: calendar.add_working_time(naive, timedelta(hours=1)),
        lambda: calendar.working_time_between(naive, datetime(2026, 3, 18, tzinfo=UTC)),
        lambda: calendar.is_working_day(naive),
    ]
    for call in calls:
        with pytest.raises(ValueError, match="time zone is required"):
            call()
    with pytest.raises(CalendarError):
        calendar.due_after_working_days(date(2026, 3, 17), 1)  # type: ignore[arg-type]


def test_any_fixed_offset_is_accepted_as_input(calendar: BusinessCalendar) -> None:
    # 00:30 on Tuesday at UTC+8 is still 23:30 on Monday in the tenant's WIB.
    wita = timezone(timedelta(hours=8))
    assert calendar.add_working_days(datetime(2026, 3, 10, 0, 30, tzinfo=wita), 1) == date(2026, 3, 10)


def test_a_source_that_closes_everything_fails_instead_of_looping() -> None:
    every_day = [DayOff(date(2026, 1, 1) + timedelta(days=i), "Tutup", "public") for i in range(800)]
    calendar = BusinessCalendar(CalendarPolicy(), FakeHolidays(every_day))
    for call in (lambda: calendar.add_working_days(date(2026, 1, 1), 1),
                 lambda: calendar.add_working_days(date(2026, 1, 1), 500),
                 lambda: calendar.add_working_time(datetime(2026, 1, 1, tzinfo=UTC), timedelta(hours=100))):
        with pytest.raises(CalendarError, match="no working day"):
            call()


def test_a_source_returning_junk_is_refused() -> None:
    class Junk:
        def days_off(self, year: int) -> list[DayOff]:
            return [date(year, 1, 1)]  # type: ignore[list-item]

    with pytest.raises(CalendarError):
        BusinessCalendar(CalendarPolicy(), Junk()).is_working_day(date(2026, 1, 2))


def test_spans_beyond_the_supported_range(calendar: BusinessCalendar) -> None:
    with pytest.raises(CalendarError, match="too long"):
        calendar.add_working_days(date(2026, 1, 1), 10**9)
    with pytest.raises(CalendarError, match="too long"):
        calendar.working_days_between(date(1, 1, 1), date(9999, 12, 31))
    with pytest.raises(CalendarError, match="too long"):
        calendar.add_working_days(date(9999, 12, 20), 100)
    with pytest.raises(CalendarError):
        calendar.days_off(10000)
