"""A step's deadline (``SlaStatus``) as the case page and its diagram show it: a badge state and words.

Running clocks are ``on-time``/``due-soon``/``breached`` by their urgency; closed ones are met (on
time) or late. The diagram module (static/js/diagram.js) names the same states ``on_time``,
``due_soon``, ``breached``, ``met`` and ``late``.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from engine.domain.cases import SlaStatus


@dataclass(frozen=True)
class DeadlineView:
    badge: str         # on-time | due-soon | breached (the ``ui.deadline`` macro's states)
    diagram: str       # on_time | due_soon | breached | met | late (diagram.js)
    label: str         # "2 hari kerja lagi", "lewat 1 hari kerja", "selesai tepat waktu" ...
    outcome: str       # "berjalan", "terpenuhi", "terlambat" ...


def deadline_view(sla: SlaStatus) -> DeadlineView:
    if sla.state == "closed":
        if sla.closed_as == "breached":
            return DeadlineView("breached", "late",
                                _("Selesai terlambat %(hours)s jam kerja", hours=_hours(sla.overdue_hours)),
                                _("Terlambat"))
        return DeadlineView("on-time", "met", _("Selesai tepat waktu"), _("Terpenuhi"))
    outcome = _("Dijeda") if sla.state == "paused" else _("Berjalan")
    days = sla.working_days_left
    if sla.urgency == "overdue":
        late = -days if days is not None and days < 0 else None
        label = (_("Lewat %(days)s hari kerja", days=late) if late
                 else _("Lewat %(hours)s jam kerja", hours=_hours(sla.overdue_hours)))
        return DeadlineView("breached", "breached", label, outcome)
    if days is None or days <= 0:
        label = _("Jatuh tempo hari ini")
    else:
        label = _("%(days)s hari kerja lagi", days=days)
    if sla.urgency == "due_soon":
        return DeadlineView("due-soon", "due_soon", label, outcome)
    return DeadlineView("on-time", "on_time", label, outcome)


def _hours(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text or "0"
