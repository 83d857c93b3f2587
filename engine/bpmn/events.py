"""Helpers over SpiffWorkflow event definitions shared by the compiler and live instances."""

from __future__ import annotations

from typing import Any

from SpiffWorkflow.bpmn.specs.event_definitions.message import MessageEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.multiple import MultipleEventDefinition


def message_definitions(definition: Any) -> list[Any]:
    """The message definitions inside an event definition (a multiple event may hold several)."""
    if isinstance(definition, MessageEventDefinition):
        return [definition]
    if isinstance(definition, MultipleEventDefinition):
        return [d for d in definition.event_definitions if isinstance(d, MessageEventDefinition)]
    return []
