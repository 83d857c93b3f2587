"""The public BPMN corpus in shared/bpmn-corpus: its files, what each needs, and what SpiffWorkflow makes of it.

A model may call processes defined in sibling files (call activities) or decisions defined in DMN
files; those are found by id so a test can deploy a model together with what it needs, as the
library's own tests do when they load a glob of files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree
from SpiffWorkflow.bpmn.parser.BpmnParser import BpmnValidator
from SpiffWorkflow.camunda.parser.CamundaParser import CamundaParser
from SpiffWorkflow.spiff.parser.process import VALIDATOR, SpiffBpmnParser

REPO = Path(__file__).resolve().parents[2]
# A copy of shared/bpmn-corpus lives in the repository (with each project's licence), so CI always
# runs these tests; LINTAS_BPMN_CORPUS points elsewhere to try a newer corpus.
CORPUS = Path(os.environ.get("LINTAS_BPMN_CORPUS") or Path(__file__).resolve().parent / "models")
SPIFF_TESTS = "sartography__SpiffWorkflow/tests/SpiffWorkflow"
BPMN = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
CAMUNDA = "{http://camunda.org/schema/1.0/bpmn}"
SPIFF = "{http://spiffworkflow.org/bpmn/schema/1.0/core}"


# Short names for the corpus folders, so tables stay readable: "sw:bpmn/data/timer.bpmn".
ALIASES = {
    "sw:": f"{SPIFF_TESTS}/",
    "miwg:": "bpmn-miwg__bpmn-miwg-test-suite/Reference/",
    "camunda-examples:": "camunda__camunda-bpm-examples/",
    "camunda-invoice:": "camunda__camunda-bpm-platform/examples/invoice/src/main/resources/",
    "aabenforms:": "madsnorgaard__aabenforms/web/modules/custom/aabenforms_workflows/workflows/",
}


def corpus_path(name: str) -> Path:
    """A corpus file by its short name (``sw:bpmn/data/timer.bpmn``) or its path below the corpus folder."""
    for alias, folder in ALIASES.items():
        if name.startswith(alias):
            return CORPUS / folder / name[len(alias):]
    return CORPUS / name


def short_name(path: Path) -> str:
    rel = path.relative_to(CORPUS).as_posix()
    for alias, folder in ALIASES.items():
        if rel.startswith(folder):
            return alias + rel[len(folder):]
    return rel


def bpmn_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.name.endswith((".bpmn", ".bpmn20.xml")))


@cache
def _root(path: Path) -> etree._Element | None:
    try:
        return etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    except etree.XMLSyntaxError:
        return None


def _process_ids(path: Path) -> set[str]:
    root = _root(path)
    return set() if root is None else {str(p.get("id")) for p in root.iter(f"{BPMN}process")}


def _decision_ids(path: Path) -> set[str]:
    root = _root(path)
    if root is None:
        return set()
    return {str(el.get("id")) for el in root.iter() if isinstance(el.tag, str) and el.tag.endswith("}decision")}


def _decision_refs(root: etree._Element) -> set[str]:
    refs = set()
    for node in root.iter():
        if not isinstance(node.tag, str):
            continue
        if node.get(f"{CAMUNDA}decisionRef"):
            refs.add(str(node.get(f"{CAMUNDA}decisionRef")).strip())
        if node.tag == f"{SPIFF}calledDecisionId" and node.text:
            refs.add(node.text.strip())
    return refs


# Two DMN files next to SpiffWorkflow's Camunda models define the same decision id; the library's
# tests name the table each model runs with, and so does this map.
DMN_FOR = {
    "DMNMultiInstance.bpmn": "test_integer_decision_multi.dmn",
    "ExclusiveGatewayIfElseAndDecision.bpmn": "test_integer_decision.dmn",
}


@dataclass(frozen=True)
class Needs:
    """Files a model needs besides itself: called processes (dependencies first) and DMN files."""

    bpmn: tuple[Path, ...] = ()
    dmn: tuple[Path, ...] = ()


def needs(path: Path) -> Needs:
    """Sibling files that define the processes this model calls (recursively) and the decisions it uses."""
    ordered: list[Path] = []
    dmn: list[Path] = []
    siblings = [p for p in path.parent.iterdir() if p.name.endswith((".bpmn", ".bpmn20.xml")) and p != path]
    tables = sorted(path.parent.rglob("*.dmn"))

    def visit(model: Path, seen: set[Path]) -> None:
        root = _root(model)
        if root is None:
            return
        own = _process_ids(model)
        for call in root.iter(f"{BPMN}callActivity"):
            called = call.get("calledElement")
            if not called or called in own:
                continue
            for other in sorted(siblings):
                if other not in seen and called in _process_ids(other):
                    seen.add(other)
                    visit(other, seen)
                    ordered.append(other)
        for ref in sorted(_decision_refs(root)):
            dmn.extend(t for t in tables if ref in _decision_ids(t) and t not in dmn)

    visit(path, {path})
    if path.name in DMN_FOR:
        dmn = [t for t in dmn if t.name == DMN_FOR[path.name]]
    return Needs(tuple(dict.fromkeys(ordered)), tuple(dmn))


def _parsers() -> list[tuple[str, object]]:
    return [
        ("spiff+validator", SpiffBpmnParser(validator=VALIDATOR)),
        ("spiff", SpiffBpmnParser()),
        ("camunda+validator", CamundaParser(validator=BpmnValidator())),
        ("camunda", CamundaParser()),
    ]


@dataclass(frozen=True)
class LibraryVerdict:
    loads: bool
    parser: str | None          # the first parser that loads every executable process of the file
    errors: tuple[str, ...]     # why each parser failed, when none loads it


def library_loads(path: Path) -> LibraryVerdict:
    """Whether SpiffWorkflow's own parsers load every executable process of the file (with what it needs).

    Mirrors the library's test loaders: the Spiff parser and the Camunda parser, each with and
    without the schema validator, adding the files the model needs and asking for each spec.
    """
    need = needs(path)
    errors = []
    for label, parser in _parsers():
        try:
            parser.add_bpmn_files([str(p) for p in (path, *need.bpmn)])  # type: ignore[attr-defined]
            if need.dmn:
                parser.add_dmn_files([str(p) for p in need.dmn])  # type: ignore[attr-defined]
            own = _process_ids(path)
            executable = [pid for pid in parser.get_process_ids() if pid in own]  # type: ignore[attr-defined]
            if not executable:
                raise ValueError("no executable process")
            for pid in executable:
                parser.get_spec(pid)  # type: ignore[attr-defined]
                parser.get_subprocess_specs(pid)  # type: ignore[attr-defined]
        except Exception as exc:  # noqa: BLE001 - any failure means this parser does not load it
            errors.append(f"{label}: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
            continue
        return LibraryVerdict(True, label, ())
    return LibraryVerdict(False, None, tuple(errors))
