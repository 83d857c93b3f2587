"""Acting officials (Plt, Plh, Pj): a person holds a role for a period by an admin's appointment.

An appointment is recorded by the pemda's admin (usually from a decree, *surat perintah*), not in
the organisation file: the file describes the standing organisation and a reload end-dates what it
no longer lists, while an appointment must survive reloads until its period ends. During the
period the person holds the role like a member does, in the acting capacity: the role's queue,
notifications and signatures ("Plt. Kepala Dinas" on the stamp).

BKN circular 1/2021 limits a Plt/Plh appointment to three months, extendable once by three; a Pj
of a regional head serves a year. One entry covers at most a year: a longer acting period is a new
decree, and a new entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from engine.domain.documents import CAPACITY_PREFIX

ACTING_CAPACITIES = ("plt", "plh", "pj")


@dataclass(frozen=True)
class Appointment:
    id: int
    tenant_id: int
    role_id: int
    role_path: str                 # "PUPR/Kepala Dinas"
    username: str
    full_name: str
    capacity: str                  # plt | plh | pj
    valid_from: date
    valid_to: date                 # inclusive; before valid_from when cancelled before it began
    decree: str | None
    created_by: str
    created_at: datetime
    ended_by: str | None = None
    ended_at: datetime | None = None

    @property
    def title(self) -> str:
        """"Plt. PUPR/Kepala Dinas" — how the appointment reads in lists and messages."""
        return CAPACITY_PREFIX.get(self.capacity, "") + self.role_path

    def covers(self, day: date) -> bool:
        return self.valid_from <= day <= self.valid_to

    def state_on(self, day: date) -> str:
        """akan_datang (upcoming) | aktif | berakhir (over) | dibatalkan (cancelled before it began)."""
        if self.valid_to < self.valid_from:
            return "dibatalkan"
        if day < self.valid_from:
            return "akan_datang"
        return "aktif" if day <= self.valid_to else "berakhir"


def period_problems(valid_from: date, valid_to: date, today: date) -> list[tuple[str, str, str]]:
    """What is wrong with an appointment period as (field, Indonesian, English); empty when it is sane.

    No start in the past: who held a role on a day already gone is history (signatures, audit) and
    is not rewritten afterwards.
    """
    out = []
    if valid_to < valid_from:
        out.append(("valid_to", "tanggal akhir sebelum tanggal mulai", "the end date is before the start date"))
    if valid_from < today:
        out.append(("valid_from", "penunjukan tidak dapat berlaku surut (tanggal mulai sebelum hari ini)",
                    "an appointment cannot start in the past"))
    if valid_to > last_day_within_a_year(valid_from):
        out.append(("valid_to", "masa penunjukan paling lama satu tahun; perpanjangan dicatat sebagai penunjukan baru",
                    "an appointment lasts at most one year; record an extension as a new appointment"))
    return out


def last_day_within_a_year(start: date) -> date:
    """The day before the first anniversary: 25 March 2026 -> 24 March 2027 (29 February -> 28 February)."""
    try:
        anniversary = start.replace(year=start.year + 1)
    except ValueError:                       # 29 February
        anniversary = start.replace(year=start.year + 1, day=28) + timedelta(days=1)
    return anniversary - timedelta(days=1)


def format_day(day: date) -> str:
    return f"{day:%d/%m/%Y}"
