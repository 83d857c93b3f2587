"""Errors of the forms package, and the per-field error a clerk sees next to an input.

Every message is carried in Bahasa Indonesia first and English second; ``str()`` of an
exception reads "<Indonesian> (<English>)" so logs and the web layer show both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    """One problem with submitted data, pinned to the field it belongs to."""

    path: str  # "lokasi", "lampiran[0].nama"; "" for the whole form
    code: str  # the JSON Schema keyword that failed, e.g. "required", "minLength"
    message_id: str  # Bahasa Indonesia, shown first
    message_en: str  # English, the second locale

    def __str__(self) -> str:
        where = self.path or "(formulir)"
        return f"{where}: {self.message_id} ({self.message_en})"


class FormError(Exception):
    """Base of every error raised by ``forms``."""

    def __init__(self, message_id: str, message_en: str) -> None:
        super().__init__(message_id, message_en)
        self.message_id = message_id
        self.message_en = message_en

    def __str__(self) -> str:
        return f"{self.message_id} ({self.message_en})"


class FormSchemaError(FormError):
    """The form schema itself is unusable; ``problems`` lists everything found, not just the first.

    Each problem is a ready-to-show string "<Indonesian> (<English>)". When several forms were
    loaded at once (``load_forms_dir``), ``problems_by_form`` groups them per form id.
    """

    def __init__(
        self,
        form_id: str,
        problems: Sequence[str],
        problems_by_form: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        self.form_id = form_id
        self.problems = list(problems)
        self.problems_by_form = {k: list(v) for k, v in (problems_by_form or {form_id: problems}).items()}
        count = len(self.problems)
        super().__init__(
            f"Skema formulir '{form_id}' tidak dapat dipakai: " + "; ".join(self.problems),
            f"form schema '{form_id}' is unusable, {count} problem{'s' if count != 1 else ''}",
        )


class FormNotFound(FormError, KeyError):
    """No form with this id exists (also a ``KeyError`` so mapping look-ups behave as usual)."""

    def __init__(self, form_id: str) -> None:
        self.form_id = form_id
        super().__init__(
            f"Formulir '{form_id}' tidak ditemukan",
            f"form '{form_id}' not found",
        )

    # KeyError.__str__ would quote the args tuple; keep the house format.
    __str__ = FormError.__str__


class FormValidationError(FormError):
    """Submitted data failed validation; ``errors`` are ready to show next to the fields."""

    def __init__(self, errors: Sequence[FieldError]) -> None:
        self.errors = list(errors)
        count = len(self.errors)
        first = f": {self.errors[0]}" if self.errors else ""
        super().__init__(
            f"Data formulir tidak valid, {count} kesalahan{first}",
            f"form data is invalid, {count} error{'s' if count != 1 else ''}",
        )
