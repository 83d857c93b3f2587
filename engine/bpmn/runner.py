"""Runs a workflow's automatic steps until it waits, turning a failing step into an incident.

SpiffWorkflow's ``do_engine_steps`` lets the first exception escape and leaves the other branches
unrun. Lintas runs each ready automatic task on its own: a failing script or condition marks only
that task (ERROR) and is reported; the rest of the instance moves on as far as it can.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from SpiffWorkflow.bpmn.specs.event_definitions.multiple import MultipleEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition
from SpiffWorkflow.exceptions import SpiffWorkflowException
from SpiffWorkflow.util.task import TaskState

from engine.sandbox import ScriptError

MAX_ROUNDS = 10_000


@dataclass(frozen=True)
class Failure:
    task_id: str
    process_id: str
    element_id: str
    element_name: str
    message_id: str
    message_en: str


def describe(exc: BaseException) -> tuple[str, str]:
    """Indonesian and English text for an exception raised while running a step."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ScriptError):
            return cause.message_id, cause.message_en
        cause = getattr(cause, "exception", None) or cause.__cause__
    text = str(exc)
    if isinstance(exc, SpiffWorkflowException):
        notes = getattr(exc, "notes", None) or []
        if notes:
            text = f"{text} ({'; '.join(str(n) for n in notes)})"
    return f"langkah gagal: {text}", f"step failed: {text}"


def _failure(task: Any, exc: BaseException) -> Failure:
    message_id, message_en = describe(exc)
    spec = task.task_spec
    return Failure(
        task_id=str(task.id),
        process_id=str(task.workflow.spec.name),
        element_id=str(getattr(spec, "bpmn_id", None) or spec.name),
        element_name=str(getattr(spec, "bpmn_name", None) or spec.name),
        message_id=message_id,
        message_en=message_en,
    )


# A task that already finished is never turned into an incident afterwards.
_DONE = TaskState.ERROR | TaskState.COMPLETED | TaskState.CANCELLED


def _failed_task(running: Any, exc: BaseException) -> Any:
    """The task whose step failed.

    Running one task can fail in another: completing a task readies the next one, and that one's
    pre-script runs then. SpiffWorkflow names the failing task on the exception (and has already
    put it in ERROR); the task being run has completed and must stay so.
    """
    named = getattr(exc, "task", None)
    return named if named is not None and hasattr(named, "task_spec") else running


Held = Callable[[Any], bool]


def never_held(task: Any) -> bool:
    return False


def _run_ready(workflow: Any, failures: list[Failure], held: Held = never_held) -> int:
    count = 0
    for task in workflow.get_tasks(state=TaskState.READY):
        if task.task_spec.manual or held(task):
            continue
        try:
            task.run()
        except Exception as exc:  # noqa: BLE001 - every step failure becomes an incident, never a crash
            failed = _failed_task(task, exc)
            if not failed.has_state(_DONE):
                failed._set_state(TaskState.ERROR)
            failures.append(_failure(failed, exc))
            continue
        count += 1
    return count


def _round(top: Any, failures: list[Failure], held: Held) -> bool:
    active = top.get_active_subprocesses()
    for subprocess in sorted(active, key=lambda sp: sp.depth, reverse=True):
        while _run_ready(subprocess, failures, held) > 0:
            pass
        if subprocess.parent_task_id is not None:
            parent = top.get_task_from_id(subprocess.parent_task_id)
            try:
                parent.task_spec._update(parent)
            except Exception as exc:  # noqa: BLE001
                parent._set_state(TaskState.ERROR)
                failures.append(_failure(parent, exc))
    count = _run_ready(top, failures, held)
    return count > 0 or len(top.get_active_subprocesses()) > len(active)


def _refresh_timers(top: Any, failures: list[Failure]) -> None:
    """Ask every waiting timer whether it is due; a timer whose expression fails is an incident."""
    for task in list(top.event_manager.tasks.values()):
        if not isinstance(task.task_spec.event_definition, TimerEventDefinition | MultipleEventDefinition):
            continue
        if not task.has_state(TaskState.WAITING):
            continue
        try:
            task.task_spec._update(task)
        except Exception as exc:  # noqa: BLE001 - a bad timer stops only its own branch
            task._set_state(TaskState.ERROR)
            failures.append(_failure(task, exc))


def _automatic_ready(top: Any, held: Held) -> bool:
    workflows = [top, *top.get_active_subprocesses()]
    return any(not t.task_spec.manual and not held(t) for wf in workflows for t in wf.get_tasks(state=TaskState.READY))


def held_steps(top: Any, held: Held) -> list[Any]:
    """Ready steps left for a job (``lintas:async``), each once.

    The top workflow's task list already reaches into its subprocesses, so a step inside one is
    met twice; it must still be handed to the job once (a document step would render twice).
    """
    workflows = [top, *top.get_active_subprocesses()]
    found = {t.id: t for wf in workflows for t in wf.get_tasks(state=TaskState.READY)
             if not t.task_spec.manual and held(t)}
    return list(found.values())


def run_engine_steps(top: Any, held: Held = never_held) -> list[Failure]:
    """Run automatic steps, let due timers fire, and repeat until only people, events or a job
    (steps marked ``lintas:async``, passed as ``held``) can move it."""
    failures: list[Failure] = []
    for _ in range(MAX_ROUNDS):
        for _ in range(MAX_ROUNDS):
            if not _round(top, failures, held):
                break
        _refresh_timers(top, failures)
        if not _automatic_ready(top, held):
            break
    return failures
