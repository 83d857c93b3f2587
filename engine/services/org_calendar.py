"""The ``calendar`` section of the organisation file: working week, office hours, local days off, SLA classes.

::

    tenants:
      - code: kab-contoh
        calendar:
          joint_leave_is_day_off: true            # cuti bersama closes offices (default)
          office_hours: standard                  # or six_day, or {mon: "07:30-16:00", ..., fri: "07:30-16:30"}
          days_off: [{date: 2026-05-20, name: Hari Jadi Kabupaten}]
          working_days: [2026-12-24]              # a national day off revoked by local decree
          sla_classes: {ringan: "2 hari kerja", normatif: {name: Normatif, duration: "5 hari kerja"}}
        opds:
          - code: DISHUB
            office_hours: six_day                 # a unit that works six days a week
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from engine.domain.calendar import CalendarError, OfficeHours
from engine.domain.durations import WorkingTime, parse_duration

WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
            "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "sabtu": 5, "minggu": 6}
_SPAN = re.compile(r"^\s*(\d{1,2}[:.]\d{2})\s*-\s*(\d{1,2}[:.]\d{2})\s*$")
_CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


@dataclass
class CalendarSpec:
    joint_leave_is_day_off: bool = True
    office_hours: dict[int, tuple[time, time]] | None = None
    days_off: list[tuple[date, str]] = field(default_factory=list)
    working_days: list[date] = field(default_factory=list)
    sla_classes: dict[str, tuple[str, str]] = field(default_factory=dict)


def read_office_hours(r: Any, value: Any, where: str) -> dict[int, tuple[time, time]] | None:
    """``standard``, ``six_day``, or a mapping of weekday to ``HH:MM-HH:MM``."""
    if value is None:
        return None
    if value in ("standard", "six_day"):
        return dict((OfficeHours.standard() if value == "standard" else OfficeHours.six_day()).days)
    if not isinstance(value, dict):
        r.fail(where, "office_hours harus 'standard', 'six_day' atau per hari", "office_hours must be "
               "'standard', 'six_day' or per weekday")
        return None
    days: dict[int, tuple[time, time]] = {}
    for key, span in value.items():
        weekday = WEEKDAYS.get(str(key).lower())
        match = _SPAN.match(str(span or ""))
        if weekday is None or match is None:
            r.fail(where, f"jam kerja tidak valid: {key}: {span!r} (contoh: mon: \"07:30-16:00\")",
                   f"invalid office hours: {key}: {span!r} (e.g. mon: \"07:30-16:00\")")
            continue
        days[weekday] = tuple(time.fromisoformat(t.replace(".", ":").zfill(5)) for t in match.groups())  # type: ignore[assignment]
    try:
        OfficeHours(days)
    except CalendarError as exc:
        r.fail(where, exc.message_id, exc.message_en)
        return None
    return days


def read_calendar(r: Any, raw: Any, where: str) -> CalendarSpec:
    spec = CalendarSpec()
    if raw is None:
        return spec
    if not isinstance(raw, dict):
        r.fail(where, "calendar harus berupa objek", "calendar must be a mapping")
        return spec
    spec.joint_leave_is_day_off = bool(raw.get("joint_leave_is_day_off", True))
    spec.office_hours = read_office_hours(r, raw.get("office_hours"), f"{where}.office_hours")
    for i, item in enumerate(r.items(raw, "days_off", where)):
        spot = f"{where}.days_off[{i}]"
        if not isinstance(item, dict):
            r.fail(spot, "harus berupa {date, name}", "must be {date, name}")
            continue
        day, name = r.day(item, "date", spot), r.text(item, "name", spot)
        if day and name:
            spec.days_off.append((day, name))
    for i, item in enumerate(r.items(raw, "working_days", where)):
        day = r.day({"date": item}, "date", f"{where}.working_days[{i}]")
        if day:
            spec.working_days.append(day)
    clash = {d for d, _ in spec.days_off} & set(spec.working_days)
    for day in sorted(clash):
        r.fail(where, f"{day} sekaligus hari libur dan hari kerja", f"{day} is both a day off and a working day")
    classes = raw.get("sla_classes") or {}
    if not isinstance(classes, dict):
        r.fail(where, "sla_classes harus berupa objek", "sla_classes must be a mapping")
        classes = {}
    for code, value in classes.items():
        spot = f"{where}.sla_classes.{code}"
        name, duration = (value.get("name"), value.get("duration")) if isinstance(value, dict) else (None, value)
        parsed = parse_duration(str(duration or ""))
        if not _CODE.match(str(code)):
            r.fail(spot, f"kode kelas tidak valid: {code}", f"invalid class code: {code}")
        elif parsed is None or (isinstance(parsed, WorkingTime) and not (parsed.days or parsed.hours)):
            r.fail(spot, f"durasi tidak dikenali: {duration!r} (contoh: '5 hari kerja')",
                   f"unrecognised duration: {duration!r} (e.g. '5 hari kerja')")
        else:
            spec.sla_classes[str(code)] = (str(name or code).replace("_", " ").capitalize(), str(duration))
    return spec
