"""Hardened XML parsing for uploaded BPMN: no DTDs or entities, no network, bounded size and depth.

Designers upload BPMN files from anywhere; a document type declaration has no place in BPMN, so we
refuse it before the parser ever sees it (billion laughs, external entities reading /etc/passwd).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
MAX_DEPTH = 256


@dataclass(frozen=True)
class XmlProblem(Exception):
    """Why a document was refused; ``line`` is 0 when unknown."""

    message_id: str
    message_en: str
    line: int = 0

    def __str__(self) -> str:
        where = f"baris {self.line}: " if self.line else ""
        return f"{where}{self.message_id} ({self.message_en})"


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )


def _normalized_for_scan(data: bytes) -> bytes:
    """Make UTF-16/32 documents scannable for markup by dropping NUL bytes."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00<" in data[:8] or b"<\x00" in data[:8]:
        return data.replace(b"\x00", b"")
    return data


def parse_xml(data: bytes, max_bytes: int) -> etree._Element:
    """Parse one XML document or raise XmlProblem with a clear reason."""
    if len(data) > max_bytes:
        raise XmlProblem(
            f"berkas terlalu besar: {len(data):,} byte, batas {max_bytes:,} byte",
            f"file too large: {len(data):,} bytes, limit {max_bytes:,} bytes",
        )
    if not data.strip():
        raise XmlProblem("berkas kosong", "empty file")
    if _DOCTYPE.search(_normalized_for_scan(data)):
        raise XmlProblem(
            "deklarasi DOCTYPE/ENTITY tidak diizinkan dalam BPMN",
            "DOCTYPE/ENTITY declarations are not allowed in BPMN",
        )
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or 0
        raise XmlProblem(f"XML tidak valid: {exc.msg}", f"malformed XML: {exc.msg}", line) from exc
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise XmlProblem("deklarasi DOCTYPE tidak diizinkan", "DOCTYPE declarations are not allowed")
    _check_depth(root)
    return root


def _check_depth(root: etree._Element) -> None:
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise XmlProblem(
                f"struktur XML terlalu dalam (lebih dari {MAX_DEPTH} tingkat)",
                f"XML nested too deeply (more than {MAX_DEPTH} levels)",
                node.sourceline or 0,
            )
        stack.extend((child, depth + 1) for child in node)
