"""SpiffWorkflow's own scenarios for data: data objects, IO specifications, multi-instance, loops,
pre/post scripts, event payloads, correlations and DMN, run through Lintas's services.
"""

from __future__ import annotations

from typing import Any

import pytest
from corpus_driver import Driver


def test_data_object_is_shared_by_reference(run: Driver) -> None:
    """DataObjectReferenceTest.testDataObjectReferences: a task writes obj_1; later readers see that value."""
    run.deploy("sw:bpmn/data/data_object.bpmn")
    i = run.start("Process")
    assert run.ready(i) == ["generate_data"]
    run.complete(i, "generate_data", {"obj_1": "hello"})
    # task_1 has no input association: what it sets does not reach the data object.
    run.complete(i, "task_1", {"obj_1": "hello again"})
    assert "obj_1" in run.data(i)          # task_1's own value stays in task data ...
    run.complete(i, "read_data")
    # ... but read_data's input association replaced it with the data object's value, and without an
    # output association the value leaves the task again once it is done.
    assert "obj_1" not in run.data(i)
    # The subprocess sees the data object and writes it back; nothing is left in task data.
    assert run.ready(i) == ["placeholder"]
    run.complete(i, "placeholder", {"obj_1": "hello again"})
    assert run.status(i) == "completed"
    assert "obj_1" not in run.data(i)


def test_data_object_decides_the_gateway(run: Driver) -> None:
    """DataObjectGatewayTest.testExpression: a gateway condition reads the data object; path "yes"."""
    run.deploy("sw:bpmn/data/data_object_gateway.bpmn")
    i = run.start("main")
    run.complete(i, "set_data", {"val": True})
    assert run.status(i) == "completed"
    finished = run.finished(i)
    assert "yes" in finished and "no" not in finished
    # The data object does not leak into task data.
    assert "val" not in run.data(i)


def test_io_specification_on_a_task(run: Driver) -> None:
    """IOSpecOnTaskTest: the task sees only its inputs; only its declared outputs come back out."""
    run.deploy("sw:bpmn/data/io_spec_on_task.bpmn")
    i = run.start("main")
    item = run.open_work(i)[0]
    assert item.element_id == "any_task"
    run.complete(i, "any_task", {"out_1": 1, "out_2": "bye", "extra": True})
    assert run.status(i) == "completed"
    assert run.data(i) == {"out_1": 1, "out_2": "bye"}


def _double_each(run: Driver, i: int, inputs: list[Any], *, parallel: bool) -> None:
    """Work the multi-instance children as the library tests do: output_item = input_item * 2.

    Work items do not expose task data, so the test relies on what the library guarantees: the
    children are created in collection order, which is also the order of the inbox.
    """
    for done, value in enumerate(inputs):
        items = run.open_work(i)
        assert [w.element_id for w in items] == ["any_task"] * (len(inputs) - done if parallel else 1)
        run.lintas.work_items.complete(items[0].id, as_user=run.user, data={"output_item": value * 2})
    assert run.ready(i) == []


@pytest.mark.parametrize("model", ["parallel", "sequential"])
@pytest.mark.parametrize(("data", "final"), [
    ({"input_data": [1, 2, 3]}, {"input_data": [1, 2, 3], "output_data": [2, 4, 6]}),
    ({"input_data": {"a": 1, "b": 2, "c": 3}}, {"input_data": {"a": 1, "b": 2, "c": 3},
                                                 "output_data": {"a": 2, "b": 4, "c": 6}}),
    ({"input_data": [1, 2, 3], "output_data": {}}, {"input_data": [1, 2, 3],
                                                     "output_data": {"0": 2, "1": 4, "2": 6}}),
])
def test_multiinstance_over_a_collection(run: Driver, model: str, data: dict[str, Any],
                                        final: dict[str, Any]) -> None:
    """ParallelMultiInstance*Test / SequentialMultiInstance*Test (testList, testDict, testListWithDictOutput)."""
    run.deploy(f"sw:bpmn/data/{model}_multiinstance_loop_input.bpmn")
    i = run.start("main", data)
    inputs = list(data["input_data"].values() if isinstance(data["input_data"], dict) else data["input_data"])
    _double_each(run, i, inputs, parallel=model == "parallel")
    assert run.status(i) == "completed"
    assert run.data(i) == final


@pytest.mark.parametrize("model", ["parallel", "sequential"])
def test_multiinstance_empty_collection(run: Driver, model: str) -> None:
    """*MultiInstanceNewOutputTest.testEmptyCollection: no children; an empty output is created."""
    run.deploy(f"sw:bpmn/data/{model}_multiinstance_loop_input.bpmn")
    i = run.start("main", {"input_data": []})
    assert run.status(i) == "completed"
    assert run.data(i) == {"input_data": [], "output_data": []}


@pytest.mark.parametrize("model", ["parallel", "sequential"])
def test_multiinstance_cardinality(run: Driver, model: str) -> None:
    """*MultiInstanceWithCardinality.testCardinality: three children numbered 0..2; output [0, 2, 4]."""
    run.deploy(f"sw:bpmn/data/{model}_multiinstance_cardinality.bpmn")
    i = run.start("main")
    _double_each(run, i, [0, 1, 2], parallel=model == "parallel")
    assert run.status(i) == "completed"
    assert run.data(i) == {"output_data": [0, 2, 4]}


def test_standard_loop_runs_to_its_maximum(run: Driver) -> None:
    """StandardLoopTest.testLoopMaximum: the loop task comes back three times, then the process ends."""
    run.deploy("sw:bpmn/data/standard_loop.bpmn")
    i = run.start("main", {"done": False})
    for idx in range(3):
        assert run.ready(i) == ["any_task"]
        run.complete(i, "any_task", {str(idx): True})
    assert run.status(i) == "completed"


def test_standard_loop_stops_on_its_condition(run: Driver) -> None:
    """StandardLoopTest.testLoopCondition: setting done ends the loop after one iteration."""
    run.deploy("sw:bpmn/data/standard_loop.bpmn")
    i = run.start("main", {"done": False})
    run.complete(i, "any_task", {"done": True})
    assert run.status(i) == "completed"


def test_standard_loop_skipped(run: Driver) -> None:
    """StandardLoopTest.testSkipLoop: the condition holds before the first iteration; nothing to do."""
    run.deploy("sw:bpmn/data/standard_loop.bpmn")
    i = run.start("main", {"done": True})
    assert run.status(i) == "completed"


def test_prescript_and_postscript_on_a_task(run: Driver) -> None:
    """PrescriptPostsciptTest.testTask: the prescript sets x, y, z; the postscript sets c, deletes x, y."""
    run.deploy("sw:spiff/data/prescript_postscript.bpmn")
    i = run.start("Process_1", {"a": 1, "b": 2})
    assert run.ready(i) == ["Activity_1iqs4li"]
    run.complete(i, "Activity_1iqs4li")
    assert run.status(i) == "completed"
    assert run.data(i) == {"a": 1, "b": 2, "c": 12, "z": 6}


def test_prescript_without_its_variables_is_an_incident(run: Driver) -> None:
    """PrescriptPostsciptTest.test_for_error: without a and b the prescript fails; the task is in ERROR."""
    run.deploy("sw:spiff/data/prescript_postscript.bpmn")
    i = run.start("Process_1")
    view = run.show(i)
    assert view.status == "incident"
    assert [inc.element_id for inc in view.incidents] == ["Activity_1iqs4li"]


def test_prescript_and_postscript_on_a_call_activity(run: Driver) -> None:
    """PrescriptPostsciptTest.testCallActivity: data goes in through the prescript, out through the postscript."""
    run.deploy("sw:spiff/data/prescript_postscript_parent.bpmn")
    i = run.start("parent", {"old": "hello"})
    assert run.status(i) == "completed"
    # The original data is unchanged and the new data added; in_data and out_data, created by the
    # calling task's scripts rather than by the called process, stay as the library's comment says.
    assert run.data(i) == {"old": "hello", "new": "HELLO", "in_data": "hello", "out_data": "HELLO"}


def test_prescript_reading_a_data_object_nobody_has_written(run: Driver) -> None:
    """PrescriptPostsciptTest.testDataObject, Lintas's side of it.

    The library test writes the data object ``a`` straight into the workflow
    (``workflow.data_objects['a'] = 1``). Through Lintas a data object is written only by a task's
    output association, and prescript_postscript_data_object.bpmn has none: ``a`` keeps its initial
    None, and the task's input association copies that over any ``a`` given at start, so the
    prescript's ``a * 2`` fails and the task becomes an incident instead of computing c = 12.
    """
    run.deploy("sw:spiff/data/prescript_postscript_data_object.bpmn")
    i = run.start("Process_1", {"a": 1, "b": 2})
    view = run.show(i)
    assert view.status == "incident"
    assert [inc.element_id for inc in view.incidents] == ["Activity_1iqs4li"]
    assert "unsupported operand type(s) for *: 'NoneType' and 'int'" in run.incidents(i)[0]
    assert run.ready(i) == []


def test_signal_event_payload(run: Driver) -> None:
    """EventPayloadTest.testSignalEvent: the signal carries {'r1': v1, 'r2': v2} into ``result``."""
    run.deploy("sw:spiff/data/signal_event_payload.bpmn")
    i = run.start("event_test")
    run.complete(i, "set_data", {"v1": 1, "v2": 2, "v3": 3})
    assert run.status(i) == "completed"
    assert run.data(i) == {"v1": 1, "v2": 2, "v3": 3, "result": {"r1": 1, "r2": 2}}


@pytest.mark.parametrize(("model", "flag"), [("error_event_payload", "error"),
                                             ("escalation_event_payload", "escalation")])
def test_error_and_escalation_payload(run: Driver, model: str, flag: str) -> None:
    """EventPayloadTest.testErrorEvent / testEscalationEvent: the boundary catch gets the thrown payload."""
    run.deploy(f"sw:spiff/data/{model}.bpmn")
    i = run.start("event_test")
    run.complete(i, "set_data", {flag: True, "payload": "ERROR!"})
    assert run.status(i) == "completed"
    assert run.data(i) == {"result": "ERROR!"}


def test_user_task_form_variable(run: Driver) -> None:
    """UserTaskTest: a Spiff user task with a variable name stores its form under that name."""
    run.deploy("sw:spiff/data/user_task_variable.bpmn")
    order = {"size": "large", "toppings": ["sausage", "onions", "peppers"]}
    with_variable = run.start("one")
    run.complete(with_variable, run.ready(with_variable)[0], order)
    assert run.data(with_variable)["order"] == order
    without = run.start("two")
    run.complete(without, run.ready(without)[0], order)
    assert {k: run.data(without)[k] for k in order} == order


def test_business_rule_task_with_dmn(run: Driver) -> None:
    """BusinessRuleTaskTest.testBusinessRule: a script sets the input, the DMN decision runs, the process ends."""
    key = run.deploy("sw:spiff/data/business_rule_task.bpmn")[0]
    i = run.start(key)
    assert run.status(i) == "completed"
    assert run.data(i)["question"] == "X"


def test_spiff_multiinstance_with_pre_and_post_scripts(run: Driver) -> None:
    """MultiInstanceTaskTest: the prescript adds 1 to each input, the postscript subtracts 1 from each output."""
    run.deploy("sw:spiff/data/spiff_multiinstance.bpmn")
    i = run.start("Process_1", {"input_data": [1, 2, 3]})
    _double_each(run, i, [2, 3, 4], parallel=True)
    assert run.status(i) == "completed"
    assert run.data(i) == {"input_data": [2, 3, 4], "output_data": [3, 5, 7]}


def test_spiff_multiinstance_with_scripts_on_each_instance(run: Driver) -> None:
    """script_on_mi.bpmn (scriptsOnInstances): the scripts run on each child, not on the whole collection:
    every child sees input_item + 1 and hands back output_item - 1; input_data itself is unchanged.
    (Outcomes of SpiffWorkflow 3.2.0 driving the model directly; its test is not among the sources read.)"""
    run.deploy("sw:spiff/data/script_on_mi.bpmn")
    i = run.start("Process_1", {"input_data": [1, 2, 3]})
    _double_each(run, i, [2, 3, 4], parallel=True)
    assert run.status(i) == "completed"
    assert run.data(i) == {"input_data": [1, 2, 3], "output_data": [3, 5, 7]}


def test_camunda_multiinstance_over_a_collection_updates_it_in_place(run: Driver) -> None:
    """camunda ParallelMultiInstanceTest.testCollection: camunda:collection with an element variable and no
    output: each child's input_item goes back into input_data."""
    run.deploy("sw:camunda/data/parallel_multiinstance_collection.bpmn")
    i = run.start("main", {"input_data": [1, 2, 3]})
    items = run.open_work(i)
    assert [w.element_id for w in items] == ["any_task"] * 3
    for item, value in zip(items, [1, 2, 3], strict=True):
        run.lintas.work_items.complete(item.id, as_user=run.user, data={"input_item": value * 2})
    assert run.status(i) == "completed"
    assert run.data(i) == {"input_data": [2, 4, 6]}


def _start_correlated_conversations(run: Driver) -> int:
    run.deploy("sw:spiff/data/correlation.bpmn")
    i = run.start("proc_1")
    items = run.open_work(i)
    assert [w.element_id for w in items] == ["configure", "configure"]
    for idx, item in enumerate(items):
        run.lintas.work_items.complete(item.id, as_user=run.user,
                                       data={"task_num": idx, "task_name": f"subprocess {idx}",
                                             "extra_data": "unused data"})
    return i


def test_message_correlation_starts_one_responder_per_conversation(run: Driver) -> None:
    """spiff CorrelationTest, first half: each subprocess instance's message starts its own proc_2,
    which receives that instance's payload (the message's ``num`` is the task number)."""
    i = _start_correlated_conversations(run)
    assert run.status(i) == "running"
    assert sorted(run.show(i).waiting_for) == ["proc_2_response"]
    responders = run.instance_ids("proc_2")
    assert len(responders) == 2
    assert sorted(run.data(r)["source_task"]["num"] for r in responders) == [0, 1]
    for responder in responders:
        assert run.ready(responder) == ["prepare_response"]
        # The person whose action sent the message is the new instance's starter and gets its task.
        assert run.incidents(responder) == []


def test_message_correlation_routes_each_reply_to_its_sender(run: Driver) -> None:
    """spiff CorrelationTest, second half: each reply reaches the subprocess instance that asked."""
    i = _start_correlated_conversations(run)
    for responder in run.instance_ids("proc_2"):
        num = run.data(responder)["source_task"]["num"]
        run.complete(responder, "prepare_response", {"response": "OK" if num else "No"})
    assert run.status(i) == "completed"


def test_camunda_exclusive_gateway_and_decision(run: Driver) -> None:
    """camunda BusinessRuleTaskParserTest.testDmnHappy: x = 3 gives y = "A" from the decision table."""
    key = run.deploy("sw:camunda/data/ExclusiveGatewayIfElseAndDecision.bpmn")[0]
    i = run.start(key, {"x": 3})
    assert run.status(i) == "completed"
    assert run.data(i) == {"x": 3, "y": "A"}


def test_camunda_decision_inside_a_multiinstance(run: Driver) -> None:
    """camunda MultiInstanceDMNTest.testDmnHappy: the table runs per item; ">= 6" rows give "D"."""
    key = run.deploy("sw:camunda/data/DMNMultiInstance.bpmn")[0]
    i = run.start(key)
    assert run.status(i) == "completed"
    assert run.data(i)["stuff"]["E"]["y"] == "D"
    assert [run.data(i)["stuff"][k]["y"] for k in "ABCDE"] == ["A", "B", "C", "D", "D"]
