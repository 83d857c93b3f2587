"""Reads who works each human task, and with which form, from the BPMN XML.

Lintas conventions (see README "Writing processes"): a lane names an OPD role (``PUPR/Kepala
Bidang``); a task may instead carry ``lintas:candidateGroups`` (comma-separated roles) or
``lintas:assignee`` (an expression giving a username); ``lintas:form`` names a form in the bundle.
Camunda's ``candidateGroups``/``assignee``/``candidateStarterGroups`` are read as the same thing;
a Camunda assignee is a username unless written as an expression (``${...}``).
"""

from __future__ import annotations

from functools import partial

from lxml import etree

from engine.bpmn.dialects import CAMUNDA_NS, LINTAS_NS
from engine.bpmn.document_steps import document_steps, is_document_step, signing_of, with_slots
from engine.domain.process import Assignment, Catalogue, PhaseInfo, TaskInfo
from engine.domain.returns import ReturnSpec
from engine.domain.sla import BreachAction, SlaSpec, parse_actions

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
NS = {"bpmn": BPMN_NS}
_HUMAN = {"userTask": "user", "manualTask": "manual", "task": "none"}
_CONTAINERS = {"subProcess", "transaction", "adHocSubProcess"}


def _attr(node: etree._Element, name: str) -> str | None:
    for namespace in (LINTAS_NS, CAMUNDA_NS):
        value = node.get(f"{{{namespace}}}{name}")
        if value is not None and value.strip():
            return value.strip()
    return None


def assignee_expression(node: etree._Element) -> str | None:
    """The expression that names a task's assignee, if the task has one.

    ``lintas:assignee`` is an expression. Camunda's ``assignee`` is a plain username ("demo") unless
    it is a JUEL expression; a username becomes a string literal, an expression is kept as written
    so that deploy refuses what the sandbox cannot run instead of failing when the task is reached.
    """
    own = _attr_lintas(node, "assignee")
    if own:
        return own
    camunda = (node.get(f"{{{CAMUNDA_NS}}}assignee") or "").strip()
    if not camunda:
        return None
    return camunda if ("${" in camunda or "#{" in camunda) else repr(camunda)


def _split(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(part.strip() for part in value.split(",") if part.strip())


def _local(node: etree._Element) -> str:
    return etree.QName(node).localname if isinstance(node.tag, str) else ""


def _lanes(process: etree._Element) -> dict[str, str]:
    """Element id -> name of the innermost lane that lists it."""
    lanes: dict[str, str] = {}
    for lane in process.iter(f"{{{BPMN_NS}}}lane"):
        name = (lane.get("name") or "").strip()
        if not name:
            continue
        for ref in lane.findall(f"{{{BPMN_NS}}}flowNodeRef"):
            # Later (deeper) lanes in document order override their parents.
            if ref.text:
                lanes[ref.text.strip()] = name
    return lanes


def _container_id(node: etree._Element, process_id: str) -> str:
    parent = node.getparent()
    while parent is not None:
        if _local(parent) in _CONTAINERS:
            return str(parent.get("id"))
        if _local(parent) == "process":
            break
        parent = parent.getparent()
    return process_id


def _lane_of(node: etree._Element, lanes: dict[str, str]) -> str | None:
    current: etree._Element | None = node
    while current is not None and _local(current) != "process":
        lane = lanes.get(current.get("id") or "")
        if lane:
            return lane
        current = current.getparent()
    return None


def _documentation(node: etree._Element) -> str | None:
    doc = node.find(f"{{{BPMN_NS}}}documentation")
    if doc is None or not (doc.text or "").strip():
        return None
    return (doc.text or "").strip()


def human_tasks(process: etree._Element) -> list[TaskInfo]:
    process_id = str(process.get("id"))
    lanes = _lanes(process)
    out = []
    for node in process.iter():
        kind = _HUMAN.get(_local(node))
        if kind is None:
            continue
        element_id = str(node.get("id"))
        out.append(TaskInfo(
            process_id=_container_id(node, process_id),
            element_id=element_id,
            name=(node.get("name") or element_id).strip(),
            kind=kind,
            form_id=_attr_lintas(node, "form"),
            assignment=Assignment(
                lane=_lane_of(node, lanes),
                candidate_groups=_split(_attr(node, "candidateGroups")),
                assignee_expression=assignee_expression(node),
            ),
            documentation=_documentation(node),
            sla=sla_of(node),
            pauses_sla=(_attr_lintas(node, "pausesSla") or "").lower() in ("true", "1", "ya"),
            signing=signing_of(node),
            bucket=_bucket(node),
            returns=_returns(node),
        ))
    return out


BUCKETS = ("paraf", "tanda_tangan", "disposisi", "lainnya")


def _bucket(node: etree._Element) -> str:
    """The inbox bucket: signing tasks by their kind, else ``lintas:bucket`` (e.g. "disposisi")."""
    signing = signing_of(node)
    if signing is not None:
        return "paraf" if signing.kind == "paraf" else "tanda_tangan"
    wanted = (_attr_lintas(node, "bucket") or "lainnya").lower()
    return wanted if wanted in BUCKETS else "lainnya"


def _returns(node: etree._Element) -> ReturnSpec | None:
    """``lintas:return="field=value; reason=reason_field"`` (checked against the task's form at deploy)."""
    text = _attr_lintas(node, "return")
    return ReturnSpec.parse(text) if text else None


def sla_of(node: etree._Element) -> SlaSpec | None:
    due = _attr_lintas(node, "due")
    if not due:
        return None
    actions = parse_actions(_attr_lintas(node, "onBreach"))
    return SlaSpec(due, _attr_lintas(node, "reminder"), actions or (BreachAction("notify"),))


def async_steps(process: etree._Element) -> list[str]:
    """Steps marked ``lintas:async="true"``, and document steps: run by a job after the request that
    reached them commits (rendering a PDF never happens inside a clerk's request)."""
    process_id = str(process.get("id"))
    return [Catalogue.task_key(_container_id(node, process_id), str(node.get("id")))
            for node in process.iter() if isinstance(node.tag, str)
            and ((_attr_lintas(node, "async") or "").lower() in ("true", "1", "ya") or is_document_step(node))]


def phases(process: etree._Element) -> list[PhaseInfo]:
    process_id = str(process.get("id"))
    lanes = _lanes(process)
    out = []
    for node in process.iter():
        if _local(node) not in (*_CONTAINERS, "callActivity"):
            continue
        sla = sla_of(node)
        if sla is not None:
            element_id = str(node.get("id"))
            out.append(PhaseInfo(_container_id(node, process_id), element_id,
                                 (node.get("name") or element_id).strip(), sla, _lane_of(node, lanes)))
    return out


def _attr_lintas(node: etree._Element, name: str) -> str | None:
    value = node.get(f"{{{LINTAS_NS}}}{name}")
    return value.strip() if value and value.strip() else None


def _start_form(process: etree._Element) -> str | None:
    for start in process.findall(f"{{{BPMN_NS}}}startEvent"):
        form = _attr_lintas(start, "form")
        if form:
            return form
    return None


def build(
    processes: dict[str, etree._Element], main_id: str, message_starts: tuple[str, ...] = ()
) -> Catalogue:
    """Catalogue of the main process and every process it can call (given by id)."""
    main = processes[main_id]
    tasks: dict[str, TaskInfo] = {}
    found_phases: dict[str, PhaseInfo] = {}
    held: list[str] = []
    steps = []
    for process in processes.values():
        held.extend(async_steps(process))
        steps.extend(document_steps(process, partial(_container_id, process_id=str(process.get("id")))))
        for info in human_tasks(process):
            tasks[Catalogue.task_key(info.process_id, info.element_id)] = info
        for phase in phases(process):
            found_phases[Catalogue.task_key(phase.process_id, phase.element_id)] = phase
    return Catalogue(
        process_id=main_id,
        name=(main.get("name") or main_id).strip(),
        starters=_split(_attr(main, "starters") or _attr(main, "candidateStarterGroups")),
        start_form=_start_form(main),
        tasks=tasks,
        message_starts=message_starts,
        phases=found_phases,
        async_steps=tuple(held),
        sla=sla_of(main),
        documents=with_slots(steps, tasks),
    )
