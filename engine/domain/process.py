"""What Lintas knows about a deployed process beyond SpiffWorkflow's specs: who works each task.

The catalogue is extracted once at deploy time from the BPMN (lanes and ``lintas:`` attributes)
and stored with the definition version, so routing never re-reads XML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from engine.domain.documents import DocumentStep, SigningSpec
from engine.domain.returns import ReturnSpec
from engine.domain.sla import SlaSpec


@dataclass(frozen=True)
class Assignment:
    """How a task's people are found: roles (lane or candidate groups), an expression, or the starter."""

    lane: str | None = None
    candidate_groups: tuple[str, ...] = ()
    assignee_expression: str | None = None

    @property
    def role_paths(self) -> tuple[str, ...]:
        if self.candidate_groups:
            return self.candidate_groups
        return (self.lane,) if self.lane else ()

    @property
    def mode(self) -> str:
        if self.assignee_expression:
            return "expression"
        if self.role_paths:
            return "roles"
        return "starter"


@dataclass(frozen=True)
class TaskInfo:
    process_id: str
    element_id: str
    name: str
    kind: str
    form_id: str | None
    assignment: Assignment
    documentation: str | None = None
    sla: SlaSpec | None = None
    pauses_sla: bool = False
    signing: SigningSpec | None = None     # a paraf/signature task (lintas:sign)
    bucket: str = "lainnya"                # inbox bucket: paraf | tanda_tangan | disposisi | lainnya
    returns: ReturnSpec | None = None      # lintas:return: how the task is sent back to the previous step

    def as_dict(self) -> dict[str, Any]:
        return {
            "process_id": self.process_id,
            "element_id": self.element_id,
            "name": self.name,
            "kind": self.kind,
            "form_id": self.form_id,
            "lane": self.assignment.lane,
            "candidate_groups": list(self.assignment.candidate_groups),
            "assignee_expression": self.assignment.assignee_expression,
            "documentation": self.documentation,
            "sla": self.sla.as_dict() if self.sla else None,
            "pauses_sla": self.pauses_sla,
            "signing": self.signing.as_dict() if self.signing else None,
            "bucket": self.bucket,
            "returns": self.returns.as_dict() if self.returns else None,
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> TaskInfo:
        return cls(
            process_id=raw["process_id"],
            element_id=raw["element_id"],
            name=raw["name"],
            kind=raw["kind"],
            form_id=raw.get("form_id"),
            assignment=Assignment(
                lane=raw.get("lane"),
                candidate_groups=tuple(raw.get("candidate_groups") or ()),
                assignee_expression=raw.get("assignee_expression"),
            ),
            documentation=raw.get("documentation"),
            sla=SlaSpec.from_dict(raw.get("sla")),
            pauses_sla=bool(raw.get("pauses_sla")),
            signing=SigningSpec.from_dict(raw.get("signing")),
            bucket=raw.get("bucket") or "lainnya",
            returns=ReturnSpec.from_dict(raw.get("returns")),
        )


@dataclass(frozen=True)
class PhaseInfo:
    """A subprocess or call activity with its own deadline (a phase of the case)."""

    process_id: str
    element_id: str
    name: str
    sla: SlaSpec
    lane: str | None = None          # its OPD role, which decides the OPD the phase is reported under

    def as_dict(self) -> dict[str, Any]:
        return {"process_id": self.process_id, "element_id": self.element_id, "name": self.name,
                "sla": self.sla.as_dict(), "lane": self.lane}

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> PhaseInfo:
        sla = SlaSpec.from_dict(raw["sla"])
        assert sla is not None
        return cls(raw["process_id"], raw["element_id"], raw["name"], sla, raw.get("lane"))


@dataclass(frozen=True)
class TimerStart:
    """A timer start event: the scheduler starts an instance when it falls due (repeatedly for a cycle)."""

    element_id: str
    kind: str            # "date" | "duration" | "cycle"
    expression: str


@dataclass(frozen=True)
class Catalogue:
    """Per-version routing facts: the main process, who may start it, its start form and its tasks."""

    process_id: str
    name: str
    starters: tuple[str, ...] = ()
    start_form: str | None = None
    tasks: dict[str, TaskInfo] = field(default_factory=dict)   # keyed by "<process_id>:<element_id>"
    message_starts: tuple[str, ...] = ()
    phases: dict[str, PhaseInfo] = field(default_factory=dict)  # keyed like tasks
    timer_starts: tuple[TimerStart, ...] = ()                  # start events that create instances
    async_steps: tuple[str, ...] = ()                          # "process:element" run by a job (lintas:async)
    sla: SlaSpec | None = None                                  # deadline of the whole case
    documents: dict[str, DocumentStep] = field(default_factory=dict)   # render steps, keyed like tasks

    @staticmethod
    def task_key(process_id: str, element_id: str) -> str:
        return f"{process_id}:{element_id}"

    def task(self, process_id: str, element_id: str) -> TaskInfo | None:
        return self.tasks.get(self.task_key(process_id, element_id))

    def as_dict(self) -> dict[str, Any]:
        return {
            "process_id": self.process_id,
            "name": self.name,
            "starters": list(self.starters),
            "start_form": self.start_form,
            "tasks": {k: v.as_dict() for k, v in self.tasks.items()},
            "message_starts": list(self.message_starts),
            "phases": {k: v.as_dict() for k, v in self.phases.items()},
            "timer_starts": [t.__dict__ for t in self.timer_starts],
            "async_steps": list(self.async_steps),
            "sla": self.sla.as_dict() if self.sla else None,
            "documents": {k: v.as_dict() for k, v in self.documents.items()},
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Catalogue:
        return cls(
            process_id=raw["process_id"],
            name=raw["name"],
            starters=tuple(raw.get("starters") or ()),
            start_form=raw.get("start_form"),
            tasks={k: TaskInfo.from_dict(v) for k, v in (raw.get("tasks") or {}).items()},
            message_starts=tuple(raw.get("message_starts") or ()),
            phases={k: PhaseInfo.from_dict(v) for k, v in (raw.get("phases") or {}).items()},
            timer_starts=tuple(TimerStart(**t) for t in raw.get("timer_starts") or ()),
            async_steps=tuple(raw.get("async_steps") or ()),
            sla=SlaSpec.from_dict(raw.get("sla")),
            documents={k: DocumentStep.from_dict(v) for k, v in (raw.get("documents") or {}).items()},
        )

    def document(self, key: str) -> DocumentStep | None:
        """The render step of the document kept as ``dokumen.<key>``."""
        return next((d for d in self.documents.values() if d.key == key), None)
