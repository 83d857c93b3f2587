"""What the instance page's diagram and timeline need from BPMN: element names and element states.

Names come from the deployed XML (every flow element, lane-independent), so the timeline can say
"Waktu tunggu 'Tanpa tanggapan 10 hari kerja'" for a boundary timer the catalogue does not list.
States come from the live task tree plus the history that pruning moved out of it: an element is
*completed* when one of its runs finished, *active* while a run is ready, waiting or in progress,
*failed* while a run is in error. A loop makes an element both completed and active.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree
from SpiffWorkflow.util.task import TaskState

from engine.bpmn.catalogue import BPMN_NS
from engine.bpmn.instance import LiveInstance
from engine.bpmn.xmlsafe import parse_xml

_SKIP = {"sequenceFlow", "lane", "laneSet", "textAnnotation", "association", "dataObject", "documentation",
         "definitions", "collaboration", "messageFlow"}
_ACTIVE = TaskState.READY | TaskState.WAITING | TaskState.STARTED
# Stored XML already passed deploy's limits; this only bounds the work of reading it again.
_MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class ElementStates:
    completed: frozenset[str]
    active: frozenset[str]
    failed: frozenset[str]


def element_names(bpmn_xml: str) -> dict[str, str]:
    """Element id -> name of every named flow element, subprocess and process in the XML."""
    root = parse_xml(bpmn_xml.encode("utf-8"), _MAX_BYTES)
    out: dict[str, str] = {}
    for node in root.iter(f"{{{BPMN_NS}}}*"):
        element_id, name = node.get("id"), " ".join((node.get("name") or "").split())
        if element_id and name and etree.QName(node).localname not in _SKIP:
            out[element_id] = name
    return out


def process_documentation(bpmn_xml: str, process_id: str) -> str | None:
    """The ``bpmn:documentation`` of one process, if written."""
    root = parse_xml(bpmn_xml.encode("utf-8"), _MAX_BYTES)
    for node in root.iter(f"{{{BPMN_NS}}}process"):
        if node.get("id") == process_id:
            doc = node.find(f"{{{BPMN_NS}}}documentation")
            text = " ".join((doc.text or "").split()) if doc is not None else ""
            return text or None
    return None


def element_states(live: LiveInstance | None, finished: Iterable[tuple[str, str]]) -> ElementStates:
    """``finished`` is (element id, state name) of pruned history; ``live`` the current task tree."""
    completed = {element_id for element_id, state in finished if state == "COMPLETED"}
    active: set[str] = set()
    failed: set[str] = set()
    tasks = list(live.workflow.tasks.values()) if live else []
    if live:
        for subprocess in live.workflow.subprocesses.values():
            tasks.extend(subprocess.tasks.values())
    for task in tasks:
        element_id = getattr(task.task_spec, "bpmn_id", None)
        if not element_id:
            continue
        if task.has_state(TaskState.COMPLETED):
            completed.add(str(element_id))
        elif task.has_state(TaskState.ERROR):
            failed.add(str(element_id))
        elif task.has_state(_ACTIVE):
            active.add(str(element_id))
    return ElementStates(frozenset(completed), frozenset(active), frozenset(failed))
