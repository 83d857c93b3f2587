"""What an instance shows as its data while an embedded subprocess is still running."""

from __future__ import annotations

from datetime import UTC, datetime

from engine.bpmn.instance import LiveInstance
from engine.sandbox import ScriptSandbox
from tests import bpmn_builder as b
from tests.unit.runtime.test_pruning import compile_one

NOW = datetime(2026, 3, 17, 2, 0, tzinfo=UTC)


def test_data_set_inside_a_running_subprocess_is_shown(sandbox: ScriptSandbox) -> None:
    inner = ('<bpmn:subProcess id="fase">' + b.start("s") + b.script("tandai", "status = 'di dalam fase'")
             + b.user("kerjakan") + b.end("e") + b.flow("s", "tandai", "kerjakan", "e", prefix="g")
             + "</bpmn:subProcess>")
    xml = b.process("luar", b.start(), b.script("awal", "status = 'awal'"), inner, b.end(),
                    b.flow("start", "awal", "fase", "end"))
    live = LiveInstance.create(compile_one(sandbox, xml), sandbox, lambda: NOW, {})
    live.run()
    assert live.data()["status"] == "di dalam fase"
