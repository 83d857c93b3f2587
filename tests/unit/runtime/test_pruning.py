"""Pruning finished tasks keeps behaviour identical to SpiffWorkflow's full tree, with bounded state.

Each model runs twice from the same inputs — once keeping the whole task tree, once pruning and
reloading the serialized state after every step — and both runs must offer the same tasks in the
same order and end with the same data. No database is involved.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from engine.bpmn.compiler import Compiler, SourceFile
from engine.bpmn.instance import LiveInstance
from engine.bpmn.state import restore_specs
from engine.sandbox import ScriptSandbox
from tests import bpmn_builder as b

NOW = datetime(2026, 3, 17, 2, 0, tzinfo=UTC)

Decide = Callable[[str, dict[str, Any]], dict[str, Any]]


def compile_one(sandbox: ScriptSandbox, xml: str) -> Any:
    compiled = Compiler(sandbox, 5_000_000).compile([SourceFile("p.bpmn", xml.encode())])
    return restore_specs(compiled[0].spec_json)


def drive(sandbox: ScriptSandbox, xml: str, decide: Decide, *, prune: bool, steps: int = 400) -> tuple[list[Any], dict]:
    specs = compile_one(sandbox, xml)
    live = LiveInstance.create(specs, sandbox, lambda: NOW, {})
    live.run()
    trace: list[Any] = []
    sizes: list[int] = []
    for _ in range(steps):
        if prune:
            live.prune()
            live = LiveInstance.load(specs, sandbox, lambda: NOW, live.dump())
            sizes.append(len(live.workflow.tasks) + sum(len(s.tasks) for s in live.workflow.subprocesses.values()))
        ready = sorted(live.ready_work(), key=lambda w: (w.element_id, w.task_id))
        trace.append(tuple(w.element_id for w in ready))
        if not ready:
            break
        work = ready[0]
        report = live.complete(work.task_id, decide(work.element_id, live.task_data(work.task_id)))
        assert report.failures == []
    if prune:
        assert max(sizes) < 60, f"live state grew to {max(sizes)} tasks"
    return trace, {**live.data(), "status": live.status()}


def same_behaviour(sandbox: ScriptSandbox, xml: str, decide: Decide, steps: int = 200) -> list[Any]:
    full = drive(sandbox, xml, decide, prune=False, steps=steps)
    pruned = drive(sandbox, xml, decide, prune=True, steps=steps)
    assert pruned == full
    return full[0]


def counter(limit: int) -> Decide:
    def decide(element: str, data: dict[str, Any]) -> dict[str, Any]:
        return {"n": data.get("n", 0) + 1} if element == "langkah" else {}
    return decide


def nothing(element: str, data: dict[str, Any]) -> dict[str, Any]:
    return {}


def test_parallel_branches_inside_a_loop(sandbox: ScriptSandbox) -> None:
    # The split is also the loop's entry: SpiffWorkflow finds its first input by climbing ancestors.
    xml = b.process(
        "paralel", b.start(), b.script("awal", "n = 0"), b.parallel("split"), b.user("a"), b.user("b"),
        b.user("c"), b.parallel("join"), b.script("hitung", "n = n + 1"), b.xor("gw", default="keluar"), b.end(),
        b.flow("start", "awal", "split"), b.seq("s1", "split", "a"), b.seq("s2", "split", "b"),
        b.seq("s3", "split", "c"), b.seq("s4", "a", "join"), b.seq("s5", "b", "join"), b.seq("s6", "c", "join"),
        b.flow("join", "hitung", "gw"), b.seq("ulang", "gw", "split", "n < 12"), b.seq("keluar", "gw", "end"),
    )
    trace = same_behaviour(sandbox, xml, nothing)
    assert trace[-1] == () and len(trace) == 37


def test_inclusive_gateway_loop(sandbox: ScriptSandbox) -> None:
    xml = b.process(
        "inklusif", b.start(), b.script("awal", "n = 0"), '<bpmn:inclusiveGateway id="split" default="s2"/>',
        b.user("a"), b.user("b"), '<bpmn:inclusiveGateway id="join"/>', b.script("hitung", "n = n + 1"),
        b.xor("gw", default="keluar"), b.end(),
        b.flow("start", "awal", "split"), b.seq("s1", "split", "a", "n % 3 != 1"), b.seq("s2", "split", "b"),
        b.seq("s3", "a", "join"), b.seq("s4", "b", "join"), b.flow("join", "hitung", "gw"),
        b.seq("ulang", "gw", "split", "n < 12"), b.seq("keluar", "gw", "end"),
    )
    trace = same_behaviour(sandbox, xml, nothing)
    assert trace[-1] == ()


def test_subprocess_and_boundary_inside_a_loop(sandbox: ScriptSandbox) -> None:
    inner = ('<bpmn:subProcess id="sub">' + b.start("si") + b.user("a") + b.end("se")
             + b.flow("si", "a", "se", prefix="g") + "</bpmn:subProcess>")
    boundary = ('<bpmn:boundaryEvent id="batal" attachedToRef="langkah" cancelActivity="true">'
                '<bpmn:messageEventDefinition id="md" messageRef="m"/></bpmn:boundaryEvent>')
    xml = b.process(
        "bersarang", b.start(), inner, b.user("langkah"), boundary, b.xor("gw", default="keluar"), b.end(),
        b.end("dibatalkan"), b.flow("start", "sub", "langkah", "gw"), b.seq("b1", "batal", "dibatalkan"),
        b.seq("ulang", "gw", "sub", "n < 20"), b.seq("keluar", "gw", "end"),
        extra='<bpmn:message id="m" name="batal"/>',
    )
    trace = same_behaviour(sandbox, xml, counter(20))
    assert trace[0] == ("a",) and trace[1] == ("langkah",)


def test_multi_instance_inside_a_loop(sandbox: ScriptSandbox) -> None:
    mi = ('<bpmn:userTask id="a"><bpmn:multiInstanceLoopCharacteristics isSequential="false">'
          '<bpmn:loopCardinality>3</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>')
    xml = b.process(
        "banyak", b.start(), b.script("awal", "n = 0"), mi, b.script("hitung", "n = n + 1"),
        b.xor("gw", default="keluar"), b.end(),
        b.flow("start", "awal", "a", "hitung", "gw"), b.seq("ulang", "gw", "a", "n < 12"), b.seq("keluar", "gw", "end"),
    )
    trace = same_behaviour(sandbox, xml, nothing)
    assert trace[0] == ("a", "a", "a") and trace[-1] == ()


@pytest.mark.parametrize("iterations", [500])
def test_long_loop_state_stays_small_and_finishes(sandbox: ScriptSandbox, iterations: int) -> None:
    xml = b.process(
        "putaran", b.start(), b.user("langkah"), b.script("hitung", "n = n + 1"), b.xor("gw", default="keluar"),
        b.end(), b.flow("start", "langkah", "hitung", "gw"), b.seq("ulang", "gw", "langkah", f"n < {iterations}"),
        b.seq("keluar", "gw", "end"),
    ).replace(b.start(), b.start(), 1)
    specs = compile_one(sandbox, xml)
    live = LiveInstance.create(specs, sandbox, lambda: NOW, {"n": 0})
    live.run()
    lengths = []
    for _ in range(iterations):
        ready = live.ready_work()
        live.complete(ready[0].task_id, {})
        live.prune()
        state = live.dump()
        lengths.append(len(state))
        live = LiveInstance.load(specs, sandbox, lambda: NOW, state)
    assert live.status() == "completed" and live.data()["n"] == iterations
    assert max(lengths[10:-1]) - min(lengths[10:-1]) < 200, "state size must not grow with age"
