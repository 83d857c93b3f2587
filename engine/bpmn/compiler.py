"""Turns uploaded BPMN (and DMN) files into deployable process definitions, or explains why not.

Every check that needs no organisation data happens here: well-formed and safe XML, the BPMN XML
schema, SpiffWorkflow's own parse rules, executable processes, resolvable call activities, no
service tasks without a connector, and every script and expression accepted by the sandbox.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from lxml import etree
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.bpmn.specs.event_definitions.timer import (
    CycleTimerEventDefinition,
    DurationTimerEventDefinition,
    TimeDateEventDefinition,
    TimerEventDefinition,
)
from SpiffWorkflow.bpmn.specs.mixins.events.start_event import StartEvent
from SpiffWorkflow.bpmn.specs.mixins.service_task import ServiceTask
from SpiffWorkflow.exceptions import SpiffWorkflowException

from engine.bpmn import catalogue as catalogue_mod
from engine.bpmn.catalogue import BPMN_NS
from engine.bpmn.dialects import CAMUNDA_NS, SPIFF_NS, Dialect, detect
from engine.bpmn.document_steps import is_document_step
from engine.bpmn.events import message_definitions
from engine.bpmn.expressions import find_code
from engine.bpmn.state import specs_to_json
from engine.bpmn.xmlsafe import XmlProblem, parse_xml
from engine.domain.durations import parse_timer
from engine.domain.errors import DeploymentRejected, Problem
from engine.domain.process import Catalogue, TimerStart
from engine.sandbox import ScriptSandbox


@dataclass(frozen=True)
class SourceFile:
    name: str
    content: bytes


@dataclass(frozen=True)
class CompiledProcess:
    process_id: str
    name: str
    dialect: str
    spec_json: str
    catalogue: Catalogue
    bpmn_xml: str
    called_processes: tuple[str, ...] = ()


@dataclass
class _Work:
    roots: dict[str, etree._Element] = field(default_factory=dict)          # file name -> root
    processes: dict[str, etree._Element] = field(default_factory=dict)      # process id -> element
    process_file: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


# SpiffWorkflow's parsers index required attributes directly (e.g. the Camunda parser reads
# ``camunda:decisionRef`` of every business rule task), so a missing one surfaces as a KeyError.
_PARSE_ERRORS = (ValidationException, SpiffWorkflowException, KeyError)


def _reject(problems: list[Problem]) -> DeploymentRejected:
    return DeploymentRejected("Deploy ditolak", "deployment refused", problems)


def _is_executable(process: etree._Element) -> bool:
    return process.get("isExecutable", "true") == "true"


class Compiler:
    def __init__(self, sandbox: ScriptSandbox, max_bytes: int) -> None:
        self._sandbox = sandbox
        self._max_bytes = max_bytes

    def compile(
        self,
        bpmn_files: list[SourceFile],
        dmn_files: list[SourceFile] = (),  # type: ignore[assignment]
        *,
        main: str | None = None,
        resolve_external: Callable[[str], SourceFile | None] | None = None,
    ) -> list[CompiledProcess]:
        work = _Work()
        for source in bpmn_files:
            self._read(source, work)
        dmn_roots = {}
        for source in dmn_files:
            try:
                dmn_roots[source.name] = parse_xml(source.content, self._max_bytes)
            except XmlProblem as exc:
                work.problems.append(Problem(source.name, str(exc), exc.message_en))
        work.problems.extend(_duplicate_decisions(dmn_roots))
        if work.problems:
            raise _reject(work.problems)
        own_ids = [pid for pid, node in work.processes.items() if _is_executable(node)]
        if not own_ids:
            names = ", ".join(sorted(work.processes)) or "-"
            raise _reject([Problem("", f"tidak ada proses yang dapat dijalankan (isExecutable=false): {names}",
                                   f"no executable process (non-executable process: {names})")])
        self._add_external(work, resolve_external)
        if work.problems:
            raise _reject(work.problems)
        dialect = detect(list(work.roots.values()))
        self._check_code(work)
        targets = self._targets(work, own_ids, main)
        parser = self._parser(dialect, work, dmn_roots)
        compiled = [self._compile_one(pid, parser, dialect, work) for pid in targets]
        if work.problems:
            raise _reject(work.problems)
        return [c for c in compiled if c is not None]

    # -- reading ------------------------------------------------------------------------------
    def _read(self, source: SourceFile, work: _Work) -> None:
        try:
            root = parse_xml(source.content, self._max_bytes)
        except XmlProblem as exc:
            work.problems.append(Problem(source.name, str(exc), exc.message_en))
            return
        if etree.QName(root).namespace != BPMN_NS or etree.QName(root).localname != "definitions":
            work.problems.append(Problem(source.name, "bukan dokumen BPMN 2.0 (bpmn:definitions)",
                                         "not a BPMN 2.0 document (bpmn:definitions)"))
            return
        work.roots[source.name] = root
        for process in root.iter(f"{{{BPMN_NS}}}process"):
            pid = str(process.get("id"))
            if pid in work.processes:
                work.problems.append(Problem(source.name, f"ID proses ganda: {pid}", f"duplicate process id: {pid}"))
            work.processes[pid] = process
            work.process_file[pid] = source.name

    def _add_external(self, work: _Work, resolve: Callable[[str], SourceFile | None] | None) -> None:
        pending = True
        while pending:
            pending = False
            for called in sorted(_called_ids(work)):
                if called in work.processes or resolve is None:
                    continue
                source = resolve(called)
                if source is None:
                    continue
                before = len(work.processes)
                self._read(source, work)
                pending = pending or len(work.processes) > before

    def _check_code(self, work: _Work) -> None:
        for name, root in work.roots.items():
            for code in find_code(root, name):
                for violation in self._sandbox.check(code.source, code.mode):  # type: ignore[arg-type]
                    line = code.line + max(violation.line - 1, 0)
                    work.problems.append(Problem(
                        f"{name}:{line} {code.element_id}",
                        f"skrip/ekspresi ditolak: {violation.message_id}",
                        f"script/expression refused: {violation.message_en}",
                    ))

    def _targets(self, work: _Work, own_ids: list[str], main: str | None) -> list[str]:
        called = _called_ids(work)
        roots = [pid for pid in own_ids if pid not in called]
        if main is not None:
            if main in own_ids:
                return [main]
            if len(roots) == 1:
                return roots
            work.problems.append(Problem("", f"proses utama '{main}' tidak ditemukan; calon: {', '.join(roots)}",
                                         f"main process '{main}' not found; candidates: {', '.join(roots)}"))
            raise _reject(work.problems)
        return roots or own_ids

    def _parser(self, dialect: Dialect, work: _Work, dmn_roots: dict[str, etree._Element]):  # type: ignore[no-untyped-def]
        parser = dialect.make_parser()
        for name, root in work.roots.items():
            try:
                # The validator rewrites some tags in place; give it a copy so our own reads stay intact.
                parser.add_bpmn_xml(_as_executed(root), filename=name)
            except _PARSE_ERRORS as exc:
                work.problems.append(_problem(exc, name))
        for name, root in dmn_roots.items():
            try:
                parser.add_dmn_xml(_copy(root), filename=name)
            except _PARSE_ERRORS as exc:
                work.problems.append(_problem(exc, name))
        if work.problems:
            raise _reject(work.problems)
        return parser

    def _compile_one(self, pid: str, parser, dialect: Dialect, work: _Work) -> CompiledProcess | None:  # type: ignore[no-untyped-def]
        try:
            spec = parser.get_spec(pid)
            subprocess_specs = parser.get_subprocess_specs(pid)
        except _PARSE_ERRORS as exc:
            work.problems.append(_problem(exc, work.process_file.get(pid, "")))
            return None
        all_specs = [spec, *subprocess_specs.values()]
        for process_spec in all_specs:
            for task_spec in process_spec.task_specs.values():
                if isinstance(task_spec, ServiceTask):
                    element = getattr(task_spec, "bpmn_id", task_spec.name)
                    work.problems.append(Problem(
                        f"{pid} {element}",
                        "service task belum didukung: belum ada konektor untuk tugas layanan ini",
                        "service task has no implementation: no connector is configured for it",
                    ))
        involved = {pid, *subprocess_specs}
        catalogue = catalogue_mod.build(
            {p: work.processes[p] for p in involved if p in work.processes},
            pid,
            message_starts=_message_start_names(spec),
        )
        catalogue = replace(catalogue, timer_starts=_timer_starts(spec, pid, work))
        try:
            spec_json = specs_to_json(dialect, spec, subprocess_specs)
        except Exception as exc:  # noqa: BLE001 - any serializer failure is a deploy problem
            work.problems.append(Problem(pid, f"spesifikasi tidak dapat disimpan: {exc}", f"spec not storable: {exc}"))
            return None
        root = work.roots[work.process_file[pid]]
        return CompiledProcess(
            process_id=pid,
            name=catalogue.name,
            dialect=dialect.name,
            spec_json=spec_json,
            catalogue=catalogue,
            bpmn_xml=etree.tostring(root, encoding="unicode"),
            called_processes=tuple(sorted(p for p in subprocess_specs if p in work.processes)),
        )


def _duplicate_decisions(dmn_roots: dict[str, etree._Element]) -> list[Problem]:
    """Two tables with one decision id would silently shadow each other in the parser: refuse that."""
    files: dict[str, list[str]] = {}
    for name, root in dmn_roots.items():
        for node in root.iter():
            if isinstance(node.tag, str) and etree.QName(node).localname == "decision" and node.get("id"):
                files.setdefault(str(node.get("id")), []).append(name)
    return [Problem(", ".join(names), f"ID keputusan DMN ganda: {decision}", f"duplicate DMN decision id: {decision}")
            for decision, names in sorted(files.items()) if len(names) > 1]


def _copy(root: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(root))


def _as_executed(root: etree._Element) -> etree._Element:
    """A copy for SpiffWorkflow, in which a document step is an empty script task.

    The document itself is rendered by a job in the service layer before the step runs (document
    steps are held like ``lintas:async`` steps); to the engine the step is then just a no-op.
    """
    copy = _copy(root)
    for node in list(copy.iter(f"{{{BPMN_NS}}}serviceTask")):
        if is_document_step(node):
            node.tag = f"{{{BPMN_NS}}}scriptTask"
            etree.SubElement(node, f"{{{BPMN_NS}}}script").text = "pass"
    return copy


def _called_ids(work: _Work) -> set[str]:
    out = set()
    for process in work.processes.values():
        for call in process.iter(f"{{{BPMN_NS}}}callActivity"):
            if call.get("calledElement"):
                out.add(str(call.get("calledElement")))
    return out


def _message_start_names(spec) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    names: list[str] = []
    for task_spec in spec.task_specs.values():
        if isinstance(task_spec, StartEvent):
            names.extend(str(d.name) for d in message_definitions(task_spec.event_definition) if d.name)
    return tuple(sorted(set(names)))


_TIMER_KINDS = {TimeDateEventDefinition: "date", DurationTimerEventDefinition: "duration",
                CycleTimerEventDefinition: "cycle"}


def _timer_starts(spec, pid: str, work: _Work) -> tuple[TimerStart, ...]:  # type: ignore[no-untyped-def]
    """Timer start events of the main process; they must be literal (no instance data exists yet)."""
    found = []
    for task_spec in spec.task_specs.values():
        definition = getattr(task_spec, "event_definition", None)
        if not isinstance(task_spec, StartEvent) or not isinstance(definition, TimerEventDefinition):
            continue
        kind = next((k for klass, k in _TIMER_KINDS.items() if isinstance(definition, klass)), None)
        if kind is None or parse_timer(definition.expression or "") is None:
            work.problems.append(Problem(
                f"{pid} {task_spec.bpmn_id}",
                "timer mulai harus berupa nilai tetap (mis. R/P1D atau '1 hari kerja'), bukan ekspresi",
                "a timer start event needs a literal value (e.g. R/P1D or '1 hari kerja'), not an expression"))
            continue
        found.append(TimerStart(str(task_spec.bpmn_id), kind, str(definition.expression)))
    return tuple(found)


def _problem(exc: Exception, file: str) -> Problem:
    line = getattr(exc, "line_number", "") or ""
    element = getattr(exc, "id", "") or ""
    where = " ".join(x for x in (f"{getattr(exc, 'file_name', '') or file}:{line}".rstrip(":"), element) if x)
    if isinstance(exc, KeyError):
        attribute = _attribute_name(str(exc.args[0]) if exc.args else "")
        return Problem(where, f"BPMN tidak valid: atribut wajib {attribute} tidak ada",
                       f"invalid BPMN: required attribute {attribute} is missing")
    text = str(exc).split("\n")[0]
    return Problem(where, f"BPMN tidak valid: {text}", f"invalid BPMN: {text}")


def _attribute_name(key: str) -> str:
    """``{namespace}local`` as ``prefix:local`` for the namespaces designers know by prefix."""
    if not key.startswith("{"):
        return key
    namespace, _, local = key[1:].partition("}")
    prefix = {CAMUNDA_NS: "camunda", SPIFF_NS: "spiffworkflow", BPMN_NS: "bpmn"}.get(namespace)
    return f"{prefix}:{local}" if prefix else local
