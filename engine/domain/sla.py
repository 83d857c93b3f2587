"""Service-level deadlines on BPMN elements: how long, when to remind, what to do on a breach.

Attributes on a user task, a subprocess or call activity (a phase), or the process itself::

    lintas:due="3 hari kerja"                 # or "=expression" giving such a text, e.g.
                                               #    "=kelas_sla[klasifikasi]" (the tenant's SLA classes)
    lintas:reminder="1 hari kerja"            # before the due moment
    lintas:onBreach="escalate:SETDA/Admin Koordinator Pengaduan; escalate:SETDA/Sekretaris Daerah"
    lintas:pausesSla="true"                   # on a task: while it is open (e.g. waiting for the
                                               # citizen), the instance's other clocks stand still

``onBreach`` lists one action per breach level: the first fires at the due moment, the next one a
full period later, and so on. Actions: ``notify`` (the people on the task), ``escalate:ROLE`` (tell
ROLE and add it to the task's candidates), ``reassign:ROLE`` (give the task to ROLE instead).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from engine.domain.durations import parse_duration
from engine.domain.org import RolePath

ACTIONS = ("notify", "escalate", "reassign")


@dataclass(frozen=True)
class BreachAction:
    kind: str
    role: str | None = None

    def __str__(self) -> str:
        return f"{self.kind}:{self.role}" if self.role else self.kind


@dataclass(frozen=True)
class SlaSpec:
    due: str
    reminder: str | None = None
    on_breach: tuple[BreachAction, ...] = (BreachAction("notify"),)

    @property
    def is_expression(self) -> bool:
        return self.due.startswith("=")

    def as_dict(self) -> dict[str, Any]:
        return {"due": self.due, "reminder": self.reminder, "on_breach": [str(a) for a in self.on_breach]}

    @classmethod
    def from_dict(cls, raw: dict[str, Any] | None) -> SlaSpec | None:
        if not raw:
            return None
        return cls(raw["due"], raw.get("reminder"), parse_actions(";".join(raw.get("on_breach") or [])) or (
            BreachAction("notify"),))


def parse_actions(text: str | None) -> tuple[BreachAction, ...]:
    actions = []
    for part in (text or "").split(";"):
        part = part.strip()
        if not part:
            continue
        kind, _, role = part.partition(":")
        actions.append(BreachAction(kind.strip().lower(), role.strip() or None))
    return tuple(actions)


def problems(spec: SlaSpec) -> list[tuple[str, str]]:
    """What is wrong with an SLA as written (Indonesian, English); empty when it can be used."""
    out = []
    if not spec.is_expression and parse_duration(spec.due) is None:
        out.append((f"tenggat tidak dikenali: {spec.due!r} (contoh: '3 hari kerja', 'P2D', '=ekspresi')",
                    f"unrecognised due duration: {spec.due!r} (e.g. '3 hari kerja', 'P2D', '=expression')"))
    if spec.reminder is not None and parse_duration(spec.reminder) is None:
        out.append((f"pengingat tidak dikenali: {spec.reminder!r}", f"unrecognised reminder: {spec.reminder!r}"))
    for action in spec.on_breach:
        if action.kind not in ACTIONS:
            out.append((f"tindakan pelanggaran tidak dikenal: {action} (notify, escalate:PERAN, reassign:PERAN)",
                        f"unknown breach action: {action} (notify, escalate:ROLE, reassign:ROLE)"))
        elif action.kind != "notify" and not action.role:
            out.append((f"{action.kind} memerlukan peran, mis. {action.kind}:SETDA/Sekretaris Daerah",
                        f"{action.kind} needs a role, e.g. {action.kind}:SETDA/Sekretaris Daerah"))
    return out


def breach_roles(spec: SlaSpec) -> list[str]:
    return [a.role for a in spec.on_breach if a.role]


def role_label(role: str) -> str:
    path = RolePath.parse(role)
    return str(path) if path else role
