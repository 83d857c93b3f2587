"""Builds small BPMN documents and bundles for tests, so each test shows the process it runs.

``flow("a", "b", "c")`` chains elements with sequence flows; elements are written as XML snippets.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
    'xmlns:lintas="urn:lintas:bpmn:1" id="defs" targetNamespace="urn:lintas:test">\n'
)


def start(id: str = "start", form: str | None = None, **attrs: str) -> str:
    extra = f' lintas:form="{form}"' if form else ""
    return f'<bpmn:startEvent id="{id}"{extra}{_attrs(attrs)}/>'


def end(id: str = "end") -> str:
    return f'<bpmn:endEvent id="{id}"/>'


def user(id: str, name: str | None = None, *, form: str | None = None, groups: str | None = None,
         assignee: str | None = None, **attrs: str) -> str:
    extra = _attrs(attrs)
    if form:
        extra += f' lintas:form="{form}"'
    if groups:
        extra += f' lintas:candidateGroups="{groups}"'
    if assignee:
        extra += f' lintas:assignee="{assignee}"'
    return f'<bpmn:userTask id="{id}" name="{name or id}"{extra}/>'


def script(id: str, code: str) -> str:
    return f'<bpmn:scriptTask id="{id}"><bpmn:script><![CDATA[{code}]]></bpmn:script></bpmn:scriptTask>'


def xor(id: str, default: str | None = None) -> str:
    extra = f' default="{default}"' if default else ""
    return f'<bpmn:exclusiveGateway id="{id}"{extra}/>'


def parallel(id: str) -> str:
    return f'<bpmn:parallelGateway id="{id}"/>'


def seq(id: str, source: str, target: str, condition: str | None = None) -> str:
    if condition is None:
        return f'<bpmn:sequenceFlow id="{id}" sourceRef="{source}" targetRef="{target}"/>'
    return (f'<bpmn:sequenceFlow id="{id}" sourceRef="{source}" targetRef="{target}">'
            f'<bpmn:conditionExpression><![CDATA[{condition}]]></bpmn:conditionExpression></bpmn:sequenceFlow>')


def flow(*ids: str, prefix: str = "f") -> str:
    return "\n".join(seq(f"{prefix}_{a}_{b}", a, b) for a, b in zip(ids, ids[1:], strict=False))


def lanes(mapping: dict[str, list[str]]) -> str:
    body = "".join(
        f'<bpmn:lane id="lane_{i}" name="{name}">'
        + "".join(f"<bpmn:flowNodeRef>{ref}</bpmn:flowNodeRef>" for ref in refs)
        + "</bpmn:lane>"
        for i, (name, refs) in enumerate(mapping.items())
    )
    return f'<bpmn:laneSet id="lanes">{body}</bpmn:laneSet>'


def process(process_id: str, *parts: str, name: str | None = None, executable: bool = True,
            attrs: str = "", extra: str = "") -> str:
    return (
        HEADER + extra
        + f'<bpmn:process id="{process_id}" name="{name or process_id}" '
        + f'isExecutable="{"true" if executable else "false"}"{attrs}>\n'
        + "\n".join(parts)
        + "\n</bpmn:process>\n</bpmn:definitions>\n"
    )


def form(*required: str, **properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "title": "Formulir uji",
        "properties": properties,
        "required": list(required),
        "additionalProperties": False,
    }


def bundle(root: Path, key: str, bpmn: str, forms: dict[str, dict[str, Any]] | None = None,
           extra_files: dict[str, str] | None = None) -> Path:
    folder = root / key
    (folder / "forms").mkdir(parents=True, exist_ok=True)
    (folder / "process.bpmn").write_text(bpmn, encoding="utf-8")
    for form_id, schema in (forms or {}).items():
        (folder / "forms" / f"{form_id}.json").write_text(json.dumps(schema), encoding="utf-8")
    for name, text in (extra_files or {}).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _attrs(attrs: dict[str, str]) -> str:
    return "".join(f' {k.replace("__", ":")}="{v}"' for k, v in attrs.items())


def document(id: str, template: str, **attrs: str) -> str:
    """A document step: ``lintas:document`` plus ``lintas__documentKey=...`` style attributes."""
    return f'<bpmn:serviceTask id="{id}" name="{id}" lintas:document="{template}"{_attrs(attrs)}/>'
