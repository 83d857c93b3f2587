"""Properties of the calendar arithmetic over random weeks, days off, zones and moments (hypothesis)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from calendar_fakes import FakeHolidays, reference_add, reference_between
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.domain.calendar import BusinessCalendar, CalendarPolicy, DayOff, OfficeHours

ZONES = ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")
FIRST, LAST = date(2025, 1, 1), date(2028, 12, 31)


@st.composite
def office_hours(draw: st.DrawFn) -> OfficeHours:
    preset = draw(st.sampled_from(["standard", "six_day", "custom"]))
    if preset != "custom":
        return OfficeHours.standard() if preset == "standard" else OfficeHours.six_day()
    days: dict[int, tuple[time, time]] = {}
    for weekday in draw(st.sets(st.integers(0, 6), min_size=1)):
        opening = draw(st.integers(0, 22 * 4))            # quarter hours
        closing = draw(st.integers(opening + 1, 24 * 4 - 1))
        days[weekday] = (time(opening // 4, opening % 4 * 15), time(closing // 4, closing % 4 * 15))
    return OfficeHours(days)


@st.composite
def calendars(draw: st.DrawFn) -> BusinessCalendar:
    off = draw(st.lists(
        st.builds(DayOff, st.dates(FIRST, LAST), st.sampled_from(["Libur A", "Libur B"]),
                  st.sampled_from(["public", "joint_leave", "local"]), st.booleans()),
        max_size=60))
    extra = draw(st.dictionaries(st.dates(FIRST, LAST), st.just("Libur daerah"), max_size=5))
    revoked = draw(st.frozensets(st.dates(FIRST, LAST), max_size=5)) - extra.keys()
    policy = CalendarPolicy(timezone=draw(st.sampled_from(ZONES)), hours=draw(office_hours()),
                            joint_leave_is_day_off=draw(st.booleans()),
                            extra_days_off=extra, revoked_days_off=revoked)
    return BusinessCalendar(policy, FakeHolidays(off))


days = st.dates(date(2025, 6, 1), date(2026, 12, 31))
counts = st.integers(0, 400)
# hypothesis takes naive bounds and attaches the zone itself.
moments = st.datetimes(datetime(2025, 6, 1), datetime(2026, 12, 31), timezones=st.just(UTC))  # noqa: DTZ001
amounts = st.timedeltas(timedelta(0), timedelta(days=40))


@given(calendars(), days, counts)
def test_adding_then_measuring_gives_n_back(calendar: BusinessCalendar, start: date, n: int) -> None:
    working_start = calendar.add_working_days(start, 0)
    end = calendar.add_working_days(working_start, n)
    assert calendar.working_days_between(working_start, end) == n
    assert calendar.working_days_between(end, working_start) == -n


@given(calendars(), days, counts)
def test_results_land_on_working_days(calendar: BusinessCalendar, start: date, n: int) -> None:
    end = calendar.add_working_days(start, n)
    assert calendar.is_working_day(end)
    assert end > start or (n == 0 and end == start)


@given(calendars(), days, counts, st.integers(1, 30))
def test_monotonic_in_n(calendar: BusinessCalendar, start: date, n: int, more: int) -> None:
    earlier, later = calendar.add_working_days(start, n), calendar.add_working_days(start, n + more)
    # Strictly increasing, except that from a day off both 0 and 1 give the next working day.
    if n == 0 and more == 1 and not calendar.is_working_day(start):
        assert earlier == later
    else:
        assert earlier < later


@settings(max_examples=60)
@given(calendars(), days, st.integers(0, 40))
def test_matches_the_day_by_day_walk(calendar: BusinessCalendar, start: date, n: int) -> None:
    assert calendar.add_working_days(start, n) == reference_add(calendar, start, n)


@settings(max_examples=60)
@given(calendars(), days, days)
def test_between_matches_the_day_by_day_count(calendar: BusinessCalendar, a: date, b: date) -> None:
    assert calendar.working_days_between(a, b) == reference_between(calendar, a, b)


@given(calendars(), moments, amounts)
def test_add_time_then_measure_gives_the_amount_back(calendar: BusinessCalendar, start: datetime,
                                                     amount: timedelta) -> None:
    end = calendar.add_working_time(start, amount)
    assert end.tzinfo is UTC
    assert end >= start
    assert calendar.working_time_between(start, end) == amount
    # The result is inside office hours of a working day (opening and closing included).
    local = end.astimezone(calendar._zone)
    span = calendar.policy.hours.days.get(local.weekday())
    assert span is not None and calendar.is_working_day(local.date())
    assert span[0] <= local.time() <= span[1]
    # And it is the earliest such moment: a microsecond less is not enough.
    if amount and end > start:
        assert calendar.working_time_between(start, end - timedelta(microseconds=1)) < amount


@given(calendars(), moments, moments, moments)
def test_between_is_additive(calendar: BusinessCalendar, a: datetime, b: datetime, c: datetime) -> None:
    ab, bc, ac = (calendar.working_time_between(x, y) for x, y in ((a, b), (b, c), (a, c)))
    assert ab + bc == ac
    assert calendar.working_time_between(b, a) == -ab


@given(calendars(), moments, st.integers(0, 30))
def test_due_is_closing_time_of_the_working_day(calendar: BusinessCalendar, start: datetime, n: int) -> None:
    due = calendar.due_after_working_days(start, n)
    local = due.astimezone(calendar._zone)
    assert local.date() == calendar.add_working_days(start, n)
    assert local.time() == calendar.policy.hours.days[local.weekday()][1]
