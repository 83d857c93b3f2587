"""SpiffWorkflow's own scenarios for messages, signals, escalations, conditions and timers, run through Lintas.

Where a library test hands a message to the workflow (``workflow.catch(...)``), the Lintas test
deploys a one-step helper process that throws that message, and Lintas routes it to the waiting
instance. Collaborations run as one instance per pool, talking through Lintas's message routing.
"""

from __future__ import annotations

import pytest
from corpus_driver import Driver

TW = "sw:bpmn/data/Test-Workflows/"


def sender(run: Driver, message: str) -> str:
    """Deploy a process that does nothing but throw ``message``; returns its key."""
    key = "send_" + "".join(c if c.isalnum() else "_" for c in message.lower())
    run.deploy_xml(f"{key}.bpmn", f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d_{key}"
                  targetNamespace="urn:lintas:test">
  <bpmn:message id="msg" name="{message}"/>
  <bpmn:process id="{key}" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:endEvent id="send"><bpmn:incoming>f1</bpmn:incoming>
      <bpmn:messageEventDefinition messageRef="msg"/></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="send"/>
  </bpmn:process>
</bpmn:definitions>""")
    return key


def send(run: Driver, key: str) -> None:
    assert run.status(run.start(key)) == "completed"


def test_message_interrupts_happy_path(run: Driver) -> None:
    """MessageInterruptsTest.testRunThroughHappy: no message arrives; the long task finishes normally."""
    key = run.deploy(TW + "Message-Interrupts.bpmn20.xml")[0]
    i = run.start(key)
    assert run.ready_names(i) == ["Do Something That Takes A Long Time"]
    assert run.show(i).waiting_for == ("Test Message",)
    run.complete_named(i, "Do Something That Takes A Long Time")
    assert run.status(i) == "completed"
    assert run.show(i).waiting_for == ()


def test_message_interrupts_the_long_task(run: Driver) -> None:
    """MessageInterruptsTest.testRunThroughMessageInterrupt: the message cancels the task it interrupts."""
    key = run.deploy(TW + "Message-Interrupts.bpmn20.xml")[0]
    message = sender(run, "Test Message")
    i = run.start(key)
    send(run, message)
    assert run.ready_names(i) == ["Acknowledge Interrupt Message"]
    run.complete_named(i, "Acknowledge Interrupt Message")
    assert run.status(i) == "completed"
    assert run.finished(i)["sid-6FBBB56D-00CD-4C2B-9345-486986BB4992"] == "CANCELLED"


@pytest.mark.parametrize("order", [("ack", "long"), ("long", "ack")])
def test_message_non_interrupt(run: Driver, order: tuple[str, str]) -> None:
    """MessageNonInterruptTest.testRunThroughMessageInterrupt(+OtherOrder): both paths must be done."""
    key = run.deploy(TW + "Message-Non-Interrupt.bpmn20.xml")[0]
    message = sender(run, "Test Message")
    i = run.start(key)
    send(run, message)
    names = {"ack": "Acknowledge Non-Interrupt Message", "long": "Do Something That Takes A Long Time"}
    assert sorted(run.ready_names(i)) == sorted(names.values())
    run.complete_named(i, names[order[0]])
    assert run.ready_names(i) == [names[order[1]]]
    run.complete_named(i, names[order[1]])
    assert run.status(i) == "completed"


def test_messages_wrong_message_is_ignored(run: Driver) -> None:
    """MessagesTest: a catch event ignores another message and proceeds on its own."""
    key = run.deploy(TW + "Messages.bpmn20.xml")[0]
    wrong, right = sender(run, "Wrong Message"), sender(run, "Test Message")
    i = run.start(key)
    assert run.ready(i) == [] and run.status(i) == "running"
    send(run, wrong)
    assert run.status(i) == "running"
    send(run, right)
    assert run.status(i) == "completed"


def test_event_based_gateway_takes_the_message_path(run: Driver) -> None:
    """EventBasedGatewayTest.testEventBasedGateway: message_1 wins; the other events are cancelled."""
    run.deploy("sw:bpmn/data/event-gateway.bpmn")
    message = sender(run, "message_1")
    i = run.start("Process_0pvx19v")
    assert sorted(run.show(i).waiting_for) == ["message_1", "message_2"]
    send(run, message)
    assert run.status(i) == "completed"
    finished = run.finished(i)
    assert finished["message_1_event"] == "COMPLETED"
    assert finished["message_1_end"] == "COMPLETED"
    # The other branches were cancelled: neither the message_2 nor the timer path ran.
    assert "message_2_end" not in finished and "timer" not in finished


def test_multiple_start_event_waits_for_either_message(run: Driver) -> None:
    """MultipleStartEventTest: a start event with two messages starts on the first of them."""
    run.deploy("sw:bpmn/data/multiple-start.bpmn")
    message = sender(run, "message_1")
    i = run.start("main")
    assert sorted(run.show(i).waiting_for) == ["message_1", "message_2"]
    send(run, message)
    assert run.ready(i) == ["any_task"]


def test_parallel_multiple_start_event_needs_both_messages(run: Driver) -> None:
    """ParallelStartEventTest: a parallel multiple start event waits for message_1 and message_2."""
    run.deploy("sw:bpmn/data/multiple-start-parallel.bpmn")
    first, second = sender(run, "message_1"), sender(run, "message_2")
    i = run.start("main")
    send(run, first)
    assert run.ready(i) == []
    assert run.status(i) == "running"
    send(run, second)
    assert run.ready(i) == ["any_task"]


def test_start_event_split(run: Driver) -> None:
    """StartEventSplitTest: of two message start events, the one that fires wins, the other is cancelled."""
    run.deploy("sw:bpmn/data/start_event_split.bpmn")
    message = sender(run, "message_1")
    i = run.start("main")
    send(run, message)
    assert run.ready(i) == ["any_task"]
    finished = run.finished(i)
    assert finished["start_1"] == "COMPLETED"
    assert finished["start_2"] == "CANCELLED"
    run.complete(i, "any_task")
    assert run.status(i) == "completed"


def test_multiple_throw_reaches_a_waiting_instance(run: Driver) -> None:
    """MultipleThrowEventIntermediateCatchTest: one throw event sends two messages to the waiting pool."""
    run.deploy("sw:bpmn/data/multiple-throw.bpmn")
    responder = run.start("respond")
    assert sorted(run.show(responder).waiting_for) == ["message_1", "message_2"]
    initiator = run.start("initiate")
    assert run.status(initiator) == "completed"
    assert run.status(responder) == "completed"


def test_multiple_throw_starts_the_other_pool(run: Driver) -> None:
    """MultipleThrowEventStartsEventTest: the throw starts an instance of the responding pool."""
    run.deploy("sw:bpmn/data/multiple-throw-start.bpmn")
    initiator = run.start("initiate")
    assert run.status(initiator) == "completed"
    started = run.instance_ids("respond")
    assert len(started) == 1
    assert run.ready(started[0]) == ["any_task"]
    # A lane-less task goes to the instance's starter: for a message-started instance, the person
    # whose action sent the message.
    assert run.incidents(started[0]) == []


def test_multiple_throw_started_instance_can_be_completed(run: Driver) -> None:
    """MultipleThrowEventStartsEventTest, second half: the started instance's task is worked and it ends."""
    run.deploy("sw:bpmn/data/multiple-throw-start.bpmn")
    run.start("initiate")
    started = run.instance_ids("respond")[0]
    run.complete(started, "any_task")
    assert run.status(started) == "completed"


def test_event_waits_again_after_looping_back(run: Driver) -> None:
    """ReturnToEvent.testEventWaitsAfterLoopback: a catch event reached again waits for a new message."""
    run.deploy("sw:bpmn/data/return_to_event.bpmn")
    message = sender(run, "basic_message")
    i = run.start("return_to_event")
    assert run.show(i).waiting_for == ("basic_message",)
    send(run, message)
    assert run.ready(i) == ["manual"]
    run.complete(i, "manual", {"repeat": True})
    assert run.ready(i) == []
    assert run.show(i).waiting_for == ("basic_message",)
    send(run, message)
    run.complete(i, "manual", {"repeat": False})
    assert run.status(i) == "completed"


def test_uncaught_escalation_completes_the_process(run: Driver) -> None:
    """UncaughtEscalationTest: an escalation nobody catches does not stop the process."""
    run.deploy("sw:bpmn/data/uncaught_escalation.bpmn")
    i = run.start("top_level")
    assert run.status(i) == "completed"
    assert run.incidents(i) == []


def test_event_subprocess_started_by_a_signal(run: Driver) -> None:
    """EventSubprocessTest: a signal thrown by the process starts its event subprocess, with its data."""
    run.deploy("sw:bpmn/data/event-subprocess.bpmn")
    i = run.start("main")
    run.complete(i, "set_data", {"v1": True, "v2": False})
    assert run.ready(i) == ["task"]
    item = run.open_work(i)[0]
    assert run.lintas.work_items.get(item.id, as_user=run.user).element_id == "task"
    run.complete(i, "task")
    assert run.status(i) == "completed"
    assert run.data(i) == {"v1": True, "v2": False}


def test_conditional_intermediate_event(run: Driver) -> None:
    """ConditionalEventTest.testIntermediateEvent: the event waits until task A sets its data object."""
    run.deploy("sw:bpmn/data/conditional_event.bpmn")
    i = run.start("intermediate")
    assert sorted(run.ready(i)) == ["task_a", "task_b"]
    run.complete(i, "task_b")
    assert run.ready(i) == ["task_a"]
    assert run.status(i) == "running"
    run.complete(i, "task_a", {"task_a_done": True})
    assert run.status(i) == "completed"


def test_conditional_boundary_event_cancels_its_task(run: Driver) -> None:
    """ConditionalEventTest.testBoundaryEvent: once C sets its flag, D's boundary fires and D is cancelled."""
    run.deploy("sw:bpmn/data/conditional_event.bpmn")
    i = run.start("boundary")
    assert sorted(run.ready(i)) == ["task_c", "task_d"]
    run.complete(i, "task_c", {"task_c_done": True})
    assert run.status(i) == "completed"
    assert run.finished(i)["task_d"] == "CANCELLED"


def test_timer_already_due_fires_when_reached(run: Driver) -> None:
    """TimerIntermediateTest, with a due time already past: the timer fires and the process completes.

    The library test waits 0.6 s for ``due_time``; Lintas has no job executor yet, but a timer whose
    moment has already passed when the instance reaches it fires at once (SpiffWorkflow checks the
    moment when the event is reached), so that half of the scenario runs without waiting.
    """
    key = run.deploy(TW + "Timer-Intermediate.bpmn20.xml")[0]
    past = run.start(key, {"due_time": "2020-01-01T00:00:00+00:00"})
    assert run.status(past) == "completed"
    assert run.finished(past)["sid-AB1683F9-F260-499B-A04C-F7ADA9C64817"] == "COMPLETED"
    future = run.start(key, {"due_time": "2999-01-01T00:00:00+00:00"})
    assert run.status(future) == "running"
