"""A running process instance as services see it: plain data in, plain data out.

Wraps one SpiffWorkflow ``BpmnWorkflow`` for the length of one unit of work: load, apply one
command (start, complete a task, deliver a message), run to the next wait state, prune, dump.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from SpiffWorkflow.bpmn import BpmnEvent
from SpiffWorkflow.bpmn.specs.event_definitions.message import MessageEventDefinition
from SpiffWorkflow.bpmn.specs.mixins.events.event_types import CatchingEvent
from SpiffWorkflow.bpmn.specs.mixins.events.start_event import StartEvent
from SpiffWorkflow.bpmn.specs.mixins.subworkflow_task import SubWorkflowTask
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.camunda.specs.event_definitions import MessageEventDefinition as CamundaMessageEventDefinition
from SpiffWorkflow.util.task import TaskState

from engine.bpmn import prune as pruning
from engine.bpmn import state
from engine.bpmn.events import message_definitions
from engine.bpmn.runner import Failure, describe, held_steps, never_held, run_engine_steps
from engine.bpmn.scripting import SandboxScriptEngine
from engine.bpmn.timers import force_due, pending_due
from engine.sandbox import ScriptSandbox

_WORK_KINDS = {"UserTask": "user", "ManualTask": "manual", "NoneTask": "none"}


class TaskNotReady(Exception):
    """The task exists but cannot be completed now (finished, waiting, or not a human task)."""


class DeliveryFailed(Exception):
    """The receiving catch event could not take the message (e.g. its correlation expression failed)."""

    def __init__(self, message_id: str, message_en: str) -> None:
        super().__init__(f"{message_id} ({message_en})")
        self.message_id = message_id
        self.message_en = message_en


class TaskMissing(Exception):
    """No task with that id is part of the live state."""


@dataclass(frozen=True)
class ReadyWork:
    task_id: str
    process_id: str
    element_id: str
    name: str
    kind: str
    lane: str | None


@dataclass(frozen=True)
class MessageWait:
    task_id: str
    message_name: str
    correlations: dict[str, str]      # correlation key -> canonical JSON of its property values


@dataclass(frozen=True)
class OutgoingMessage:
    name: str
    payload: Any
    correlations: dict[str, dict[str, Any]]


@dataclass
class RunReport:
    failures: list[Failure] = field(default_factory=list)
    messages: list[OutgoingMessage] = field(default_factory=list)


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)


class LiveInstance:
    def __init__(self, specs: state.Specs, workflow: BpmnWorkflow) -> None:
        self.specs = specs
        self.workflow = workflow
        # (process id, element id) of steps marked lintas:async: left ready for a job to run.
        self.held: frozenset[tuple[str, str]] = frozenset()

    # -- construction -------------------------------------------------------------------------
    @classmethod
    def create(cls, specs: state.Specs, sandbox: ScriptSandbox, now: Callable[[], datetime],
               data: dict[str, Any], calendar: Any = None) -> LiveInstance:
        workflow = BpmnWorkflow(specs.spec, specs.subprocess_specs,
                                script_engine=SandboxScriptEngine(sandbox, now, calendar))
        workflow.task_tree.data.update(data)
        return cls(specs, workflow)

    @classmethod
    def load(cls, specs: state.Specs, sandbox: ScriptSandbox, now: Callable[[], datetime],
             state_json: str, calendar: Any = None) -> LiveInstance:
        workflow = state.load_state(specs, state_json)
        workflow.script_engine = SandboxScriptEngine(sandbox, now, calendar)
        return cls(specs, workflow)

    def dump(self) -> str:
        return state.dump_state(self.specs, self.workflow)

    # -- queries --------------------------------------------------------------------------------
    def _all_tasks(self) -> list[Any]:
        tasks = list(self.workflow.tasks.values())
        for subprocess in self.workflow.subprocesses.values():
            tasks.extend(subprocess.tasks.values())
        return tasks

    def ready_work(self) -> list[ReadyWork]:
        out = []
        for task in self._all_tasks():
            spec = task.task_spec
            if not (task.has_state(TaskState.READY) and spec.manual):
                continue
            out.append(ReadyWork(
                task_id=str(task.id),
                process_id=str(task.workflow.spec.name),
                element_id=str(spec.bpmn_id),
                name=str(spec.bpmn_name or spec.bpmn_id),
                kind=_work_kind(spec),
                lane=getattr(spec, "lane", None),
            ))
        return out

    def active_activities(self) -> list[ReadyWork]:
        """Subprocesses and call activities in progress (the phases a deadline can cover)."""
        out = []
        for task in self._all_tasks():
            spec = task.task_spec
            if task.has_state(TaskState.STARTED) and isinstance(spec, SubWorkflowTask):
                out.append(ReadyWork(str(task.id), str(task.workflow.spec.name), str(spec.bpmn_id),
                                     str(spec.bpmn_name or spec.bpmn_id), "phase", getattr(spec, "lane", None)))
        return out

    def failed_tasks(self) -> set[str]:
        return {str(t.id) for t in self._all_tasks() if t.has_state(TaskState.ERROR)}

    def status(self) -> str:
        if self.failed_tasks():
            return "incident"
        if self.workflow.is_completed():
            return "completed" if self.workflow.success else "cancelled"
        return "running"

    def _task(self, task_id: str) -> Any:
        try:
            uid = UUID(task_id)
        except ValueError as exc:
            raise TaskMissing(task_id) from exc
        task = self.workflow.get_task_from_id(uid) if uid in self.workflow.tasks else None
        if task is None:
            for subprocess in self.workflow.subprocesses.values():
                task = subprocess.tasks.get(uid)
                if task is not None:
                    break
        if task is None:
            raise TaskMissing(task_id)
        return task

    def element_of(self, task_id: str) -> str | None:
        """The BPMN element id of a task in the live state, or None when it is gone."""
        try:
            spec = self._task(task_id).task_spec
        except TaskMissing:
            return None
        return str(getattr(spec, "bpmn_id", None) or spec.name)

    def process_of(self, task_id: str) -> str:
        """The id of the (sub)process a live task belongs to."""
        return str(self._task(task_id).workflow.spec.name)

    def task_data(self, task_id: str) -> dict[str, Any]:
        return dict(self._task(task_id).data)

    def data(self) -> dict[str, Any]:
        """The instance's current data: the workflow's data, overlaid by the most recent task's."""
        out = dict(self.workflow.data)
        # Inside a running subprocess the newest data lives on that subprocess's last task (it reaches
        # the parent only when the subprocess ends), so show whichever last task changed most recently.
        candidates = [self.workflow.last_task] + [
            w.last_task for w in self.workflow.subprocesses.values() if not w.completed]
        latest = max((t for t in candidates if t is not None), key=lambda t: t.last_state_change, default=None)
        if latest is not None:
            out.update(latest.data)
        out.pop("data_objects", None)
        return out

    def message_waits(self) -> list[MessageWait]:
        waits = []
        for task in list(self.workflow.event_manager.tasks.values()):
            if not task.has_state(TaskState.WAITING):
                continue
            for definition in message_definitions(task.task_spec.event_definition):
                keys = {key: canonical(values) for key, values in task.workflow.correlations.items()}
                waits.append(MessageWait(str(task.id), str(definition.name), keys))
        return waits

    # -- commands -------------------------------------------------------------------------------
    def _is_held(self, task: Any) -> bool:
        return (str(task.workflow.spec.name), str(getattr(task.task_spec, "bpmn_id", ""))) in self.held

    def waiting_async(self) -> bool:
        """Whether a step marked ``lintas:async`` is ready and waits for its job."""
        return bool(self.held) and bool(held_steps(self.workflow, self._is_held))

    def held_ready(self) -> list[ReadyWork]:
        """The steps left ready for a job (``lintas:async`` steps, document steps), in engine order."""
        return [ReadyWork(str(t.id), str(t.workflow.spec.name), str(t.task_spec.bpmn_id),
                          str(t.task_spec.bpmn_name or t.task_spec.bpmn_id), "step", getattr(t.task_spec, "lane", None))
                for t in held_steps(self.workflow, self._is_held)]

    def update_task_data(self, task_id: str, values: dict[str, Any]) -> None:
        """Set data on a task before it runs (a job puts what it produced where the process reads it)."""
        self._task(task_id).data.update(values)

    def run(self) -> RunReport:
        report = RunReport(failures=run_engine_steps(self.workflow, self._is_held if self.held else never_held))
        report.messages.extend(self._outgoing())
        return report

    def complete(self, task_id: str, data: dict[str, Any]) -> RunReport:
        task = self._task(task_id)
        if not task.has_state(TaskState.READY) or not task.task_spec.manual:
            raise TaskNotReady(task_id)
        variable = getattr(task.task_spec, "variable", None)
        if isinstance(variable, str) and variable:
            # A Spiff user task may name the variable its form data goes into (spiffworkflow:variableName).
            task.data[variable] = data
        else:
            task.data.update(data)
        task.run()
        return self.run()

    def retry(self, task_id: str) -> RunReport:
        """Run a failed step again: an action becomes ready, a timer or catch event waits anew."""
        task = self._task(task_id)
        if not task.has_state(TaskState.ERROR):
            raise TaskNotReady(task_id)
        if isinstance(task.task_spec, CatchingEvent):
            task.internal_data.pop("event_value", None)
            task._set_state(TaskState.WAITING)
            self.workflow.event_manager.add_task(task)
        else:
            task._set_state(TaskState.READY)
        return self.run()

    def deliver(self, name: str, payload: Any, correlations: dict[str, dict[str, Any]]) -> bool:
        """Hand a message from another instance to the catch event waiting for it here."""
        for task in list(self.workflow.event_manager.tasks.values()):
            for definition in message_definitions(task.task_spec.event_definition):
                if definition.name != name:
                    continue
                event = BpmnEvent(definition, payload=_for_receiver(definition, payload), correlations=correlations)
                try:
                    caught = self.workflow.event_manager.catch(event, internal=False)
                except Exception as exc:  # noqa: BLE001 - the receiver's correlation or payload rules failed
                    message_id, message_en = describe(exc)
                    raise DeliveryFailed(message_id, message_en) from exc
                if caught > 0:
                    return True
        return False

    def timer_waits(self) -> dict[str, datetime]:
        """Waiting timer tasks and when each is next due: the scheduler keeps one job row per entry."""
        out = {}
        for task in list(self.workflow.event_manager.tasks.values()):
            due = pending_due(task)
            if due is not None:
                out[str(task.id)] = due
        return out

    def fire_start_timer(self, element_id: str, now: datetime) -> bool:
        """Let the timer start event ``element_id`` fire now (the scheduler created this instance for it)."""
        for task in list(self.workflow.event_manager.tasks.values()):
            spec = task.task_spec
            if isinstance(spec, StartEvent) and str(getattr(spec, "bpmn_id", "")) == element_id:
                force_due(task, now)
                return True
        return False

    def refresh_timers(self) -> RunReport:
        """Let due timers fire (the clock has moved) and run on to the next wait state."""
        return self.run()

    def prune(self) -> list[pruning.FinishedElement]:
        return pruning.prune(self.workflow)

    def _outgoing(self) -> list[OutgoingMessage]:
        out = []
        for event in self.workflow.get_events():
            definition = event.event_definition
            if isinstance(definition, MessageEventDefinition):
                out.append(OutgoingMessage(
                    name=str(definition.name),
                    payload=state.to_plain(self.specs, event.payload),
                    correlations=dict(event.correlations or {}),
                ))
        return out


def _for_receiver(definition: Any, payload: Any) -> Any:
    """The payload in the shape the catching event reads.

    A Camunda catch event expects ``{"payload": ..., "result_var": ...}`` (what a Camunda throw
    event sends) and fails on anything else; a message from a process of the other dialect
    carries the bare payload, so it is wrapped here instead of failing the receiving step.
    """
    if isinstance(definition, CamundaMessageEventDefinition) and not (
        isinstance(payload, dict) and "payload" in payload and "result_var" in payload
    ):
        return {"payload": payload, "result_var": None}
    return payload


def _work_kind(spec: Any) -> str:
    for klass in type(spec).__mro__:
        kind = _WORK_KINDS.get(klass.__name__)
        if kind:
            return kind
    return "user"
