"""Every public BPMN model in the corpus either deploys in Lintas or is refused for a stated reason.

For each file the test first asks SpiffWorkflow itself (its Spiff and Camunda parsers, with and
without the schema validator) whether it loads the model. A model the library loads must deploy
or be refused with a specific reason; a model the library cannot load must be refused too. The
expected outcome of every file is written down below, so any change in behaviour fails a test.

Models that use DMN decisions are deployed as a bundle with their .dmn files; models that call
processes of sibling files are deployed after those files (see corpus_driver.deploy_model).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from corpus_driver import ORG, deploy_model
from corpus_files import bpmn_files, corpus_path, library_loads, short_name

from engine.bootstrap import Lintas
from engine.domain.errors import DeploymentRejected
from engine.sandbox import ScriptSandbox


@dataclass(frozen=True)
class Deploys:
    keys: tuple[str, ...]


@dataclass(frozen=True)
class Refused:
    """Every text must appear in the refusal (Indonesian and English messages of all problems)."""

    texts: tuple[str, ...]


def deploys(*keys: str) -> Deploys:
    return Deploys(keys)


def refused(*texts: str) -> Refused:
    return Refused(texts)


TW = "sw:bpmn/data/Test-Workflows/"
NON_EXECUTABLE = "no executable process (non-executable process:"
SYNTAX = "script/expression refused: Syntax error"          # JUEL ${...}, FEEL or prose where Python is expected
PRINT = "script/expression refused: Built-in 'print' is not allowed in scripts"
NO_DATA_STORE = "has no implementation"
NO_DEFAULT_FLOW = "invalid BPMN: Non-default exclusive outgoing sequence flow without condition"

# file -> (SpiffWorkflow loads it, Lintas outcome)
EXPECTED: dict[str, tuple[bool, Deploys | Refused]] = {
    # OMG BPMN MIWG reference models: drawing-interchange tests, mostly not executable.
    "miwg:A.1.0.bpmn": (False, refused(NON_EXECUTABLE, "WFP-6-")),
    "miwg:A.2.0.bpmn": (False, refused(NON_EXECUTABLE, "WFP-6-")),
    "miwg:A.2.1.bpmn": (False, refused(NON_EXECUTABLE, "_To9ZoTOCEeSknpIVFCxNIQ")),
    "miwg:A.3.0.bpmn": (False, refused(NON_EXECUTABLE, "WFP-6-")),
    "miwg:A.4.0.bpmn": (False, refused(NON_EXECUTABLE, "WFP-6-1, WFP-6-2")),
    "miwg:A.4.1.bpmn": (False, refused(NON_EXECUTABLE, "sid-34746A54-1D7D-46CA-B219-0C4CEAE51170")),
    "miwg:B.1.0.bpmn": (False, refused(NON_EXECUTABLE, "WFP-0-")),
    "miwg:B.2.0.bpmn": (False, refused(NON_EXECUTABLE, "WFP-0-")),
    "miwg:C.1.0.bpmn": (True, refused(SYNTAX)),
    "miwg:C.1.1.bpmn":
        (False, refused(SYNTAX, "Data Store with name Financial Accounting System has no implementation")),
    "miwg:C.2.0.bpmn": (False, refused(NON_EXECUTABLE, "WFP-Page_1-1")),
    "miwg:C.3.0.bpmn": (False, refused(SYNTAX)),
    "miwg:C.4.0.bpmn": (False, refused("Data Store with name Employee Details has no implementation")),
    "miwg:C.5.0.bpmn": (False, refused("Data Store with name Bank System has no implementation")),
    "miwg:C.6.0.bpmn": (False, refused("invalid BPMN: Cannot resolve dataInputAssociation")),
    "miwg:C.7.0.bpmn": (False, refused("invalid BPMN: Cannot resolve dataOutputAssociation")),
    "miwg:C.8.0.bpmn": (False, refused(NON_EXECUTABLE, "VacationRequestProcess")),
    "miwg:C.8.1.bpmn": (False, refused(SYNTAX)),
    "miwg:C.9.0.bpmn": (False, refused(SYNTAX, "invalid BPMN: required attribute camunda:decisionRef is missing")),
    "miwg:C.9.1.bpmn": (True, deploys("requestDocument_en")),
    "miwg:C.9.2.bpmn": (False, refused(SYNTAX)),
    # Camunda examples: JUEL expressions (${...}, #{...}) are not Python; Lintas refuses them at deploy.
    "camunda-examples:testing/assert/job-announcement-publication-process/src/test/resources/"
    "camunda-testing-job-announcement-publication.bpmn": (True, refused(SYNTAX, "Flow_0zn9zem")),
    "camunda-examples:testing/assert/job-announcement-publication-process/src/test/resources/"
    "camunda-testing-job-announcement.bpmn": (True, refused(SYNTAX, "Flow_1gfi885")),
    "camunda-examples:usertask/task-camunda-forms/src/main/resources/invoiceApproval.bpmn":
        (True, deploys("camundaFormsQuickstart")),
    "camunda-examples:usertask/task-form-embedded/src/main/resources/loanApproval.bpmn":
        (True, deploys("embeddedFormsQuickstart")),
    "camunda-invoice:invoice.v1.bpmn": (False, refused(SYNTAX, "Financial Accounting System has no implementation")),
    "camunda-invoice:invoice.v2.bpmn": (False, refused(SYNTAX, "Financial Accounting System has no implementation")),
    # camunda:assignee="${reviewer}" on the task reviewInvoice
    "camunda-invoice:reviewInvoice.bpmn": (True, refused(SYNTAX, "reviewInvoice.bpmn:17 reviewInvoice")),
    # Danish municipal models (ÅbenForms).
    "aabenforms:address_change.bpmn": (True, refused("invalid BPMN: A Service Task must have an operator")),
    "aabenforms:building_permit.bpmn": (True, refused(SYNTAX)),
    "aabenforms:foi_request.bpmn": (True, refused(SYNTAX)),
    "aabenforms:parking_permit.bpmn": (True, refused(SYNTAX, "invalid BPMN: Element")),
    # SpiffWorkflow's own test models.
    "sw:bpmn/data/Approvals.bpmn": (True, deploys("Approvals")),
    "sw:bpmn/data/ParallelOrder.bpmn": (True, deploys("ParallelOrder")),
    TW + "Action-Management.bpmn20.xml": (False, refused(NO_DEFAULT_FLOW)),
    TW + "CallActivity-Escalation-Test-Sub.bpmn20.xml":
        (True, refused("Built-in 'vars' is not allowed in scripts", "Built-in 'globals' is not allowed in scripts")),
    # Its called process (the -Sub file) is refused, so the caller cannot find it.
    TW + "CallActivity-Escalation-Test.bpmn20.xml":
        (True, refused("The process 'CallActivity-Escalation-Test-Sub' was not found")),
    TW + "Message-Interrupts.bpmn20.xml": (True, deploys("sid-db1e1749-03ee-46aa-8674-bba07b1bd167")),
    TW + "Message-Non-Interrupt.bpmn20.xml":
        (True, deploys("sid-60e2cc58-68c9-4cb5-a95c-22e3e311b6b9")),
    TW + "Messages.bpmn20.xml": (True, deploys("sid-4a1f10ab-316f-4cd8-836d-65aa3d178fff")),
    TW + "Nested-Sub-level1.bpmn20.xml": (True, deploys("sid-c7ccc144-a90c-4a5b-973d-a9d67bc9aae7")),
    TW + "Nested-Sub-level2.bpmn20.xml": (True, deploys("sid-65436787-c39d-47c9-b99e-b4d7bd01b8f5")),
    TW + "Nested-Subprocesses.bpmn20.xml":
        (True, deploys("sid-a12cf1e5-86f4-4d69-9790-6a90342f5963")),
    TW + "Parallel-Looping-After-Join.bpmn20.xml": (False, refused(NO_DEFAULT_FLOW)),
    TW + "Parallel-Multiple-Splits-And-Joins.bpmn20.xml":
        (True, deploys("sid-a90fa1f1-32a9-4a62-8ad4-8820a3fc6cc4")),
    TW + "Parallel-Then-Exclusive.bpmn20.xml":
        (True, deploys("sid-bb9ea2d5-58b6-43c7-8e77-6e28f71106f0")),
    TW + "Parallel.camunda.bpmn20.xml": (True, deploys("Process_1hb021r")),
    TW + "Scripts.bpmn20.xml": (False, refused(SYNTAX)),
    TW + "Test-Workflows.bpmn20.xml": (False, refused(NO_DEFAULT_FLOW)),
    TW + "Timer-Intermediate.bpmn20.xml": (True, deploys("sid-909dfba4-15dd-47b3-b7d4-88330891429a")),
    "sw:bpmn/data/boundary.bpmn": (True, deploys("boundary_event")),
    "sw:bpmn/data/boundary_timer_on_task.bpmn": (True, deploys("test_timer")),
    "sw:bpmn/data/call_activity_call_activity.bpmn": (True, deploys("Call_Activity_Get_Data")),
    "sw:bpmn/data/call_activity_end_event.bpmn": (True, refused(PRINT)),
    "sw:bpmn/data/call_activity_with_error.bpmn": (True, refused(PRINT)),
    "sw:bpmn/data/collaboration.bpmn": (True, deploys("process_buddy")),
    "sw:bpmn/data/conditional_event.bpmn": (True, deploys("intermediate", "boundary")),
    "sw:bpmn/data/correlation.bpmn": (True, deploys("proc_1", "proc_2")),
    "sw:bpmn/data/custom_function_test.bpmn": (True, deploys("top_workflow")),
    "sw:bpmn/data/custom_function_test_call_activity.bpmn": (True, deploys("CallActivityProcess")),
    "sw:bpmn/data/data_object.bpmn": (True, deploys("Process")),
    "sw:bpmn/data/data_object_gateway.bpmn": (True, deploys("main")),
    "sw:bpmn/data/data_store.bpmn": (False, refused("Data Store with name TestDataStore " + NO_DATA_STORE)),
    "sw:bpmn/data/data_store_read.bpmn": (False, refused("Data Store with name TestDataStore " + NO_DATA_STORE)),
    "sw:bpmn/data/data_store_write.bpmn": (False, refused("Data Store with name TestDataStore " + NO_DATA_STORE)),
    "sw:bpmn/data/event-gateway.bpmn": (True, deploys("Process_0pvx19v")),
    "sw:bpmn/data/event-subprocess.bpmn": (True, deploys("main")),
    "sw:bpmn/data/exclusive_gateway_no_default.bpmn": (True, deploys("NoDefaultGateway")),
    "sw:bpmn/data/gateway_loop_input.bpmn": (True, deploys("main")),
    "sw:bpmn/data/inclusive_gateway.bpmn": (True, deploys("main")),
    "sw:bpmn/data/invalid_cancel.bpmn": (False, refused(PRINT, "Name '_' is not allowed")),
    "sw:bpmn/data/io_spec_on_task.bpmn": (True, deploys("main")),
    "sw:bpmn/data/lanes.bpmn": (True, deploys("lanes")),
    "sw:bpmn/data/multiple-start-parallel.bpmn": (True, deploys("main")),
    "sw:bpmn/data/multiple-start.bpmn": (True, deploys("main")),
    "sw:bpmn/data/multiple-throw-start.bpmn": (True, deploys("respond", "initiate")),
    "sw:bpmn/data/multiple-throw.bpmn": (True, deploys("respond", "initiate")),
    "sw:bpmn/data/parallel_multiinstance_cardinality.bpmn": (True, deploys("main")),
    "sw:bpmn/data/parallel_multiinstance_loop_input.bpmn": (True, deploys("main")),
    "sw:bpmn/data/return_to_event.bpmn": (True, deploys("return_to_event")),
    "sw:bpmn/data/sequential_multiinstance_cardinality.bpmn": (True, deploys("main")),
    "sw:bpmn/data/sequential_multiinstance_loop_input.bpmn": (True, deploys("main")),
    "sw:bpmn/data/standard_loop.bpmn": (True, deploys("main")),
    "sw:bpmn/data/standard_loop_invalid.bpmn":
        (False, refused("invalid BPMN: A loopMaximum or loopCondition must be specified for Loop Tasks")),
    "sw:bpmn/data/start_event_split.bpmn": (True, deploys("main")),
    "sw:bpmn/data/timer-cycle-start.bpmn": (True, refused(PRINT)),
    "sw:bpmn/data/timer-cycle.bpmn": (True, refused(PRINT)),
    "sw:bpmn/data/timer-date-start.bpmn": (True, deploys("date_timer")),
    "sw:bpmn/data/timer-non-interrupt-boundary.bpmn": (True, deploys("NonInterruptTimer")),
    "sw:bpmn/data/timer.bpmn": (True, deploys("timer")),
    "sw:bpmn/data/transaction.bpmn": (True, refused(PRINT)),
    "sw:bpmn/data/uncaught_escalation.bpmn": (True, deploys("top_level")),
    "sw:camunda/data/DMNMultiInstance.bpmn": (True, deploys("corpus-dmnmultiinstance")),
    "sw:camunda/data/ExclusiveGatewayIfElseAndDecision.bpmn":
        (True, deploys("corpus-exclusivegatewayifelseanddecision")),
    "sw:camunda/data/MessageBoundary.bpmn": (True, deploys("Process_1kjyavs", "Process_0srqcj1")),
    "sw:camunda/data/call_activity_with_message.bpmn": (True, deploys("Subprocess")),
    "sw:camunda/data/call_activity_with_message_parent.bpmn": (True, deploys("Process_0xeaemr", "Process_0vpmpb9")),
    "sw:camunda/data/message_test.bpmn": (True, deploys("ThrowCatch", "Process_05r9nfx")),
    "sw:camunda/data/noninterrupting-MessageBoundary.bpmn": (True, deploys("Process_1kjyavs", "Process_1k0py56")),
    "sw:camunda/data/parallel_multiinstance_collection.bpmn": (True, deploys("main")),
    "sw:camunda/data/random_fact.bpmn": (True, deploys("random_fact")),
    "sw:camunda/data/subWorkflowComplex.bpmn": (True, deploys("SubWorkflow")),
    "sw:spiff/data/business_rule_task.bpmn": (True, deploys("corpus-business_rule_task")),
    "sw:spiff/data/correlation.bpmn": (True, deploys("proc_1", "proc_2")),
    "sw:spiff/data/default_correlation_key.bpmn": (True, deploys("main")),
    "sw:spiff/data/error_event_payload.bpmn": (True, deploys("event_test")),
    "sw:spiff/data/escalation_event_payload.bpmn": (True, deploys("event_test")),
    "sw:spiff/data/prescript_postscript.bpmn": (True, deploys("Process_1")),
    "sw:spiff/data/prescript_postscript_call_activity.bpmn": (True, deploys("update_data")),
    "sw:spiff/data/prescript_postscript_data_object.bpmn": (True, deploys("Process_1")),
    "sw:spiff/data/prescript_postscript_parent.bpmn": (True, deploys("parent")),
    "sw:spiff/data/receive_correlations.bpmn": (True, deploys("correlation-test")),
    "sw:spiff/data/script_on_mi.bpmn": (True, deploys("Process_1")),
    "sw:spiff/data/service_task.bpmn": (True, refused("service task has no implementation: no connector")),
    "sw:spiff/data/signal_event_payload.bpmn": (True, deploys("event_test")),
    "sw:spiff/data/spiff_multiinstance.bpmn": (True, deploys("Process_1")),
    "sw:spiff/data/user_task_variable.bpmn": (True, deploys("two", "one")),
    "sw:spiff/data/waiting_event.bpmn": (True, deploys("main")),
}


@pytest.fixture(scope="module")
def template_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                sandbox: ScriptSandbox) -> Path:
    """One migrated SQLite file with the corpus organisation; each test works on a copy of it."""
    root = _root_conftest(request)
    folder = tmp_path_factory.mktemp("corpus-template")
    app = root.make_lintas(f"sqlite:///{folder / 'lintas.db'}", folder, root.FixedClock(), sandbox)
    app.org.load_file(ORG)
    app.close()
    return folder / "lintas.db"


@pytest.fixture
def sqlite_lintas(request: pytest.FixtureRequest, template_db: Path, tmp_path: Path, clock: object,
                  sandbox: ScriptSandbox) -> Iterator[Lintas]:
    """A Lintas on SQLite with the corpus organisation, copied from the template (no migration per test)."""
    target = tmp_path / "lintas.db"
    target.write_bytes(template_db.read_bytes())
    app = _root_conftest(request).make_lintas(f"sqlite:///{target}", tmp_path, clock, sandbox)
    yield app
    app.close()


def _root_conftest(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    # tests/conftest.py is not importable by name (pytest loads every conftest.py as "conftest").
    return request.config.pluginmanager.get_plugin(str(Path(__file__).resolve().parents[1] / "conftest.py"))


def test_every_corpus_file_has_an_expectation() -> None:
    on_disk = {short_name(p) for p in bpmn_files()}
    assert sorted(on_disk - set(EXPECTED)) == [], "new corpus files: add them to EXPECTED"
    assert sorted(set(EXPECTED) - on_disk) == [], "EXPECTED names files that are not in the corpus"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file_deploys_or_is_refused_with_a_reason(name: str, sqlite_lintas: Lintas, tmp_path: Path) -> None:
    path = corpus_path(name)
    library_expected, outcome = EXPECTED[name]
    verdict = library_loads(path)
    assert verdict.loads is library_expected, f"SpiffWorkflow's verdict changed: {verdict}"
    if not verdict.loads:
        assert isinstance(outcome, Refused), "a model SpiffWorkflow cannot load must be refused"
    try:
        results = deploy_model(sqlite_lintas, path, tmp_path / "deploy")
    except DeploymentRejected as exc:
        assert isinstance(outcome, Refused), f"expected to deploy, was refused: {exc}"
        assert exc.problems, "a refusal must carry at least one problem"
        text = str(exc)
        for expected_text in outcome.texts:
            assert expected_text in text
        return
    assert isinstance(outcome, Deploys), f"expected a refusal ({outcome.texts}), but it deployed"
    assert tuple(r.key for r in results) == outcome.keys
    listed = {v.key for v in sqlite_lintas.deployments.list_versions()}
    assert set(outcome.keys) <= listed
