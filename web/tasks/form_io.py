"""A JSON Schema form on a page: drawn by ``forms.render``, read back by ``forms.parse``, with uploads.

Shared by the task page and the start page. File fields are uploaded in the same multipart POST:
every new file is checked first (size and type by content, against its field's
``contentMediaType``) and only when all pass are they stored, so a refused file leaves nothing
behind; the stored attachment's ``"lmp-<id>"`` token goes into the data at the field's path.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from flask import request, url_for
from markupsafe import Markup

from engine.domain import attachments as files
from engine.domain.errors import InvalidInput
from engine.services.attachment_tokens import file_fields
from forms.errors import FieldError
from forms.parse import merge_errors, parse_form
from forms.render import needs_multipart, render_form
from forms.schema import load_form
from forms.widgets import form_fields
from web.context import lintas
from web.i18n import language_code, zone_key

PREFIX = "isian."
_PLACEHOLDER = "lmp-1"


@dataclass
class Submission:
    """What came back from the page: the data to submit, the field errors to show, or a row action."""

    data: dict[str, Any]
    errors: list[Any] = field(default_factory=list)
    action: str | None = None
    stored: dict[str, str] = field(default_factory=dict)    # new attachment tokens -> names

    @property
    def ready(self) -> bool:
        return self.action is None and not self.errors


def draw(schema: Mapping[str, Any], data: Mapping[str, Any] | None, errors: list[Any] | None,
         attachments: Mapping[str, str]) -> Markup:
    return render_form(schema, data, errors or [], locale=language_code(), prefix=PREFIX,
                       attachments=attachments, attachment_url=attachment_link, zone=ZoneInfo(zone_key()))


def attachment_link(token: str) -> str:
    """Where a file field's stored attachment (``"lmp-<id>"``) can be downloaded."""
    found = files.parse_token(token)
    return url_for("documents.attachment", attachment_id=found) if found is not None else "#"


def multipart(schema: Mapping[str, Any] | None) -> bool:
    return bool(schema) and needs_multipart(schema or {})


def has_fields(schema: Mapping[str, Any] | None) -> bool:
    return bool(schema) and bool(form_fields(schema or {})[1])


def read(schema: Mapping[str, Any], *, instance_id: int | None, username: str, current: Mapping[str, Any],
         attachments: Mapping[str, str]) -> Submission:
    """Parse the posted form, store its new files (all or none) and check it against the schema."""
    parsed = parse_form(schema, request.form, request.files, prefix=PREFIX, locale=language_code(),
                        current=current, attachments=attachments, zone=ZoneInfo(zone_key()))
    result = Submission(parsed.data, list(parsed.errors), parsed.action)
    uploads = {path: upload for path, upload in parsed.files.items() if getattr(upload, "filename", "")}
    if uploads:
        accepts = _accepts(schema, parsed.data, parsed.attach, list(uploads))
        contents, refused = _check(uploads, accepts)
        if refused:
            result.errors = merge_errors(schema, refused, [*result.errors, *_validate(schema, result.data)])
            return result
        for path, (name, content) in contents.items():
            ref = lintas().attachments.store(instance_id, as_user=username, filename=name, data=content,
                                             accept=accepts.get(path))
            parsed.attach(path, ref.token)
            result.stored[ref.token] = ref.name
        result.data = parsed.data
    if result.action is None and result.errors:      # one list: what could not be read, then the rest
        result.errors = merge_errors(schema, result.errors, _validate(schema, result.data))
    return result


def _validate(schema: Mapping[str, Any], data: dict[str, Any]) -> list[FieldError]:
    return load_form("isian", schema).validate(data)


def _accepts(schema: Mapping[str, Any], data: dict[str, Any], attach: Callable[[str, str], None],
             paths: list[str]) -> dict[str, str | None]:
    """Each upload's ``contentMediaType``, found by putting a token at its path and walking the schema."""
    saved = copy.deepcopy(data)
    for path in paths:
        attach(path, _PLACEHOLDER)
    found = {path: accept for path, value, accept in file_fields(schema, data) if value == _PLACEHOLDER}
    data.clear()
    data.update(saved)
    return {path: found.get(path) for path in paths}


def _check(uploads: Mapping[str, Any], accepts: Mapping[str, str | None]
           ) -> tuple[dict[str, tuple[str, bytes]], list[FieldError]]:
    """Read each upload (never more than the limit plus one byte) and check its size and type by content."""
    limit = lintas().settings.max_upload_bytes
    contents: dict[str, tuple[str, bytes]] = {}
    refused: list[FieldError] = []
    for path, upload in uploads.items():
        content = upload.stream.read(limit + 1)
        if len(content) > limit:
            size = _megabytes(limit)
            refused.append(FieldError(path, "file_too_large", f"Berkas terlalu besar; batasnya {size} MB.",
                                      f"The file is too large; the limit is {size} MB."))
            continue
        try:
            files.check_size(len(content), limit)
            files.check_type(files.sniff(content), files.parse_accept(accepts.get(path)))
        except InvalidInput as exc:
            refused.append(FieldError(path, exc.code, _sentence(exc.message_id), _sentence(exc.message_en)))
            continue
        contents[path] = (str(upload.filename), content)
    return contents, refused


def _megabytes(limit: int) -> str:
    value = limit / (1024 * 1024)
    return f"{value:.0f}" if value >= 1 else f"{value:.2f}".replace(".", ",")


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
