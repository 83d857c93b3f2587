"""Reads the document steps and signing tasks of a process from its BPMN XML (``lintas:`` attributes).

``<bpmn:serviceTask lintas:document="ba.html" lintas:documentKey="ba" lintas:title="..."
lintas:letterhead="PUPR" lintas:classification="600.1.2" lintas:seal="true">`` renders a document;
``<bpmn:userTask lintas:sign="ba" lintas:signField="ttd_kadis" lintas:signKind="sign"
lintas:onBehalfOf="Bupati">`` signs it. The planned fields of each document (its slots) are the
fields of the tasks that sign it, initials first, plus the seal when the document is sealed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from lxml import etree

from engine.bpmn.dialects import LINTAS_NS
from engine.domain.documents import DocumentStep, SigningSpec, Slot, default_key
from engine.domain.process import Catalogue, TaskInfo

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
SEAL_FIELD = "segel"


def lintas_attr(node: etree._Element, name: str) -> str | None:
    value = node.get(f"{{{LINTAS_NS}}}{name}")
    return value.strip() if value and value.strip() else None


def is_document_step(node: etree._Element) -> bool:
    return isinstance(node.tag, str) and etree.QName(node).localname == "serviceTask" \
        and lintas_attr(node, "document") is not None


def signing_of(node: etree._Element) -> SigningSpec | None:
    key = lintas_attr(node, "sign")
    if key is None:
        return None
    return SigningSpec(key, lintas_attr(node, "signField") or "", (lintas_attr(node, "signKind") or "sign").lower(),
                       lintas_attr(node, "onBehalfOf"))


def document_steps(process: etree._Element, container_of: Callable[[etree._Element], str]) -> list[DocumentStep]:
    """Render steps of ``process``; ``container_of`` gives the id of a node's (sub)process."""
    out = []
    for node in process.iter(f"{{{BPMN_NS}}}serviceTask"):
        if not is_document_step(node):
            continue
        element_id = str(node.get("id"))
        template = lintas_attr(node, "document") or ""
        name = (node.get("name") or element_id).strip()
        out.append(DocumentStep(
            process_id=container_of(node), element_id=element_id, name=name,
            template=template, key=lintas_attr(node, "documentKey") or default_key(template),
            title=lintas_attr(node, "title") or name, letterhead_opd=lintas_attr(node, "letterhead"),
            classification=lintas_attr(node, "classification"),
            seal=(lintas_attr(node, "seal") or "").lower() in ("true", "1", "ya"),
        ))
    return out


def with_slots(steps: list[DocumentStep], tasks: dict[str, TaskInfo]) -> dict[str, DocumentStep]:
    """Each step with its planned fields, keyed like tasks ("process:element")."""
    out = {}
    for step in steps:
        signers = [t for t in tasks.values() if t.signing and t.signing.document_key == step.key]
        slots = [Slot(t.signing.field, t.signing.kind, _role_label(t))  # type: ignore[union-attr]
                 for t in sorted(signers, key=lambda t: t.signing.kind != "paraf")]  # type: ignore[union-attr]
        if step.seal:
            slots.append(Slot(SEAL_FIELD, "seal", "Segel Elektronik"))
        out[Catalogue.task_key(step.process_id, step.element_id)] = replace(step, slots=tuple(dict.fromkeys(slots)))
    return out


def _role_label(task: TaskInfo) -> str:
    roles = task.assignment.role_paths
    return roles[0].rsplit("/", 1)[-1].strip() if roles else task.name
