"""File fields in submitted form data must name attachments of the same case.

A file field (``"format": "lintas-lampiran"``) holds ``"lmp-<id>"``. Without this check a clerk
could submit another case's (or another pemda's) attachment id and have it shown as evidence on
this one. Task completions check against the instance; start forms check against the starter's
own not-yet-linked uploads, which the start then links to the new instance.

``check_attachment_tokens`` is what completion paths call; it only reads.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from engine.domain.attachments import FILE_FORMAT, LABELS, AttachmentRef, parse_accept, parse_token
from engine.domain.errors import FieldError, ValidationFailed
from engine.persistence.uow import UnitOfWork

_MAX_DEPTH = 32


def file_fields(schema: Mapping[str, Any] | None, data: Any) -> Iterator[tuple[str, Any, str | None]]:
    """(field path, submitted value, contentMediaType) of every file field present in ``data``."""
    if schema:
        yield from _walk(schema, schema, data, "", 0)


def _resolve(root: Mapping[str, Any], node: Mapping[str, Any]) -> Mapping[str, Any]:
    ref = node.get("$ref")
    if not isinstance(ref, str) or not ref.startswith("#/"):
        return node
    target: Any = root
    for part in ref[2:].split("/"):
        target = target.get(part.replace("~1", "/").replace("~0", "~")) if isinstance(target, Mapping) else None
    return target if isinstance(target, Mapping) else node


def _walk(root: Mapping[str, Any], node: Any, value: Any, path: str,
          depth: int) -> Iterator[tuple[str, Any, str | None]]:
    if not isinstance(node, Mapping) or depth > _MAX_DEPTH or value is None:
        return
    node = _resolve(root, node)
    if node.get("format") == FILE_FORMAT:
        accept = node.get("contentMediaType")
        yield path, value, accept if isinstance(accept, str) else None
        return
    for keyword in ("allOf", "anyOf", "oneOf"):
        for sub in node.get(keyword) or ():
            yield from _walk(root, sub, value, path, depth + 1)
    for keyword in ("then", "else"):
        yield from _walk(root, node.get(keyword), value, path, depth + 1)
    if isinstance(value, Mapping):
        for name, sub in (node.get("properties") or {}).items():
            if name in value:
                yield from _walk(root, sub, value[name], f"{path}.{name}" if path else name, depth + 1)
    elif isinstance(value, list) and isinstance(node.get("items"), Mapping):
        for i, element in enumerate(value):
            yield from _walk(root, node["items"], element, f"{path}[{i}]", depth + 1)


def check_attachment_tokens(uow: UnitOfWork, instance_id: int | None, data: Mapping[str, Any] | None,
                            schema: Mapping[str, Any] | None, *, starter_id: int | None = None) -> list[AttachmentRef]:
    """The attachments ``data``'s file fields name, or ValidationFailed with one error per bad field.

    With ``instance_id`` each must belong to that instance; with ``instance_id=None`` (a start form)
    each must be an unlinked upload of ``starter_id``. Types are checked against the field's
    ``contentMediaType`` too, since the upload may have been made for another field.
    """
    wanted: list[tuple[str, int | None, str | None]] = []
    seen: set[tuple[str, int | None]] = set()
    for path, value, accept in file_fields(schema, data or {}):
        if value == "":
            continue                     # an optional file field left empty
        key = (path, parse_token(value))
        if key not in seen:
            seen.add(key)
            wanted.append((path, key[1], accept))
    if not wanted:
        return []
    found = {r.ref.id: r for r in uow.cases.attachments([i for _, i, _ in wanted if i is not None])}
    errors: list[FieldError] = []
    refs: list[AttachmentRef] = []
    for path, attachment_id, accept in wanted:
        record = found.get(attachment_id) if attachment_id is not None else None
        if attachment_id is None:
            errors.append(FieldError(path, "attachment", "Lampiran tidak dikenali (unggah berkasnya lagi).",
                                     "Not a known attachment (upload the file again)."))
        elif record is None or record.instance_id != instance_id or (
                instance_id is None and record.uploader_id != starter_id):
            errors.append(FieldError(path, "attachment", "Lampiran ini bukan milik kasus ini.",
                                     "This attachment does not belong to this case."))
        elif (allowed := parse_accept(accept)) is not None and record.ref.media_type not in allowed:
            names = ", ".join(sorted(LABELS[t] for t in allowed)) or "-"
            errors.append(FieldError(path, "attachment",
                                     f"Jenis berkas tidak diterima di sini; yang diterima: {names}.",
                                     f"This file type is not accepted here; accepted: {names}."))
        else:
            refs.append(record.ref)
    if errors:
        raise ValidationFailed(errors)
    return list({r.id: r for r in refs}.values())
