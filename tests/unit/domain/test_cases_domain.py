"""Attachment sniffing and names, file fields in form data, README descriptions, timeline sentences."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from engine.domain.attachments import (
    PDF,
    PNG,
    FileTypeRefused,
    check_type,
    clean_name,
    parse_accept,
    parse_token,
    sniff,
)
from engine.domain.timeline import Names, describe
from engine.domain.views import AuditEntry
from engine.services.attachment_tokens import file_fields
from engine.services.catalog import first_paragraph
from tests.integration.cases_support import jpeg, ooxml, pdf, png


def test_sniffing_reads_signatures_not_claims() -> None:
    assert (sniff(pdf()), sniff(png()), sniff(jpeg())) == (PDF, PNG, "image/jpeg")
    assert sniff(b"%PDF-1.7\n<html>no end") is None
    assert sniff(b"\x89PNG\r\n\x1a\nnot a chunk") is None
    assert sniff(b"PK\x03\x04 broken zip") is None
    assert sniff(ooxml("application/xml", "data.xml")) is None
    assert sniff(b"") is None


def test_names_lose_paths_and_control_characters_and_take_the_real_extension() -> None:
    assert clean_name("C:\\Users\\budi\\Foto Jalan.PDF", PNG) == "Foto Jalan.png"
    assert clean_name("laporan.final.pdf", PDF) == "laporan.final.pdf"
    assert clean_name("  ..rahasia  ", PDF) == "rahasia.pdf"
    assert clean_name(None, PDF) == "lampiran.pdf"
    assert clean_name("x" * 300 + ".pdf", PDF) == "x" * 116 + ".pdf"
    assert clean_name("berkas\u202egnp.pdf", PDF) == "berkasgnp.pdf"      # right-to-left override dropped


def test_accept_lists_and_tokens() -> None:
    assert parse_accept("application/pdf, image/*") == {PDF, PNG, "image/jpeg"}
    assert parse_accept(" ") is None
    assert parse_accept("text/html") == frozenset()
    with pytest.raises(FileTypeRefused, match="diterima: -"):
        check_type(PDF, frozenset())
    assert [parse_token(v) for v in ("lmp-12", "lmp-0", "lmp-12x", 12, "LMP-3")] == [12, None, None, None, None]


def test_file_fields_are_found_through_refs_arrays_and_optional_types() -> None:
    schema = {
        "$defs": {"berkas": {"type": "string", "format": "lintas-lampiran", "contentMediaType": "image/png"}},
        "type": "object",
        "properties": {
            "surat": {"anyOf": [{"type": "string", "format": "lintas-lampiran"}, {"type": "null"}]},
            "foto": {"type": "array", "items": {"type": "object", "properties": {"isi": {"$ref": "#/$defs/berkas"}}}},
            "catatan": {"type": "string"},
        },
    }
    data = {"surat": "lmp-1", "foto": [{"isi": "lmp-2"}, {}, {"isi": "lmp-3"}], "catatan": "lmp-9"}
    assert list(file_fields(schema, data)) == [
        ("surat", "lmp-1", None), ("foto[0].isi", "lmp-2", "image/png"), ("foto[2].isi", "lmp-3", "image/png")]
    assert list(file_fields(schema, {"surat": None})) == []
    assert list(file_fields(None, data)) == []


def test_first_paragraph_of_a_readme() -> None:
    readme = "# Judul\n\n- butir\n- butir\n\nParagraf pertama\nberlanjut di sini.\n\nParagraf kedua."
    assert first_paragraph(readme) == "Paragraf pertama berlanjut di sini."
    assert first_paragraph("# Hanya judul\n") is None
    assert first_paragraph(None) is None


def test_timeline_sentences_for_unknown_and_system_entries() -> None:
    names = Names("p", "Proses Uji", "Asia/Makassar", people={"budi": "Budi Santoso"}, elements={"t": "Tugas A"})

    def entry(what: str, actor: str | None = None, element: str | None = None, **summary: object) -> AuditEntry:
        return AuditEntry(1, 1, datetime(2026, 4, 14, 2, tzinfo=UTC), actor, what, None, element, dict(summary),
                          "0", "1")

    returned = describe(entry("task_returned", "budi", "t", reason="Foto kurang jelas"), names)
    assert (returned.text_id, returned.text_en) == (
        "Budi Santoso mengembalikan tugas 'Tugas A'; alasan: Foto kurang jelas",
        "Budi Santoso returned task 'Tugas A'; reason: Foto kurang jelas")
    resumed = describe(entry("sla_resumed", None, "p", due="2026-04-20T08:00:00+00:00"), names)
    assert resumed.text_id == "Tenggat 'Proses Uji' berjalan lagi, kini sampai 20/04/2026 16:00 WITA"
    assert resumed.actor_name is None
    odd = describe(entry("something_new", "siapa"), names)
    assert (odd.kind, odd.text_id, odd.actor_name) == ("other", "siapa: something_new", "siapa")
    breached = describe(entry("sla_breached", None, "t", level=2, action="escalate:SETDA/Sekretaris Daerah"), names)
    assert breached.text_id == "Tenggat 'Tugas A' terlewati (pelanggaran ke-2); dieskalasi ke SETDA/Sekretaris Daerah"
