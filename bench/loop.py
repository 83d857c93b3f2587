"""Per-step cost of a long user-task loop: Lintas's service API vs raw SpiffWorkflow, side by side.

Lintas: start bench/models/loop, complete the "Langkah" task N times through WorkItemService (one
unit of work each: load, run, prune, save, inbox, audit), timing each completion.
Raw SpiffWorkflow 3.2: the same BPMN with SpiffWorkflow's default engine, deserializing and
re-serializing the whole workflow at every step (what an application without pruning must do).
It stops advancing near iteration 333 (its task iterator stops at depth 1000) — we report where.

Usage: python bench/loop.py [--iterations 10000] [--database-url URL]
Prints medians over 50-step windows starting at 10, 100, 1000, ... and the 10,000 / 10 ratio.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODEL = HERE / "models" / "loop"
WINDOW = 50


def lintas_series(iterations: int, url: str | None) -> tuple[list[float], str]:
    from engine.bootstrap import bootstrap
    from engine.settings import Settings

    tmp = Path(tempfile.mkdtemp(prefix="lintas-bench-"))
    url = url or f"sqlite:///{tmp / 'bench.db'}"
    app = bootstrap(Settings.from_env({"LINTAS_DATABASE_URL": url, "LINTAS_INSTANCE_DIR": str(tmp)}))
    app.init_db()
    app.org.load_file(HERE / "org.yaml")
    app.deployments.deploy(MODEL)
    view = app.instances.start("loop", as_user="pelaksana", data={"batas": iterations})
    item = view.open_work[0].id
    times = []
    for i in range(iterations):
        t0 = time.perf_counter()
        app.work_items.complete(item, as_user="pelaksana", data={})
        times.append(time.perf_counter() - t0)
        if i + 1 < iterations:
            item = app.work_items.inbox("pelaksana")[0].id
        if (i + 1) % 1000 == 0:
            print(f"  lintas: {i + 1} iterations", file=sys.stderr)
    final = app.instances.show(view.id)
    audit_ok = app.instances.verify_audit(view.id).ok
    outcome = f"status={final.status}, putaran={final.data.get('putaran')}, audit chain ok={audit_ok}"
    app.close()
    return times, outcome


def spiff_series(iterations: int) -> tuple[list[float], str]:
    from SpiffWorkflow.bpmn import BpmnWorkflow
    from SpiffWorkflow.bpmn.parser import BpmnParser
    from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
    from SpiffWorkflow.util.task import TaskState

    parser = BpmnParser()
    parser.add_bpmn_file(str(MODEL / "process.bpmn"))
    serializer = BpmnWorkflowSerializer()
    workflow = BpmnWorkflow(parser.get_spec("bench_loop"))
    workflow.task_tree.data["batas"] = iterations
    workflow.do_engine_steps()
    state = serializer.serialize_json(workflow)
    times = []
    for _ in range(iterations):
        t0 = time.perf_counter()
        workflow = serializer.deserialize_json(state)
        ready = workflow.get_tasks(state=TaskState.READY, manual=True)
        if not ready:
            break
        ready[0].run()
        workflow.do_engine_steps()
        state = serializer.serialize_json(workflow)
        times.append(time.perf_counter() - t0)
    done = len(times)
    counter = workflow.get_tasks(state=TaskState.COMPLETED)[-1].data.get("putaran") if done else 0
    outcome = (f"advanced {done} of {iterations} iterations; reports completed={workflow.is_completed()} "
               f"with putaran={counter}; state {len(state):,} bytes")
    return times, outcome


def window_ms(times: list[float], start: int) -> float | None:
    chunk = times[start - 1:start - 1 + WINDOW]
    return statistics.median(chunk) * 1000 if len(chunk) >= WINDOW // 2 else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--iterations", type=int, default=10_000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    n = args.iterations
    spiff, spiff_outcome = spiff_series(n)
    lintas, lintas_outcome = lintas_series(n, args.database_url)
    points = [p for p in (1, 10, 100, 300, 1000, 3000, 5000, n - WINDOW + 1) if p <= n]
    print(f"\nUser-task loop, {n:,} iterations; median ms per completed step over {WINDOW}-step windows")
    print(f"{'from step':>10}  {'Lintas (service API)':>22}  {'raw SpiffWorkflow 3.2':>22}")
    for p in points:
        lv, sv = window_ms(lintas, p), window_ms(spiff, p)
        print(f"{p:>10,}  {lv:>19.2f} ms  " + (f"{sv:>19.2f} ms" if sv is not None else f"{'(stopped)':>22}"))
    at10, atn = window_ms(lintas, 10), window_ms(lintas, n - WINDOW + 1)
    if at10 and atn:
        verdict = "OK" if atn <= 1.5 * at10 else "OVER BOUND"
        print(f"\nLintas cost at the last {WINDOW} steps / steps 10-{10 + WINDOW - 1}: {atn / at10:.2f}x "
              f"(bound 1.5x: {verdict})")
    print(f"Lintas:            {lintas_outcome}; total {sum(lintas):.1f} s")
    print(f"raw SpiffWorkflow: {spiff_outcome}; total {sum(spiff):.1f} s")


if __name__ == "__main__":
    main()
