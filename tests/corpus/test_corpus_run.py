"""Which executable SpiffWorkflow test models run through Lintas, where, and why the others do not.

The scenarios themselves live next to this module, by topic:
  test_corpus_run_flow.py    sequence, gateways, lanes, call activities
  test_corpus_run_events.py  messages (routed between instances), signals, escalation, conditions, timers
  test_corpus_run_messages.py  messages from outside (lintas.messages.send), correlation keys, pools that talk
  test_corpus_run_data.py    data objects, IO specs, multi-instance, loops, scripts, payloads, DMN, correlation

COVERAGE maps every SpiffWorkflow test model that Lintas deploys (see test_corpus_deploy.EXPECTED)
to the module that reproduces the library's scenarios on it, or to the reason it is not reproduced.
The test below keeps the table honest: a model that starts or stops deploying must be re-listed.
"""

from __future__ import annotations

from pathlib import Path

from test_corpus_deploy import EXPECTED, Deploys

TW = "sw:bpmn/data/Test-Workflows/"
FLOW, EVENTS, DATA = "test_corpus_run_flow.py", "test_corpus_run_events.py", "test_corpus_run_data.py"
MESSAGES = "test_corpus_run_messages.py"

TIMER = "timer: needs the job executor of the timers issue (the timer falls due after the instance waits)"

COVERAGE: dict[str, str] = {
    "sw:bpmn/data/Approvals.bpmn": FLOW,
    "sw:bpmn/data/ParallelOrder.bpmn": FLOW,
    TW + "Nested-Subprocesses.bpmn20.xml": FLOW,
    TW + "Nested-Sub-level1.bpmn20.xml": FLOW + " (started on its own, and called by Nested-Subprocesses)",
    TW + "Nested-Sub-level2.bpmn20.xml": FLOW + " (started on its own, and called by Nested-Sub-level1)",
    TW + "Parallel-Multiple-Splits-And-Joins.bpmn20.xml": FLOW,
    TW + "Parallel-Then-Exclusive.bpmn20.xml": FLOW,
    TW + "Parallel.camunda.bpmn20.xml": FLOW,
    "sw:bpmn/data/inclusive_gateway.bpmn": FLOW,
    "sw:bpmn/data/exclusive_gateway_no_default.bpmn": FLOW,
    "sw:bpmn/data/lanes.bpmn": FLOW,
    TW + "Message-Interrupts.bpmn20.xml": EVENTS,
    TW + "Message-Non-Interrupt.bpmn20.xml": EVENTS,
    TW + "Messages.bpmn20.xml": EVENTS,
    TW + "Timer-Intermediate.bpmn20.xml": EVENTS + " (with a due time already past)",
    "sw:bpmn/data/event-gateway.bpmn": EVENTS + " (message path; the timeout path is " + TIMER + ")",
    "sw:bpmn/data/multiple-start.bpmn": EVENTS,
    "sw:bpmn/data/multiple-start-parallel.bpmn": EVENTS,
    "sw:bpmn/data/start_event_split.bpmn": EVENTS,
    "sw:bpmn/data/multiple-throw.bpmn": EVENTS,
    "sw:bpmn/data/multiple-throw-start.bpmn": EVENTS,
    "sw:bpmn/data/return_to_event.bpmn": EVENTS,
    "sw:bpmn/data/uncaught_escalation.bpmn": EVENTS,
    "sw:bpmn/data/event-subprocess.bpmn": EVENTS,
    "sw:bpmn/data/conditional_event.bpmn": EVENTS,
    "sw:bpmn/data/data_object.bpmn": DATA,
    "sw:bpmn/data/data_object_gateway.bpmn": DATA,
    "sw:bpmn/data/io_spec_on_task.bpmn": DATA,
    "sw:bpmn/data/parallel_multiinstance_loop_input.bpmn": DATA,
    "sw:bpmn/data/parallel_multiinstance_cardinality.bpmn": DATA,
    "sw:bpmn/data/sequential_multiinstance_loop_input.bpmn": DATA,
    "sw:bpmn/data/sequential_multiinstance_cardinality.bpmn": DATA,
    "sw:bpmn/data/standard_loop.bpmn": DATA,
    "sw:spiff/data/prescript_postscript.bpmn": DATA,
    "sw:spiff/data/prescript_postscript_parent.bpmn": DATA,
    "sw:spiff/data/prescript_postscript_call_activity.bpmn": DATA + " (called by prescript_postscript_parent)",
    "sw:spiff/data/signal_event_payload.bpmn": DATA,
    "sw:spiff/data/error_event_payload.bpmn": DATA,
    "sw:spiff/data/escalation_event_payload.bpmn": DATA,
    "sw:spiff/data/user_task_variable.bpmn": DATA,
    "sw:spiff/data/business_rule_task.bpmn": DATA,
    "sw:spiff/data/spiff_multiinstance.bpmn": DATA,
    "sw:spiff/data/correlation.bpmn": DATA,
    "sw:camunda/data/ExclusiveGatewayIfElseAndDecision.bpmn": DATA,
    "sw:camunda/data/DMNMultiInstance.bpmn": DATA,
    # Not reproduced, and why.
    "sw:bpmn/data/boundary.bpmn": "not run: " + TIMER + " (PT0.03S boundary timer on the subprocess)",
    "sw:bpmn/data/boundary_timer_on_task.bpmn": "not run: " + TIMER + " (PT0.002S; the library test sleeps 1 s)",
    "sw:bpmn/data/timer.bpmn": "not run: " + TIMER + " (PT0.25S)",
    "sw:bpmn/data/timer-date-start.bpmn": "not run: " + TIMER + " (date = now + 0.05 s, set by a script)",
    "sw:bpmn/data/timer-non-interrupt-boundary.bpmn": "not run: " + TIMER + " (PT0.2S non-interrupting boundary)",
    "sw:camunda/data/MessageBoundary.bpmn": MESSAGES + " (the interrupt; the worker's loop Do Work -> PT0.01S "
                                                       "break -> Do Work is " + TIMER + ")",
    "sw:bpmn/data/custom_function_test.bpmn": "not run: its scripts call custom_function(), a function the "
                                              "library test injects into its script engine; no such sandbox helper",
    "sw:bpmn/data/custom_function_test_call_activity.bpmn": "not run: same as custom_function_test.bpmn",
    "sw:camunda/data/random_fact.bpmn": "not run: its script calls scripts.FactService, an object the library "
                                        "test injects into its script engine",
    "sw:spiff/data/prescript_postscript_data_object.bpmn":
        "not reproduced: the library test writes the data object directly (workflow.data_objects['a'] = 1); "
        "through Lintas only a task's data output association writes a data object and this model has none, "
        "so 'a' stays None, the task's input association copies it over any 'a' given at start, and the "
        "prescript fails (" + DATA + " asserts that incident); Lintas has no service that sets a data object",
    "sw:bpmn/data/collaboration.bpmn": MESSAGES,
    "sw:bpmn/data/correlation.bpmn": MESSAGES,
    "sw:bpmn/data/call_activity_call_activity.bpmn": "not run alone: the library runs it only as the called "
                                                     "process of call_activity_end_event / _with_error, which "
                                                     "Lintas refuses (print)",
    "sw:bpmn/data/gateway_loop_input.bpmn": FLOW,
    "sw:spiff/data/receive_correlations.bpmn": MESSAGES,
    "sw:spiff/data/default_correlation_key.bpmn": MESSAGES,
    "sw:spiff/data/script_on_mi.bpmn": DATA,
    "sw:spiff/data/waiting_event.bpmn": MESSAGES,
    "sw:camunda/data/call_activity_with_message.bpmn": MESSAGES + " (called by call_activity_with_message_parent)",
    "sw:camunda/data/call_activity_with_message_parent.bpmn": MESSAGES,
    "sw:camunda/data/message_test.bpmn": MESSAGES,
    "sw:camunda/data/noninterrupting-MessageBoundary.bpmn": MESSAGES,
    "sw:camunda/data/parallel_multiinstance_collection.bpmn": DATA,
    "sw:camunda/data/subWorkflowComplex.bpmn": FLOW,
}


def test_every_executable_spiffworkflow_model_is_accounted_for() -> None:
    deployable = {name for name, (_, outcome) in EXPECTED.items()
                  if name.startswith("sw:") and isinstance(outcome, Deploys)}
    assert sorted(deployable - set(COVERAGE)) == [], "add these models to COVERAGE"
    assert sorted(set(COVERAGE) - deployable) == [], "COVERAGE lists models that no longer deploy"


def test_covered_models_name_an_existing_module() -> None:
    here = Path(__file__).parent
    for name, where in COVERAGE.items():
        if where.startswith("not "):
            continue
        module = where.split(" ")[0].rstrip(";")
        assert (here / module).is_file(), f"{name}: {module} does not exist"
