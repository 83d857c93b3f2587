"""Moves finished tasks out of the live task tree so a step costs the same at any instance age.

SpiffWorkflow keeps every task it ever ran in one tree: in a user-task loop each iteration adds a
few levels, every step re-walks and re-serializes the whole tree, and its iterator stops at depth
1000 (about 333 loop iterations), after which the instance silently stops advancing.

Pruning keeps only what the engine can still consult: unfinished tasks and their parents (joins
and boundary events compare a task's parent), the path from a structured join to its split, the
current generation of an unstructured join's arrivals, the last completed task and the root.
Everything else is cut out and the kept tasks are re-linked to their nearest kept ancestor, so
ancestry among kept tasks is unchanged. What was cut is returned for the history table.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from SpiffWorkflow.bpmn.specs.mixins.unstructured_join import UnstructuredJoin
from SpiffWorkflow.util.task import TaskState

# ERROR tasks are open incidents waiting for a retry; they must stay in the live state.
_LIVE = TaskState.NOT_FINISHED_MASK | TaskState.ERROR


@dataclass(frozen=True)
class FinishedElement:
    task_id: str
    process_id: str
    element_id: str
    element_type: str
    state: str


def prune(workflow: Any) -> list[FinishedElement]:
    """Prune the top workflow and every subprocess; return the BPMN elements removed, oldest first."""
    removed: list[FinishedElement] = []
    dropped_ids = _prune_tree(workflow, removed)
    _drop_subprocesses(workflow, dropped_ids, removed)
    for subprocess in list(workflow.subprocesses.values()):
        dropped = _prune_tree(subprocess, removed)
        _drop_subprocesses(workflow, dropped, removed)
    return removed


def _drop_subprocesses(top: Any, dropped_ids: set[UUID], removed: list[FinishedElement]) -> None:
    for task_id in [tid for tid in top.subprocesses if tid in dropped_ids]:
        subprocess = top.subprocesses.pop(task_id, None)
        if subprocess is None:
            continue
        nested = set(subprocess.tasks)
        for task in subprocess.tasks.values():
            _record(task, removed)
        _drop_subprocesses(top, nested, removed)


def _keep_set(workflow: Any) -> set[UUID]:
    tasks = workflow.tasks
    keep: set[UUID] = {workflow.task_tree.id}
    if workflow.last_task is not None and workflow.last_task.id in tasks:
        keep.add(workflow.last_task.id)
    by_spec: dict[str, list[Any]] = defaultdict(list)
    live: list[Any] = []
    for task in tasks.values():
        by_spec[task.task_spec.name].append(task)
        if task.has_state(_LIVE):
            live.append(task)
            keep.add(task.id)
            if task._parent is not None:
                keep.add(task._parent)
    for task in live:
        spec = task.task_spec
        split_name = getattr(spec, "split_task", None)
        if split_name:
            _keep_path_to_split(task, split_name, keep)
        if isinstance(spec, UnstructuredJoin):
            _keep_join_generation(task, by_spec[spec.name], keep)
    return keep


def _keep_path_to_split(task: Any, split_name: str, keep: set[UUID]) -> None:
    node = task.parent
    while node is not None:
        keep.add(node.id)
        if node.task_spec.name == split_name:
            keep.update(node._children)
            return
        node = node.parent


def _keep_join_generation(task: Any, same_spec: list[Any], keep: set[UUID]) -> None:
    """Keep earlier arrivals at this join that belong to the same pass through it, and the
    nearest ancestor of each of its inputs."""
    ancestors: set[UUID] = set()
    boundary = None
    inputs_seen: set[str] = set()
    input_names = {spec.name for spec in task.task_spec.inputs}
    node = task.parent
    while node is not None:
        ancestors.add(node.id)
        if boundary is None and node.task_spec is task.task_spec and node.has_state(TaskState.COMPLETED):
            boundary = node
        # A parallel gateway that is also a loop entry finds its earlier inputs by climbing ancestors;
        # the nearest ancestor of each input spec is all that climb can ever stop at.
        name = node.task_spec.name
        if name in input_names and name not in inputs_seen:
            inputs_seen.add(name)
            keep.add(node.id)
        node = node.parent
    for other in same_spec:
        if other is task or other.id in ancestors or not other.has_state(TaskState.FINISHED_MASK):
            continue
        if boundary is not None and not other.is_descendant_of(boundary):
            continue
        keep.add(other.id)
        if other._parent is not None:
            keep.add(other._parent)


def _prune_tree(workflow: Any, removed: list[FinishedElement]) -> set[UUID]:
    tasks = workflow.tasks
    keep = _keep_set(workflow)
    if len(keep) == len(tasks):
        return set()
    new_parent: dict[UUID, UUID | None] = {}
    new_children: dict[UUID, list[UUID]] = {tid: [] for tid in keep}
    dropped: set[UUID] = set()
    stack: list[tuple[Any, UUID | None]] = [(workflow.task_tree, None)]
    while stack:
        task, anchor = stack.pop()
        if task.id in keep:
            if anchor is not None:
                new_children[anchor].append(task.id)
            new_parent[task.id] = anchor
            anchor = task.id
        else:
            dropped.add(task.id)
            _record(task, removed)
        stack.extend((tasks[child], anchor) for child in reversed(task._children) if child in tasks)
    for task_id in dropped:
        del tasks[task_id]
    # Tasks unreachable from the root (should not happen) are dropped rather than left dangling.
    for task_id in [tid for tid in tasks if tid not in new_parent]:
        dropped.add(task_id)
        _record(tasks.pop(task_id), removed)
    for task_id, parent in new_parent.items():
        task = tasks[task_id]
        task._parent = parent
        task._children = new_children[task_id]
    return dropped


def _record(task: Any, removed: list[FinishedElement]) -> None:
    spec = task.task_spec
    element_id = getattr(spec, "bpmn_id", None)
    if not element_id or not task.has_state(TaskState.FINISHED_MASK):
        return
    removed.append(
        FinishedElement(
            task_id=str(task.id),
            process_id=str(task.workflow.spec.name),
            element_id=str(element_id),
            element_type=_element_type(spec),
            state=TaskState.get_name(task.state),
        )
    )


def _element_type(spec: Any) -> str:
    description = getattr(spec, "description", None)
    return str(description or type(spec).__name__)
