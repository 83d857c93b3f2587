"""Fixtures for the business-calendar unit tests: a fake holiday source and calendars built on it."""

from __future__ import annotations

import pytest
from calendar_fakes import SAMPLE_2026, FakeHolidays

from engine.domain.calendar import BusinessCalendar, CalendarPolicy


@pytest.fixture
def fake_source() -> FakeHolidays:
    return FakeHolidays(SAMPLE_2026)


@pytest.fixture
def calendar(fake_source: FakeHolidays) -> BusinessCalendar:
    """WIB, five-day week, cuti bersama off."""
    return BusinessCalendar(CalendarPolicy(), fake_source)
