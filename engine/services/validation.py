"""Checks submitted data against a task's or start event's form before anything changes."""

from __future__ import annotations

import json
from typing import Any

from engine.domain.errors import InvalidInput, ValidationFailed
from engine.ports import FormEngine


def check_json_size(value: Any, max_bytes: int) -> None:
    """Refuse values that are not JSON or larger than the limit, before anything is stored."""
    try:
        size = len(json.dumps(value, ensure_ascii=False).encode("utf-8"))
    except (TypeError, ValueError) as exc:
        raise InvalidInput("data tidak dapat disimpan sebagai JSON", "data is not JSON-serialisable") from exc
    if size > max_bytes:
        raise InvalidInput(f"data terlalu besar: {size:,} byte, batas {max_bytes:,} byte",
                           f"data too large: {size:,} bytes, limit {max_bytes:,} bytes")


def check_data(forms: FormEngine, form_id: str | None, schemas: dict[str, Any], data: Any,
               max_bytes: int) -> dict[str, Any]:
    """Return the data to store, or raise with field-level errors (Indonesian first)."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InvalidInput("data harus berupa objek JSON", "data must be a JSON object")
    check_json_size(data, max_bytes)
    if form_id is None:
        return dict(data)
    schema = schemas.get(form_id)
    if schema is None:
        raise InvalidInput(f"formulir '{form_id}' tidak ada pada versi proses ini",
                           f"form '{form_id}' is missing from this process version")
    errors = forms.validate(form_id, schema, data)
    if errors:
        raise ValidationFailed(errors)
    return forms.clean(form_id, schema, data)
