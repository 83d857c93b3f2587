"""Finds every piece of code a BPMN document will run, so deploy can check each under the sandbox.

Scripts run as statements; conditions, loop cardinalities, timer expressions, message payloads
and correlation retrieval expressions are evaluated as expressions.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from engine.bpmn.catalogue import BPMN_NS, assignee_expression
from engine.bpmn.dialects import LINTAS_NS, SPIFF_NS
from engine.domain.durations import looks_literal, parse_timer

_EXEC = {(BPMN_NS, "script"), (SPIFF_NS, "preScript"), (SPIFF_NS, "postScript")}
_EVAL = {
    (BPMN_NS, "conditionExpression"),
    (BPMN_NS, "completionCondition"),
    (BPMN_NS, "loopCardinality"),
    (BPMN_NS, "loopCondition"),
    (BPMN_NS, "condition"),
    (BPMN_NS, "timeDate"),
    (BPMN_NS, "timeDuration"),
    (BPMN_NS, "timeCycle"),
    (SPIFF_NS, "messagePayload"),
}
_TIMERS = {(BPMN_NS, "timeDate"), (BPMN_NS, "timeDuration"), (BPMN_NS, "timeCycle")}
_RETRIEVAL_PARENTS = {"correlationPropertyRetrievalExpression", "messagePath"}


@dataclass(frozen=True)
class Code:
    file: str
    line: int
    element_id: str
    source: str
    mode: str        # "exec" or "eval"


def _owner_id(node: etree._Element) -> str:
    current: etree._Element | None = node
    while current is not None:
        if current.get("id"):
            return str(current.get("id"))
        current = current.getparent()
    return ""


def find_code(root: etree._Element, file: str) -> list[Code]:
    out: list[Code] = []
    for node in root.iter():
        if not isinstance(node.tag, str):
            continue
        qname = etree.QName(node)
        key = (qname.namespace, qname.localname)
        text = (node.text or "").strip()
        mode = "exec" if key in _EXEC else "eval" if key in _EVAL else None
        if mode is None and qname.localname == "formalExpression":
            parent = node.getparent()
            if parent is not None and etree.QName(parent).localname in _RETRIEVAL_PARENTS:
                mode = "eval"
        if key in _TIMERS and (parse_timer(text) is not None or looks_literal(text)):
            mode = None    # a literal timer value (ISO 8601 or working time), checked when the timer is parsed
        if mode and text:
            out.append(Code(file, node.sourceline or 0, _owner_id(node), text, mode))
        assignee = assignee_expression(node)
        if assignee:
            out.append(Code(file, node.sourceline or 0, str(node.get("id") or ""), assignee, "eval"))
        due = (node.get(f"{{{LINTAS_NS}}}due") or "").strip()
        if due.startswith("="):
            out.append(Code(file, node.sourceline or 0, str(node.get("id") or ""), due[1:], "eval"))
    return out
