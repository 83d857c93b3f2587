"""BPMN dialects Lintas reads: Spiff-flavoured BPMN (Lintas's own bundles) and Camunda-flavoured BPMN.

Each dialect pairs a SpiffWorkflow parser with the serializer registry that knows its task-spec
classes; the two cannot share one registry because both name their user task class ``UserTask``.

Plain BPMN (no vendor extensions) is read by the Spiff parser, except for its message events: a
Spiff message carries only what a ``spiffworkflow:messagePayload`` expression gives it and drops
what it receives unless ``spiffworkflow:messageVariable`` names a variable, so a plain model's
messages would travel empty. Those keep BPMN's own semantics, as SpiffWorkflow's base parser reads
them: the sender's data is the payload (and feeds the correlation keys), the receiver takes it in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from lxml import etree
from SpiffWorkflow.bpmn.parser.BpmnParser import BpmnParser, BpmnValidator
from SpiffWorkflow.bpmn.parser.event_parsers import EventDefinitionParser
from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.serializer.default.event_definition import (
    MessageEventDefinitionConverter,
    TimerConditionalEventDefinitionConverter,
)
from SpiffWorkflow.bpmn.serializer.helpers.registry import DefaultRegistry
from SpiffWorkflow.bpmn.specs.event_definitions.message import MessageEventDefinition
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.camunda.parser.CamundaParser import CamundaParser
from SpiffWorkflow.camunda.serializer.config import CAMUNDA_CONFIG
from SpiffWorkflow.spiff.parser.process import VALIDATOR as SPIFF_VALIDATOR
from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG

from engine.bpmn.live_converter import LiveStateConverter
from engine.bpmn.timers import TIMER_CLASSES, TimerParsing

CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn"
SPIFF_NS = "http://spiffworkflow.org/bpmn/schema/1.0/core"
LINTAS_NS = "urn:lintas:bpmn:1"


@dataclass(frozen=True)
class Dialect:
    name: str
    make_parser: Callable[[], BpmnParser]
    config: dict[Any, Any]

    @property
    def registry(self) -> DefaultRegistry:
        return _registry(self.name)

    @property
    def serializer(self) -> BpmnWorkflowSerializer:
        return _serializer(self.name)


def _camunda_parser() -> BpmnParser:
    return _LintasCamundaParser(validator=_camunda_validator())


@cache
def _camunda_validator() -> BpmnValidator:
    return BpmnValidator()


class _PlainMessages:
    """Parser mixin: a message event in a document without Spiff extensions keeps BPMN's semantics."""

    def parse_message_event(self, message_event: etree._Element) -> Any:
        if _uses(message_event.getroottree().getroot(), SPIFF_NS):
            return super().parse_message_event(message_event)  # type: ignore[misc]
        return EventDefinitionParser.parse_message_event(self, message_event)  # type: ignore[arg-type]


def _with_mixins(classes: dict[str, tuple[type, type]], *mixins: type) -> dict[str, tuple[type, type]]:
    """Parser classes with Lintas's event mixins added to every event parser."""
    out = {}
    for tag, (parser, spec) in classes.items():
        if issubclass(parser, EventDefinitionParser):
            parser = type(f"Lintas{parser.__name__}", (*mixins, parser), {})
        out[tag] = (parser, spec)
    return out


class _LintasSpiffParser(SpiffBpmnParser):  # type: ignore[misc]
    OVERRIDE_PARSER_CLASSES = _with_mixins(
        {**BpmnParser.PARSER_CLASSES, **SpiffBpmnParser.OVERRIDE_PARSER_CLASSES}, TimerParsing, _PlainMessages
    )


class _LintasCamundaParser(CamundaParser):  # type: ignore[misc]
    OVERRIDE_PARSER_CLASSES = _with_mixins(
        {**BpmnParser.PARSER_CLASSES, **CamundaParser.OVERRIDE_PARSER_CLASSES}, TimerParsing
    )


def _spiff_parser() -> BpmnParser:
    return _LintasSpiffParser(validator=SPIFF_VALIDATOR)


DIALECTS: dict[str, Dialect] = {
    "spiff": Dialect("spiff", _spiff_parser, SPIFF_CONFIG),
    "camunda": Dialect("camunda", _camunda_parser, CAMUNDA_CONFIG),
}


@cache
def _registry(name: str) -> DefaultRegistry:
    config = dict(DIALECTS[name].config)
    config[BpmnWorkflow] = LiveStateConverter
    registry = BpmnWorkflowSerializer.configure(config)
    # The plain BPMN message definition (Camunda receive and send tasks, messages of plain models in
    # the Spiff dialect) shares its class name with each dialect's own subclass, which replaces it in
    # the dialect's config, so such specs could not be stored. Keep it under a name of its own.
    MessageEventDefinitionConverter(MessageEventDefinition, registry, typename="BpmnMessageEventDefinition")
    for timer_class in TIMER_CLASSES.values():
        TimerConditionalEventDefinitionConverter(timer_class, registry)
    return registry


@cache
def _serializer(name: str) -> BpmnWorkflowSerializer:
    return BpmnWorkflowSerializer(registry=_registry(name))


def _uses(root: etree._Element, namespace: str) -> bool:
    found = root.xpath("boolean(//@*[namespace-uri()=$ns] | //*[namespace-uri()=$ns])", ns=namespace)
    return bool(found)


def detect(roots: list[etree._Element]) -> Dialect:
    """Files that use camunda: attributes or elements read as Camunda; everything else as Spiff."""
    uses_camunda = any(_uses(root, CAMUNDA_NS) for root in roots)
    uses_spiff = any(_uses(root, SPIFF_NS) for root in roots)
    return DIALECTS["camunda" if uses_camunda and not uses_spiff else "spiff"]


def get(name: str) -> Dialect:
    try:
        return DIALECTS[name]
    except KeyError:
        raise ValueError(f"unknown BPMN dialect {name!r}") from None
