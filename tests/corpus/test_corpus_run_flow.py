"""SpiffWorkflow's own scenarios for sequence, gateways, lanes and (call-activity) subprocesses, run through Lintas.

Each test names the library test it reproduces. The library drives a ``BpmnWorkflow`` directly;
here the same model is deployed and driven only through Lintas's services (start, inbox,
complete, show, history), and the same outcomes are asserted.
"""

from __future__ import annotations

import pytest
from corpus_driver import Driver

TW = "sw:bpmn/data/Test-Workflows/"


def test_approvals_first_approval_wins_then_parallel_and_subprocess(run: Driver) -> None:
    """ApprovalsTest.testRunThroughHappy: call activities, a race of two approvals, a parallel split."""
    run.deploy("sw:bpmn/data/Approvals.bpmn")
    i = run.start("Approvals")
    assert run.ready(i) == ["First_Approval_Wins.Supervisor_Approval", "First_Approval_Wins.Manager_Approval"]
    run.complete(i, "First_Approval_Wins.Manager_Approval")
    # The first approval ends the called process; the other approval is withdrawn from the inbox.
    assert run.ready(i) == ["Approvals.First_Approval_Wins_Done"]
    run.complete(i, "Approvals.First_Approval_Wins_Done")
    assert sorted(run.ready(i)) == ["Approvals.Manager_Approval__P_", "Approvals.Supervisor_Approval__P_"]
    run.complete(i, "Approvals.Manager_Approval__P_")
    assert run.ready(i) == ["Approvals.Supervisor_Approval__P_"]
    run.complete(i, "Approvals.Supervisor_Approval__P_")
    run.complete(i, "Approvals.Parallel_Approvals_Done")
    assert run.ready(i) == ["Parallel_Approvals_SP.Step1", "Parallel_Approvals_SP.Manager_Approval"]
    run.complete(i, "Parallel_Approvals_SP.Step1")
    run.complete(i, "Parallel_Approvals_SP.Manager_Approval")
    run.complete(i, "Parallel_Approvals_SP.Supervisor_Approval")
    assert run.ready(i) == ["Approvals.Parallel_SP_Done"]
    run.complete(i, "Approvals.Parallel_SP_Done")
    assert run.status(i) == "completed"
    finished = run.finished(i)
    assert finished["First_Approval_Wins.Supervisor_Approval"] == "CANCELLED"
    assert finished["First_Approval_Wins.Manager_Approved"] == "COMPLETED"


def test_approvals_other_order(run: Driver) -> None:
    """ApprovalsTest.testRunThroughHappyOtherOrders: the supervisor approves first this time."""
    run.deploy("sw:bpmn/data/Approvals.bpmn")
    i = run.start("Approvals")
    run.complete(i, "First_Approval_Wins.Supervisor_Approval")
    run.complete(i, "Approvals.First_Approval_Wins_Done")
    run.complete(i, "Approvals.Supervisor_Approval__P_")
    run.complete(i, "Approvals.Manager_Approval__P_")
    run.complete(i, "Approvals.Parallel_Approvals_Done")
    run.complete(i, "Parallel_Approvals_SP.Manager_Approval")
    run.complete(i, "Parallel_Approvals_SP.Step1")
    run.complete(i, "Parallel_Approvals_SP.Supervisor_Approval")
    run.complete(i, "Approvals.Parallel_SP_Done")
    assert run.status(i) == "completed"
    assert run.finished(i)["First_Approval_Wins.Manager_Approval"] == "CANCELLED"


def test_parallel_tasks_follow_the_diagram_order(run: Driver) -> None:
    """ParallelOrderTest: four parallel tasks come up in the order they are drawn, not written."""
    run.deploy("sw:bpmn/data/ParallelOrder.bpmn")
    i = run.start("ParallelOrder")
    assert run.status(i) == "running"
    assert run.ready_names(i) == ["Task 1", "Task 2", "Task 3", "Task 4"]


def test_nested_call_activities(run: Driver) -> None:
    """NestedProcessesTest: a call activity that calls another; one task ready at each level."""
    run.deploy(TW + "Nested-Subprocesses.bpmn20.xml")
    i = run.start("sid-a12cf1e5-86f4-4d69-9790-6a90342f5963")
    for name in ("Action1", "Action2", "Action3"):
        assert run.ready_names(i) == [name]
        run.complete_named(i, name)
    assert run.ready(i) == []
    assert run.status(i) == "completed"


@pytest.mark.parametrize(("model", "key", "actions"), [
    ("Nested-Sub-level1.bpmn20.xml", "sid-c7ccc144-a90c-4a5b-973d-a9d67bc9aae7", ("Action2", "Action3")),
    ("Nested-Sub-level2.bpmn20.xml", "sid-65436787-c39d-47c9-b99e-b4d7bd01b8f5", ("Action3",)),
])
def test_nested_levels_started_on_their_own(run: Driver, model: str, key: str, actions: tuple[str, ...]) -> None:
    """NestedProcessesTest's called processes, deployed and started as definitions of their own:
    level 1 runs Action2 then calls level 2 (Action3); level 2 runs Action3 alone."""
    assert run.deploy(TW + model) == [key]
    i = run.start(key)
    for name in actions:
        assert run.ready_names(i) == [name]
        run.complete_named(i, name)
    assert run.status(i) == "completed"


@pytest.mark.parametrize("steps", [
    ["1", "!Done", "2", "1A", "!Done", "2A", "1B", "2B", "!Done", "1 Done", "!Done", "2 Done", "Done"],
    ["1", "!Done", "1A", "1B", "1 Done", "!Done", "2", "2A", "2B", "2 Done", "Done"],
    ["1", "2", "!Done", "1B", "2B", "!2 Done", "1A", "!Done", "2A", "1 Done", "!Done", "2 Done", "Done"],
    ["1", "1B", "1A", "1 Done", "!Done", "2", "2B", "2A", "2 Done", "Done"],
])
def test_parallel_multiple_splits_and_joins(run: Driver, steps: list[str]) -> None:
    """ParallelMultipleSplitsAndJoinsTest test1..test4: "!X" means X must not be ready yet."""
    run.deploy(TW + "Parallel-Multiple-Splits-And-Joins.bpmn20.xml")
    i = run.start("sid-a90fa1f1-32a9-4a62-8ad4-8820a3fc6cc4")
    for step in steps:
        if step.startswith("!"):
            assert step[1:] not in run.ready_names(i)
        else:
            run.complete_named(i, step)
    assert run.status(i) == "completed"


@pytest.mark.parametrize(("choice", "taken", "skipped"),
                         [("Yes", "Yes Task", "No Task"), ("No", "No Task", "Yes Task")])
def test_parallel_then_exclusive(run: Driver, choice: str, taken: str, skipped: str) -> None:
    """ParallelThenExclusiveTest: a parallel branch runs while the other branch chooses a path."""
    run.deploy(TW + "Parallel-Then-Exclusive.bpmn20.xml")
    i = run.start("sid-bb9ea2d5-58b6-43c7-8e77-6e28f71106f0")
    assert sorted(run.ready_names(i)) == ["Choice 1", "Parallel Task"]
    run.complete_named(i, "Parallel Task")
    assert "Done" not in run.ready_names(i)
    run.complete_named(i, "Choice 1", {"choice": choice})
    assert run.ready_names(i) == [taken]
    run.complete_named(i, taken)
    assert run.ready_names(i) == ["Done"]
    run.complete_named(i, "Done")
    assert run.status(i) == "completed"
    assert skipped not in {name for name in run.ready_names(i)}


def test_parallel_from_camunda_join_collects_all_branch_data(run: Driver) -> None:
    """ParallelFromCamunda: three parallel tasks, the join waits for all, their data meets after it."""
    run.deploy(TW + "Parallel.camunda.bpmn20.xml")
    i = run.start("Process_1hb021r")
    assert run.ready_names(i) == ["First Task"]
    run.complete_named(i, "First Task")
    assert run.ready_names(i) == ["Parallel Task A", "Parallel Task B", "Parallel Task C"]
    run.complete_named(i, "Parallel Task A", {"taskA": "taskA"})
    run.complete_named(i, "Parallel Task B", {"taskB": "taskB"})
    assert run.ready_names(i) == ["Parallel Task C"]
    run.complete_named(i, "Parallel Task C", {"taskC": "taskC"})
    assert run.ready_names(i) == ["Last Task"]
    run.complete_named(i, "Last Task")
    assert run.status(i) == "completed"
    assert {k: run.data(i)[k] for k in ("taskA", "taskB", "taskC")} == {"taskA": "taskA", "taskB": "taskB",
                                                                          "taskC": "taskC"}


@pytest.mark.parametrize(("data", "final"), [
    ({"v": -1, "u": -1, "w": -1}, {"v": 0, "u": -1, "w": -1}),     # testDefaultConditionOnly
    ({"v": 0, "u": 1, "w": 1}, {"v": 0, "u": 1, "w": 1}),          # testParallelCondition
])
def test_inclusive_gateway(run: Driver, data: dict[str, int], final: dict[str, int]) -> None:
    """InclusiveGatewayTest: the default path alone, or both conditional paths, then the join."""
    run.deploy("sw:bpmn/data/inclusive_gateway.bpmn")
    i = run.start("main")
    run.complete(i, "set_data", data)
    assert run.status(i) == "completed"
    assert run.data(i) == final


def test_inclusive_gateway_without_a_path_is_an_incident(run: Driver) -> None:
    """InclusiveGatewayTest.testNoPathFromSecondGateway: no condition holds, the gateway fails (ERROR)."""
    run.deploy("sw:bpmn/data/inclusive_gateway.bpmn")
    i = run.start("main")
    view = run.complete(i, "set_data", {"v": 0, "u": -1, "w": -1})
    assert view.status == "incident"
    assert [inc.element_id for inc in view.incidents] == ["second"]


def test_exclusive_gateway_without_default_stops(run: Driver) -> None:
    """ExclusiveGatewayNoDefaultTest: x == 1 matches neither condition; no task becomes ready."""
    run.deploy("sw:bpmn/data/exclusive_gateway_no_default.bpmn")
    i = run.start("NoDefaultGateway", {"x": 1})
    assert run.ready(i) == []
    assert run.status(i) == "incident"
    assert [inc.element_id for inc in run.show(i).incidents] == ["Gateway_CheckValue"]


def test_lanes_route_tasks_to_the_people_of_each_lane(run: Driver) -> None:
    """SwimLaneTest: tasks of lane A and lane B; each lane's people see only their lane's task."""
    run.deploy("sw:bpmn/data/lanes.bpmn")
    i = run.start("lanes")
    assert run.ready(i) == ["Activity_A1"]
    assert run.inbox("pengguna.a") == ["Activity_A1"]
    assert run.inbox("pengguna.b") == []
    run.complete(i, "Activity_A1", as_user="pengguna.a")
    assert run.ready(i) == ["Activity_B1"]
    assert run.inbox("pengguna.a") == []
    assert run.inbox("pengguna.b") == ["Activity_B1"]
    run.complete(i, "Activity_B1", {"NeedClarification": "Yes"}, as_user="pengguna.b")
    assert run.ready(i) == ["Activity_A2"]
    assert run.inbox("pengguna.a") == ["Activity_A2"]


def test_parallel_gateway_loop_input(run: Driver) -> None:
    """ParallelGatewayLoopInputTest: one task, then a loop back through a parallel gateway; x ends at 2."""
    run.deploy("sw:bpmn/data/gateway_loop_input.bpmn")
    i = run.start("main")
    assert len(run.ready(i)) == 1
    run.complete(i, run.ready(i)[0])
    assert run.status(i) == "completed"
    assert run.data(i) == {"x": 2}


def test_camunda_complex_subworkflow(run: Driver) -> None:
    """camunda SubWorkflowTest: forms A, A1, A2 (inside the subprocess) and B, each field kept to the end."""
    run.deploy("sw:camunda/data/subWorkflowComplex.bpmn")
    i = run.start("SubWorkflow")
    for answer in ("A", "A1", "A2", "B"):
        # A1 and A2 are open together; like the library test, work the first one offered.
        assert run.ready(i)[0] == f"Activity_{answer}"
        run.complete(i, f"Activity_{answer}", {f"Field{answer}": answer})
    assert run.status(i) == "completed"
    assert run.data(i) == {"FieldA": "A", "FieldA1": "A1", "FieldA2": "A2", "FieldB": "B"}
