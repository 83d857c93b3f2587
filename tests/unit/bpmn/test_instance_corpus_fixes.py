"""Run-time fixes found by the public BPMN corpus (tests/corpus), checked on live instances in memory."""

from __future__ import annotations

from bpmn_unit_helpers import definitions, start
from SpiffWorkflow.util.task import TaskState

from engine.sandbox import ScriptSandbox

DUE_TIMER = definitions("""
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:intermediateCatchEvent id="wait"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeDate>due</bpmn:timeDate></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="e"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="wait"/>
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="e"/>
  </bpmn:process>""")

FAILING_PRESCRIPT = definitions("""
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:task id="work">
      <bpmn:extensionElements>
        <spiffworkflow:preScript>x = missing * 2</spiffworkflow:preScript></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:task>
    <bpmn:endEvent id="e"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="work"/>
    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="e"/>
  </bpmn:process>""")

FORM_VARIABLE = definitions("""
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="order">
      <bpmn:extensionElements><spiffworkflow:variableName>order</spiffworkflow:variableName></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="e"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="order"/>
    <bpmn:sequenceFlow id="f2" sourceRef="order" targetRef="e"/>
  </bpmn:process>""")

CAMUNDA_CATCH = definitions("""
  <bpmn:message id="m" name="ping"/>
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:intermediateCatchEvent id="wait"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:messageEventDefinition messageRef="m" camunda:asyncBefore="true"/>
    </bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="e"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="wait"/>
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="e"/>
  </bpmn:process>""")


def test_timer_already_due_fires_in_the_same_step(sandbox: ScriptSandbox) -> None:
    live, _ = start(sandbox, DUE_TIMER, {"due": "2020-01-01T00:00:00+00:00"})
    assert live.status() == "completed"


def test_timer_not_yet_due_keeps_waiting(sandbox: ScriptSandbox) -> None:
    live, _ = start(sandbox, DUE_TIMER, {"due": "2999-01-01T00:00:00+00:00"})
    assert live.status() == "running"


def test_failing_prescript_is_an_incident_on_its_own_task(sandbox: ScriptSandbox) -> None:
    # The pre-script of "work" fails while the start event runs; the start event itself completed
    # and must not be turned into an incident.
    live, report = start(sandbox, FAILING_PRESCRIPT)
    assert [f.element_id for f in report.failures] == ["work"]
    states = {str(t.task_spec.name): t for t in live.workflow.get_tasks()}
    assert live.failed_tasks() == {str(states["work"].id)}
    assert states["s"].has_state(TaskState.COMPLETED)


def test_user_task_variable_name_holds_the_form(sandbox: ScriptSandbox) -> None:
    live, _ = start(sandbox, FORM_VARIABLE)
    [work] = live.ready_work()
    live.complete(work.task_id, {"size": "large"})
    assert live.status() == "completed"
    assert live.data()["order"] == {"size": "large"}
    assert "size" not in live.data()


def test_bare_payload_reaches_a_camunda_catch_event(sandbox: ScriptSandbox) -> None:
    # A Spiff-flavoured sender throws a bare payload; Camunda's catch event read event.payload["payload"].
    live, _ = start(sandbox, CAMUNDA_CATCH)
    assert live.deliver("ping", {"n": 1}, {})
    report = live.run()
    assert report.failures == []
    assert live.status() == "completed"
    # Spiff's Camunda events store the payload under "<catch event>_Response" unless the sender names one.
    assert live.data()["wait_Response"] == {"n": 1}


# A plain BPMN model (no vendor extensions): a send task, then a catch event for the correlated reply.
PLAIN_CONVERSATION = definitions("""
  <bpmn:collaboration id="c">
    <bpmn:participant id="me" processRef="p"/>
    <bpmn:correlationKey name="partner"><bpmn:correlationPropertyRef>who</bpmn:correlationPropertyRef>
    </bpmn:correlationKey>
  </bpmn:collaboration>
  <bpmn:message id="letter" name="letter"/>
  <bpmn:message id="reply" name="reply"/>
  <bpmn:correlationProperty id="who" name="who">
    <bpmn:correlationPropertyRetrievalExpression messageRef="letter">
      <bpmn:messagePath>to_name</bpmn:messagePath></bpmn:correlationPropertyRetrievalExpression>
    <bpmn:correlationPropertyRetrievalExpression messageRef="reply">
      <bpmn:messagePath>from_name</bpmn:messagePath></bpmn:correlationPropertyRetrievalExpression>
  </bpmn:correlationProperty>
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sendTask id="send" messageRef="letter"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:sendTask>
    <bpmn:intermediateCatchEvent id="wait"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
      <bpmn:messageEventDefinition messageRef="reply"/></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="e"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="send"/>
    <bpmn:sequenceFlow id="f2" sourceRef="send" targetRef="wait"/>
    <bpmn:sequenceFlow id="f3" sourceRef="wait" targetRef="e"/>
  </bpmn:process>""")

# The same conversation written with Spiff's extensions: payload and variable are named explicitly.
SPIFF_CONVERSATION = PLAIN_CONVERSATION.replace(
    b'<bpmn:sendTask id="send" messageRef="letter">',
    b'<bpmn:sendTask id="send" messageRef="letter"><bpmn:extensionElements>'
    b"<spiffworkflow:messagePayload>{'to_name': to_name}</spiffworkflow:messagePayload></bpmn:extensionElements>",
).replace(
    b'<bpmn:messageEventDefinition messageRef="reply"/>',
    b'<bpmn:messageEventDefinition messageRef="reply"><bpmn:extensionElements>'
    b"<spiffworkflow:messageVariable>answer</spiffworkflow:messageVariable></bpmn:extensionElements>"
    b"</bpmn:messageEventDefinition>",
)


def test_plain_bpmn_message_carries_the_senders_data_and_correlation(sandbox: ScriptSandbox) -> None:
    # Read by the Spiff parser, a plain send task threw an empty payload and no correlation, so the
    # reply for anybody was accepted and its payload dropped (SpiffWorkflow's CollaborationTest).
    live, report = start(sandbox, PLAIN_CONVERSATION, {"to_name": "Peggy", "note": "hi"})
    [letter] = report.messages
    assert letter.name == "letter"
    assert letter.payload == {"to_name": "Peggy", "note": "hi"}
    assert letter.correlations == {"partner": {"who": "Peggy"}}
    [waiting] = live.message_waits()
    assert waiting.correlations == {"partner": '{"who":"Peggy"}'}
    assert not live.deliver("reply", {"from_name": "Bob"}, {"partner": {"who": "Bob"}})
    assert live.deliver("reply", {"from_name": "Peggy", "x": 1}, {"partner": {"who": "Peggy"}})
    assert live.run().failures == []
    assert live.status() == "completed"
    assert live.data() == {"to_name": "Peggy", "note": "hi", "from_name": "Peggy", "x": 1}


def test_spiff_message_extensions_keep_spiff_semantics(sandbox: ScriptSandbox) -> None:
    live, report = start(sandbox, SPIFF_CONVERSATION, {"to_name": "Peggy", "note": "hi"})
    [letter] = report.messages
    assert letter.payload == {"to_name": "Peggy"}
    assert live.deliver("reply", {"from_name": "Peggy", "x": 1}, {"partner": {"who": "Peggy"}})
    live.run()
    assert live.status() == "completed"
    assert live.data() == {"to_name": "Peggy", "note": "hi", "answer": {"from_name": "Peggy", "x": 1}}
