"""Timer and deadline expressions: working time in words, ISO 8601 for calendar time, cycles."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from engine.domain.durations import Cycle, IsoDuration, WorkingTime, check_timer, parse_duration, parse_timer
from engine.domain.errors import InvalidInput


@pytest.mark.parametrize(("text", "expected"), [
    ("3 hari kerja", WorkingTime(days=3)),
    ("'3 hari kerja'", WorkingTime(days=3)),
    ("10 HK", WorkingTime(days=10)),
    ("2 working days", WorkingTime(days=2)),
    ("4 jam kerja", WorkingTime(hours=4.0)),
    ("1,5 jam kerja", WorkingTime(hours=1.5)),
    ('"1 working hour"', WorkingTime(hours=1.0)),
])
def test_working_time_in_words(text: str, expected: WorkingTime) -> None:
    assert parse_duration(text) == expected


def test_iso_keeps_meaning_calendar_time() -> None:
    parsed = parse_duration("P3D")
    assert isinstance(parsed, IsoDuration) and parsed.days == 3 and not isinstance(parsed, WorkingTime)
    assert parse_duration("PT4H30M") == IsoDuration("PT4H30M", hours=4, minutes=30)


@pytest.mark.parametrize("text", ["3 hari", "P", "PT", "tiga hari kerja", "3 hari  libur", "-2 hari kerja", ""])
def test_not_a_duration(text: str) -> None:
    assert parse_duration(text) is None


def test_cycles_and_moments() -> None:
    assert parse_timer("R3/PT1H") == Cycle(3, IsoDuration("PT1H", hours=1))
    assert parse_timer("R/1 hari kerja") == Cycle(None, WorkingTime(days=1))
    start = parse_timer("R2/2026-03-17T08:00:00+07:00/P1D")
    assert isinstance(start, Cycle) and start.start == datetime.fromisoformat("2026-03-17T08:00:00+07:00")
    naive = parse_timer("2026-03-17T12:00:00")   # naive: the tenant's zone is applied when the timer runs
    assert isinstance(naive, datetime) and naive.tzinfo is None and naive.hour == 12
    assert parse_timer("2026-03-17T05:00:00Z") == datetime(2026, 3, 17, 5, 0, tzinfo=UTC)
    assert parse_timer("jam_jatuh_tempo") is None, "a name is an expression, evaluated at run time"


@pytest.mark.parametrize(("text", "reason"), [
    ("R/PT0.001S", "too frequent"),
    ("R/PT59S", "no end"),
    ("R5/PT0.5S", "too frequent"),
    ("R0/PT1H", "0 repetitions"),
])
def test_cycles_that_would_spin_a_worker_are_refused(text: str, reason: str) -> None:
    value = parse_timer(text)
    assert value is not None
    with pytest.raises(InvalidInput, match=reason):
        check_timer(value)


def test_reasonable_cycles_pass() -> None:
    for text in ("R/PT1M", "R10/PT1S", "R/1 jam kerja", "R/1 hari kerja"):
        value = parse_timer(text)
        assert value is not None
        check_timer(value)
