"""Deploy-time fixes found by the public BPMN corpus (tests/corpus): clear refusals, storable specs."""

from __future__ import annotations

import pytest
from bpmn_unit_helpers import compile_one, definitions

from engine.bpmn.compiler import Compiler, SourceFile
from engine.bpmn.state import restore_specs
from engine.domain.errors import DeploymentRejected
from engine.sandbox import ScriptSandbox

BUSINESS_RULE_WITHOUT_DECISION = definitions("""
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:businessRuleTask id="rule" camunda:resultVariable="x">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:businessRuleTask>
    <bpmn:endEvent id="e"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="rule"/>
    <bpmn:sequenceFlow id="f2" sourceRef="rule" targetRef="e"/>
  </bpmn:process>""")

CAMUNDA_RECEIVE_TASK = definitions("""
  <bpmn:message id="m" name="document"/>
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="ask" camunda:candidateGroups="UJI/Penguji">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:receiveTask id="wait" messageRef="m"><bpmn:incoming>f2</bpmn:incoming>
      <bpmn:outgoing>f3</bpmn:outgoing></bpmn:receiveTask>
    <bpmn:endEvent id="e"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="ask"/>
    <bpmn:sequenceFlow id="f2" sourceRef="ask" targetRef="wait"/>
    <bpmn:sequenceFlow id="f3" sourceRef="wait" targetRef="e"/>
  </bpmn:process>""")


def _user_task(assignee: str) -> bytes:
    return definitions(f"""
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="review" camunda:assignee="{assignee}">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="e"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="review"/>
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="e"/>
  </bpmn:process>""")


def test_missing_camunda_decision_ref_is_a_refusal_not_a_crash(sandbox: ScriptSandbox) -> None:
    # SpiffWorkflow's Camunda parser raised KeyError('{...camunda}decisionRef') through deploy.
    with pytest.raises(DeploymentRejected) as refused:
        Compiler(sandbox, 1_000_000).compile([SourceFile("rule.bpmn", BUSINESS_RULE_WITHOUT_DECISION)])
    assert [p.message_en for p in refused.value.problems] == [
        "invalid BPMN: required attribute camunda:decisionRef is missing"
    ]


def test_camunda_receive_task_spec_can_be_stored_and_restored(sandbox: ScriptSandbox) -> None:
    # The Camunda registry had no converter for the plain message definition of receive tasks.
    compiled = compile_one(sandbox, CAMUNDA_RECEIVE_TASK)
    assert compiled.dialect == "camunda"
    specs = restore_specs(compiled.spec_json)
    assert specs.spec.task_specs["wait"].event_definition.name == "document"


def test_camunda_assignee_without_expression_is_a_username(sandbox: ScriptSandbox) -> None:
    compiled = compile_one(sandbox, _user_task("demo"))
    assert compiled.catalogue.task("p", "review").assignment.assignee_expression == "'demo'"  # type: ignore[union-attr]


def test_camunda_assignee_expression_is_checked_at_deploy(sandbox: ScriptSandbox) -> None:
    # A JUEL expression cannot run in the sandbox; refuse it at deploy, not when the task is reached.
    with pytest.raises(DeploymentRejected) as refused:
        Compiler(sandbox, 1_000_000).compile([SourceFile("review.bpmn", _user_task("${reviewer}"))])
    assert any(p.message_en.startswith("script/expression refused: Syntax error") for p in refused.value.problems)
    assert any("review" in p.where for p in refused.value.problems)


def _dmn(decision_id: str) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d_{decision_id}" name="d"
    namespace="urn:lintas:test">
  <decision id="{decision_id}" name="Decision">
    <decisionTable id="t_{decision_id}">
      <input id="i1"><inputExpression id="ie1" typeRef="integer"><text>x</text></inputExpression></input>
      <output id="o1" name="y" typeRef="string"/>
      <rule id="r1"><inputEntry id="e1"><text>3</text></inputEntry>
        <outputEntry id="oe1"><text>"A"</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>""".encode()


def test_two_dmn_files_with_one_decision_id_are_refused(sandbox: ScriptSandbox) -> None:
    # SpiffWorkflow's Camunda test folder has two tables with the same decision id; the parser kept
    # whichever came last, so a bundle could run another table than the one its designer meant.
    with pytest.raises(DeploymentRejected) as refused:
        Compiler(sandbox, 1_000_000).compile(
            [SourceFile("p.bpmn", CAMUNDA_RECEIVE_TASK)],
            [SourceFile("a.dmn", _dmn("same")), SourceFile("b.dmn", _dmn("same"))],
        )
    assert [(p.where, p.message_en) for p in refused.value.problems] == [
        ("a.dmn, b.dmn", "duplicate DMN decision id: same")
    ]
