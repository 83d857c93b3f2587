"""Plain records for the pages around one case and around one unit: comments, the instance's
timeline, diagram and summary, the processes a person may start, and the supervisor's dashboard.

Deadline urgency is decided here once, for the instance page and the dashboard alike: a running
deadline is *overdue* once passed, *due soon* when it falls before the close of the next working
day, else *on time*.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from engine.domain.calendar import BusinessCalendar
from engine.domain.views import WorkItem, _AsDict

ACCESS_INVOLVED = "involved"       # started it, worked or may work one of its tasks
ACCESS_SUPERVISOR = "supervisor"   # supervises an OPD one of its tasks belongs to
ACCESS_AUDITOR = "auditor"         # reads every instance of the tenant

MAX_COMMENT_CHARS = 4000


@dataclass(frozen=True)
class Comment(_AsDict):
    id: int
    instance_id: int
    author: str            # username
    author_name: str       # full name, as shown
    text: str
    created_at: datetime


@dataclass(frozen=True)
class TimelineEntry(_AsDict):
    """One audit entry told as a sentence (Indonesian and English), with who and which step."""

    seq: int
    at: datetime
    action: str
    kind: str               # start | task | document | deadline | timer | message | comment | attachment |
    #                         incident | end | other  (an icon per kind)
    actor: str | None       # username; None for the system (timers, jobs)
    actor_name: str | None
    element_id: str | None
    element_name: str | None
    text_id: str
    text_en: str


@dataclass(frozen=True)
class SlaStatus(_AsDict):
    """Where one deadline (task, phase or whole case) stands now."""

    element_id: str
    name: str
    scope: str                       # task | phase | process
    started_at: datetime
    due_at: datetime
    state: str                       # running | paused | closed
    closed_as: str | None            # met | breached (closed clocks only)
    overdue_hours: float             # office hours past the deadline (so far, for a running clock)
    breaches: int
    urgency: str                     # on_time | due_soon | overdue | met | breached
    working_days_left: int | None    # running/paused: working days until the due day (negative: late)


@dataclass(frozen=True)
class Diagram(_AsDict):
    """What the bpmn-js viewer needs: the version's XML and the element ids to mark."""

    bpmn_xml: str
    completed: tuple[str, ...]
    active: tuple[str, ...]
    failed: tuple[str, ...]
    step_sla: dict[str, SlaStatus] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)      # element id -> name (for tooltips/legends)


@dataclass(frozen=True)
class CaseSummary(_AsDict):
    id: int
    definition_key: str
    definition_version: int
    name: str
    business_key: str | None
    status: str                      # running | completed | cancelled | incident
    case_status: str | None          # the process's own status word, e.g. "Tindak Lanjut" (data "status")
    started_by: str | None
    started_by_name: str | None
    started_at: datetime
    ended_at: datetime | None
    current_steps: tuple[WorkItem, ...]
    case_deadline: SlaStatus | None
    open_incidents: int
    access: str                      # involved | supervisor | auditor: why the caller may see it


@dataclass(frozen=True)
class StartableProcess(_AsDict):
    key: str
    name: str
    version: int
    version_id: int
    description: str | None
    start_form_id: str | None
    start_form_schema: dict[str, Any] | None


@dataclass(frozen=True)
class UnitLoad(_AsDict):
    """Open work of one OPD in one process (or, with ``definition_key`` None, in all its processes)."""

    opd_code: str
    opd_name: str
    definition_key: str | None
    process_name: str | None
    open: int
    overdue: int
    due_soon: int
    oldest_open_at: datetime | None


@dataclass(frozen=True)
class DashboardOverview(_AsDict):
    at: datetime
    due_soon_until: datetime        # items due before this (and not yet overdue) count as due soon
    units: tuple[UnitLoad, ...]     # one per OPD, all processes together
    rows: tuple[UnitLoad, ...]      # per OPD and process


@dataclass(frozen=True)
class CompliancePoint(_AsDict):
    week_start: date                # Monday, tenant-local
    met: int
    breached: int
    compliance: float | None        # share met, 0..1; None for a week without closed deadlines

    def as_dict(self) -> dict[str, Any]:
        return {**super().as_dict(), "week_start": self.week_start.isoformat()}


def due_soon_limit(calendar: BusinessCalendar, now: datetime) -> datetime:
    """Deadlines before this moment (closing time of the next working day) are due soon."""
    return calendar.due_after_working_days(now, 1)


def urgency(due_at: datetime, now: datetime, soon_until: datetime) -> str:
    if due_at < now:
        return "overdue"
    return "due_soon" if due_at <= soon_until else "on_time"
