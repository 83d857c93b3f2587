"""Small BPMN documents and a way to run them in memory, for the engine.bpmn unit tests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from engine.bpmn.compiler import CompiledProcess, Compiler, SourceFile
from engine.bpmn.instance import LiveInstance, RunReport
from engine.bpmn.state import restore_specs
from engine.sandbox import ScriptSandbox

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
CAMUNDA = "http://camunda.org/schema/1.0/bpmn"
SPIFF = "http://spiffworkflow.org/bpmn/schema/1.0/core"


def definitions(body: str, *, extra_ns: str = "") -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="{BPMN}" xmlns:camunda="{CAMUNDA}" xmlns:spiffworkflow="{SPIFF}" {extra_ns}
    id="defs" targetNamespace="urn:lintas:test">
{body}
</bpmn:definitions>""".encode()


def compile_one(sandbox: ScriptSandbox, xml: bytes, name: str = "model.bpmn") -> CompiledProcess:
    compiled = Compiler(sandbox, 1_000_000).compile([SourceFile(name, xml)])
    assert len(compiled) == 1
    return compiled[0]


def start(sandbox: ScriptSandbox, xml: bytes, data: dict[str, Any] | None = None) -> tuple[LiveInstance, RunReport]:
    """Compile, store and restore the spec as Lintas does, then start and run an instance."""
    specs = restore_specs(compile_one(sandbox, xml).spec_json)
    live = LiveInstance.create(specs, sandbox, lambda: datetime(2026, 3, 17, tzinfo=UTC), data or {})
    return live, live.run()
