"""The FormEngine port implemented with the ``forms`` package (JSON Schema 2020-12)."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

import forms
from engine.domain.errors import FieldError


class JsonSchemaForms:
    """Keeps loaded forms by content so each schema is checked and compiled once per process."""

    def __init__(self) -> None:
        self._cache: dict[str, forms.Form] = {}
        self._lock = threading.Lock()

    def _form(self, form_id: str, schema: Mapping[str, Any]) -> forms.Form:
        key = f"{form_id}:{forms.content_hash(schema)}"
        with self._lock:
            found = self._cache.get(key)
        if found is None:
            found = forms.load_form(form_id, schema)
            with self._lock:
                if len(self._cache) > 512:
                    self._cache.clear()
                self._cache[key] = found
        return found

    def check(self, form_id: str, source: bytes | Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
        raw = source.decode("utf-8", errors="replace") if isinstance(source, bytes) else source
        try:
            form = forms.load_form(form_id, raw)
        except forms.FormSchemaError as exc:
            return {}, [str(p) for p in exc.problems] or [str(exc)]
        except forms.FormError as exc:
            return {}, [str(exc)]
        return dict(form.schema), []

    def validate(self, form_id: str, schema: Mapping[str, Any], data: Any) -> list[FieldError]:
        return [FieldError(e.path, e.code, e.message_id, e.message_en)
                for e in self._form(form_id, schema).validate(data)]

    def clean(self, form_id: str, schema: Mapping[str, Any], data: Mapping[str, Any]) -> dict[str, Any]:
        return self._form(form_id, schema).clean(data)
