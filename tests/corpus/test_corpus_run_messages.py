"""SpiffWorkflow's own scenarios for messages between pools and from outside, with correlations, run through Lintas.

Where a library test hands a message to the workflow itself (``workflow.send_event(BpmnEvent(...))``),
the Lintas test posts it with ``lintas.messages.send`` — the service another system or an operator
uses — naming the correlation key and property values the waiting event expects. Where the library
runs a collaboration as one workflow, Lintas runs one instance per executable pool; the pools talk
through Lintas's message routing and each instance keeps its own data.
"""

from __future__ import annotations

from typing import Any

from corpus_driver import Driver


def send(run: Driver, name: str, payload: Any = None, **correlations: dict[str, Any]) -> tuple[str, int | None]:
    delivery = run.lintas.messages.send(name, as_user=run.user, payload=payload, correlations=correlations)
    return delivery.outcome, delivery.instance_id


# -- a message from outside, correlated ----------------------------------------------------------

def test_collaboration_sends_a_correlated_letter_and_takes_the_reply(run: Driver) -> None:
    """CollaborationTest.testBpmnMessage: the send task puts out "Love Letter" keyed lover = Peggy and
    the catch event waits for the response; the reply for Peggy completes the process with its payload."""
    run.deploy("sw:bpmn/data/collaboration.bpmn")
    i = run.start("process_buddy", {"lover_name": "Peggy"})
    # The letter goes to a non-executable pool: nobody in Lintas receives it, so it is kept.
    assert ("message_buffered", None) in run.trail_actions(i)
    assert run.show(i).waiting_for == ("Love Letter Response",)
    # A reply for somebody else does not reach this instance ...
    assert send(run, "Love Letter Response", {"from_name": "Bob"}, lover={"lover_name": "Bob"})[0] == "buffered"
    assert run.status(i) == "running"
    # ... the reply correlated with Peggy does.
    reply = {"from_name": "Peggy", "other_nonsense": 1001}
    assert send(run, "Love Letter Response", reply, lover={"lover_name": "Peggy"}) == ("delivered", i)
    assert run.status(i) == "completed"
    assert run.finished(i)["EventReceiveLetter"] == "COMPLETED"
    assert run.data(i) == {"from_name": "Peggy", "lover_name": "Peggy", "other_nonsense": 1001}


def test_waiting_event_inside_a_subprocess_takes_the_correlated_message(run: Driver) -> None:
    """spiff WaitingEventTest: the receive task (in an embedded subprocess) waits for B with
    MainCorrelationKey uid = 1; the message with that key completes the process, payload in a_var."""
    run.deploy("sw:spiff/data/waiting_event.bpmn")
    i = run.start("main")
    assert run.show(i).waiting_for == ("B",)
    assert send(run, "B", {"uid": 2, "data": "no"}, MainCorrelationKey={"uid": 2})[0] == "buffered"
    assert run.status(i) == "running"
    payload = {"uid": 1, "data": "asdf"}
    assert send(run, "B", payload, MainCorrelationKey={"uid": 1}) == ("delivered", i)
    assert run.status(i) == "completed"
    assert run.data(i) == {"a_var": payload}


def test_default_correlation_key(run: Driver) -> None:
    """default_correlation_key.bpmn: a correlation property that no collaboration puts in a key goes
    into SpiffWorkflow's default key, MainCorrelationKey; the receive task waits on uid = 1 there.

    The library's test of this model is not among the sources read for this suite; the outcomes are
    those of SpiffWorkflow 3.2.0 driving the model directly (the same as WaitingEventTest's).
    """
    run.deploy("sw:spiff/data/default_correlation_key.bpmn")
    i = run.start("main")
    assert run.show(i).waiting_for == ("B",)
    assert send(run, "B", {"uid": 1}, OtherKey={"uid": 1})[0] == "buffered"
    assert send(run, "B", {"uid": 1, "data": "asdf"}, MainCorrelationKey={"uid": 1}) == ("delivered", i)
    assert run.status(i) == "completed"
    assert run.data(i) == {"a_var": {"uid": 1, "data": "asdf"}}


def test_receive_correlations_from_process_variables(run: Driver) -> None:
    """receive_correlations.bpmn: the catch event's key "test" is computed from the process variables
    value_1 and value_2 once the task before it set them; only a message with both values matches.

    As for default_correlation_key.bpmn, the outcomes are those of SpiffWorkflow 3.2.0 itself.
    """
    run.deploy("sw:spiff/data/receive_correlations.bpmn")
    i = run.start("correlation-test")
    assert run.ready(i) == ["any_task"]
    run.complete(i, "any_task", {"value_1": "a", "value_2": "b"})
    assert run.show(i).waiting_for == ("message",)
    assert send(run, "message", {"x": 0}, test={"prop_1": "a", "prop_2": "c"})[0] == "buffered"
    assert run.status(i) == "running"
    assert send(run, "message", {"x": 1}, test={"prop_1": "a", "prop_2": "b"}) == ("delivered", i)
    assert run.status(i) == "completed"
    assert run.data(i) == {"value_1": "a", "value_2": "b", "response": {"x": 1}}


# -- pools that talk to each other ---------------------------------------------------------------

def test_correlation_routes_each_response_to_the_subprocess_that_asked(run: Driver) -> None:
    """CollaborationTest.testCorrelation: each of two subprocess instances starts its own responder with
    its task_num (key "test"); each response, keyed by init_id, reaches the subprocess that asked."""
    assert run.deploy("sw:bpmn/data/correlation.bpmn") == ["proc_1", "proc_2"]
    i = run.start("proc_1")
    items = run.open_work(i)
    assert [w.element_id for w in items] == ["configure", "configure"]
    for idx, item in enumerate(items):
        run.lintas.work_items.complete(item.id, as_user=run.user, data={"task_num": idx})
    # Two responders started, each with its sender's data; both subprocess instances wait.
    responders = {run.data(r)["task_num"]: r for r in run.instance_ids("proc_2")}
    assert sorted(responders) == [0, 1]
    assert run.show(i).waiting_for == ("proc_2_response",)
    # Answer the later request first: routing goes by key, not by the order of waiting.
    for num in (1, 0):
        assert run.ready(responders[num]) == ["rename_id"]
        run.complete(responders[num], "rename_id", {"init_id": num})
        assert run.status(responders[num]) == "completed"
        # The subprocess that caught the response ended with its own task_num and the response's init_id.
        assert {k: run.data(i)[k] for k in ("task_num", "init_id")} == {"task_num": num, "init_id": num}
    assert run.status(i) == "completed"


PLAN_STEPS = [("Activity_EnterPlan", {"plan_details": "Bad"}), ("Activity_ApproveOrDeny", {"approved": "No"}),
              ("Activity_EnterPlan", {"plan_details": "Better"}), ("Activity_ApproveOrDeny", {"approved": "No"}),
              ("Activity_EnterPlan", {"plan_details": "Best"}), ("Activity_ApproveOrDeny", {"approved": "Yes"}),
              ("Activity_EnablePlan", {"Done": "OK!"})]


def _work_plan_steps(run: Driver, planner: int, approver_key: str) -> list[int]:
    """Work the library's seven steps; each approval request starts a new approver instance."""
    approvers: list[int] = []
    for element, data in PLAN_STEPS:
        if element == "Activity_ApproveOrDeny":
            started = [a for a in run.instance_ids(approver_key) if a not in approvers]
            assert len(started) == 1, "each request starts one approver instance"
            approvers += started
            assert run.ready(planner) == []
            assert run.ready(started[0]) == [element]
            run.complete(started[0], element, data)
            assert run.status(started[0]) == "completed"
        else:
            assert run.ready(planner) == [element]
            run.complete(planner, element, data)
    return approvers


def test_message_start_event_in_a_collaboration(run: Driver) -> None:
    """camunda StartMessageTest.testRunThroughHappy: the planner's request starts the approval pool by its
    message start event, the decision comes back in ApprovalResult; two refusals, then approval."""
    assert run.deploy("sw:camunda/data/message_test.bpmn") == ["ThrowCatch", "Process_05r9nfx"]
    planner = run.start("Process_05r9nfx")
    assert run.ready(planner) == ["Activity_EnterPlan"]
    assert run.instance_ids("ThrowCatch") == []
    approvers = _work_plan_steps(run, planner, "ThrowCatch")
    assert len(approvers) == 3
    assert run.status(planner) == "completed"
    assert run.data(planner) == {"plan_details": "Best", "ApprovalResult": "Yes", "Done": "OK!"}


def test_call_activity_exchanging_messages_with_another_pool(run: Driver) -> None:
    """camunda CallActivityMessageTest: the called process sends the request and waits for the answer;
    the approver pool is started by the request; the final data is the caller's."""
    assert run.deploy("sw:camunda/data/call_activity_with_message_parent.bpmn") == ["Process_0xeaemr",
                                                                                     "Process_0vpmpb9"]
    planner = run.start("Process_0vpmpb9")
    assert run.ready(planner) == ["Activity_EnterPlan"]
    assert run.instance_ids("Process_0xeaemr") == []
    approvers = _work_plan_steps(run, planner, "Process_0xeaemr")
    assert len(approvers) == 3
    assert run.status(planner) == "completed"
    assert run.data(planner) == {"plan_details": "Best", "Approved": "Yes", "Done": "OK!"}


def test_non_interrupting_message_boundary_between_pools(run: Driver) -> None:
    """camunda NIMessageBoundaryTest: the boss's "late" message opens the reason task beside the work
    without interrupting it; the worker's process ends once the work and the reason are both done."""
    run.deploy("sw:camunda/data/noninterrupting-MessageBoundary.bpmn")
    worker, boss = run.start("Process_1k0py56"), run.start("Process_1kjyavs")
    for _ in range(3):
        assert run.ready(boss) == ["Activity_WorkLate"] and run.ready(worker) == ["Activity_DoWork"]
        run.complete(boss, "Activity_WorkLate", {"flag_task": "No"})
        run.complete(worker, "Activity_DoWork", {"work_done": "No"})
    run.complete(boss, "Activity_WorkLate", {"flag_task": "Yes"})
    assert run.status(boss) == "completed"
    assert run.ready(worker) == ["Activity_DoWork", "Activity_WorkLateReason"]
    run.complete(worker, "Activity_DoWork", {"work_done": "No"})
    run.complete(worker, "Activity_WorkLateReason", {"work_late_reason": "covid-19"})
    run.complete(worker, "Activity_DoWork", {"work_done": "No"})
    assert run.ready(worker) == ["Activity_DoWork"]
    run.complete(worker, "Activity_DoWork", {"work_done": "Yes"})
    assert run.ready(worker) == ["Activity_WorkCompleted"]
    run.complete(worker, "Activity_WorkCompleted", {"work_completed": "Lots of Stuff"})
    assert run.status(worker) == "completed"
    # The library's one collaboration workflow ends with both pools' data; here each pool keeps its own.
    assert run.data(boss) == {"flag_task": "Yes"}
    assert run.data(worker) == {"Event_InterruptBoundary_Response": "Youre late!", "work_done": "Yes",
                                "work_completed": "Lots of Stuff", "work_late_reason": "covid-19"}


def test_interrupting_message_boundary_between_pools(run: Driver) -> None:
    """camunda MessageBoundaryTest, the message half: the boss answers No, No, then Yes; the "Interrupt!"
    message cancels the worker's subprocess through its interrupting boundary and both pools end.

    The worker's loop (Do Work, a PT0.01S break, Do Work again) needs the job executor of the timers
    issue; here Do Work is done once and the worker then waits on its break when the interrupt comes.
    """
    run.deploy("sw:camunda/data/MessageBoundary.bpmn")
    worker, boss = run.start("Process_0srqcj1"), run.start("Process_1kjyavs")
    assert run.ready(boss) == ["Activity_Interrupt"] and run.ready(worker) == ["Activity_106f08z"]
    run.complete(worker, "Activity_106f08z")
    for answer in ("No", "No"):
        run.complete(boss, "Activity_Interrupt", {"interrupt_task": answer})
        assert run.ready(boss) == ["Activity_Interrupt"]
        assert run.status(worker) == "running"
    run.complete(boss, "Activity_Interrupt", {"interrupt_task": "Yes"})
    assert run.status(boss) == "completed"
    assert run.status(worker) == "completed"
    assert run.finished(worker)["Activity_1m4766l"] == "CANCELLED"
    assert run.finished(worker)["Event_InterruptBoundary"] == "COMPLETED"
