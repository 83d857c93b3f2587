"""Deadline and timer expressions as designers write them, parsed without any I/O.

Calendar time keeps ISO 8601 (``P3D`` is three calendar days, ``PT4H`` four hours). Working time is
written in words a designer reads at a glance and that no ISO parser would accept, so the two can
never be confused: ``3 hari kerja`` (three working days), ``4 jam kerja`` (four office hours);
English ``3 working days`` / ``4 working hours`` mean the same. ``N hari kerja`` ends at closing
time of the N-th working day after the start day; ``N jam kerja`` consumes office hours only.
Cycles take either kind after ``R[n]/``: ``R3/PT1H``, ``R/1 hari kerja`` (every working day, no end).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from engine.domain.errors import InvalidInput

_WORKING_DAYS = re.compile(r"^(\d{1,4})\s*(hari\s+kerja|hk|working\s+days?)$", re.IGNORECASE)
_WORKING_HOURS = re.compile(r"^(\d{1,5}(?:[.,]\d{1,2})?)\s*(jam\s+kerja|working\s+hours?)$", re.IGNORECASE)
_ISO_DURATION = re.compile(
    r"^P(?!$)(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?"
    r"(?:T(?=\d)(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$",
    re.IGNORECASE,
)
_CYCLE = re.compile(r"^R(\d*)/(.+)$", re.IGNORECASE)

MIN_CYCLE_INTERVAL = timedelta(seconds=1)
MIN_ENDLESS_CYCLE_INTERVAL = timedelta(minutes=1)


@dataclass(frozen=True)
class WorkingTime:
    """An amount of working time: whole working days, or office hours."""

    days: int = 0
    hours: float = 0.0

    def __str__(self) -> str:
        return f"{self.days} hari kerja" if self.days else f"{self.hours:g} jam kerja"


@dataclass(frozen=True)
class IsoDuration:
    text: str
    years: float = 0
    months: float = 0
    weeks: float = 0
    days: float = 0
    hours: float = 0
    minutes: float = 0
    seconds: float = 0

    def approximate(self) -> timedelta:
        """A lower bound, for sanity checks only (months as 28 days, years as 365)."""
        return timedelta(days=self.years * 365 + self.months * 28 + self.weeks * 7 + self.days,
                         hours=self.hours, minutes=self.minutes, seconds=self.seconds)


Duration = WorkingTime | IsoDuration


@dataclass(frozen=True)
class Cycle:
    repetitions: int | None          # None: no end
    interval: Duration
    start: datetime | None = None


TimerValue = Duration | datetime | Cycle


def _number(text: str | None) -> float:
    return float(text.replace(",", ".")) if text else 0.0


def unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1].strip()
    return text


def parse_duration(text: str) -> Duration | None:
    text = unquote(text)
    if match := _WORKING_DAYS.match(text):
        return WorkingTime(days=int(match.group(1)))
    if match := _WORKING_HOURS.match(text):
        hours = _number(match.group(1))
        return WorkingTime(hours=hours) if hours > 0 else WorkingTime(days=0)
    if match := _ISO_DURATION.match(text):
        return IsoDuration(text.upper(), *(_number(g) for g in match.groups()))
    return None


def parse_moment(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(unquote(text))
    except ValueError:
        return None


def parse_timer(text: str) -> TimerValue | None:
    """A literal timer value, or None when the text is not one (it is then a Python expression)."""
    text = unquote(text)
    if match := _CYCLE.match(text):
        return _cycle(match.group(1), match.group(2))
    return parse_duration(text) or parse_moment(text)


def _cycle(count: str, rest: str) -> Cycle | None:
    parts = rest.split("/")
    repetitions = int(count) if count else None
    if len(parts) == 1:
        interval, start = parse_duration(parts[0]), None
    elif len(parts) == 2:
        start, interval = parse_moment(parts[0]), parse_duration(parts[1])
        if start is None:
            return None
    else:
        return None
    if interval is None:
        return None
    return Cycle(repetitions, interval, start)


_LOOKS_LITERAL = re.compile(r"^(R\d*/|P\d|PT\d|\d{4}-\d{2}-\d{2}|\d+\s*(hari|jam|working|hk)\b)", re.IGNORECASE)


def looks_literal(text: str) -> bool:
    """Meant as ISO 8601 or working time (even if mistyped), rather than as a Python expression."""
    return bool(_LOOKS_LITERAL.match(unquote(text)))


def check_timer(value: TimerValue) -> None:
    """Refuse values that would make a worker spin: cycles firing too often, durations of nothing."""
    if isinstance(value, Cycle):
        interval = value.interval
        approx = interval.approximate() if isinstance(interval, IsoDuration) else (
            timedelta(days=interval.days) if interval.days else timedelta(hours=interval.hours))
        floor = MIN_ENDLESS_CYCLE_INTERVAL if value.repetitions is None else MIN_CYCLE_INTERVAL
        if approx < floor:
            seconds, least = approx.total_seconds(), floor.total_seconds()
            raise InvalidInput(
                f"siklus timer terlalu rapat: setiap {seconds:g} detik, minimal {least:g}"
                + (" untuk siklus tanpa akhir" if value.repetitions is None else ""),
                f"timer cycle too frequent: every {seconds:g} s, at least {least:g} s"
                + (" for a cycle with no end" if value.repetitions is None else ""),
            )
        if value.repetitions == 0:
            raise InvalidInput("siklus timer dengan 0 pengulangan tidak pernah berjalan",
                               "a timer cycle with 0 repetitions never runs")


def describe_syntax() -> str:
    return ("ISO 8601 (P3D, PT4H, 2026-03-27T16:00:00+07:00, R3/PT1H) atau waktu kerja "
            "('3 hari kerja', '4 jam kerja')")
