"""BPMN dialects Lintas reads: Spiff-flavoured BPMN (Lintas's own bundles) and Camunda-flavoured BPMN.

Each dialect pairs a SpiffWorkflow parser with the serializer registry that knows its task-spec
classes; the two cannot share one registry because both name their user task class ``UserTask``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from lxml import etree
from SpiffWorkflow.bpmn.parser.BpmnParser import BpmnParser, BpmnValidator
from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.serializer.default.event_definition import MessageEventDefinitionConverter
from SpiffWorkflow.bpmn.serializer.helpers.registry import DefaultRegistry
from SpiffWorkflow.bpmn.specs.event_definitions.message import MessageEventDefinition
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.camunda.parser.CamundaParser import CamundaParser
from SpiffWorkflow.camunda.serializer.config import CAMUNDA_CONFIG
from SpiffWorkflow.spiff.parser.process import VALIDATOR as SPIFF_VALIDATOR
from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG

from engine.bpmn.live_converter import LiveStateConverter

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
    return CamundaParser(validator=_camunda_validator())


@cache
def _camunda_validator() -> BpmnValidator:
    return BpmnValidator()


def _spiff_parser() -> BpmnParser:
    return SpiffBpmnParser(validator=SPIFF_VALIDATOR)


DIALECTS: dict[str, Dialect] = {
    "spiff": Dialect("spiff", _spiff_parser, SPIFF_CONFIG),
    "camunda": Dialect("camunda", _camunda_parser, CAMUNDA_CONFIG),
}


@cache
def _registry(name: str) -> DefaultRegistry:
    config = dict(DIALECTS[name].config)
    config[BpmnWorkflow] = LiveStateConverter
    registry = BpmnWorkflowSerializer.configure(config)
    if name == "camunda":
        # The Camunda parser leaves receive and send tasks to the base parser, which gives them the
        # plain BPMN message definition; CAMUNDA_CONFIG drops that class for its own subclass of the
        # same name, so such specs could not be stored. Keep it under a name of its own.
        MessageEventDefinitionConverter(MessageEventDefinition, registry, typename="BpmnMessageEventDefinition")
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
