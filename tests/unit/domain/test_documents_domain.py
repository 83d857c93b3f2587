"""Letter numbers, acting labels and document status: the plain rules behind signed documents."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from engine.domain.documents import DocumentInfo, NumberFormat, Slot, acting_label, default_key, key_problem
from engine.domain.errors import InvalidInput


def test_default_format_gives_code_sequence_unit_year() -> None:
    fmt = NumberFormat.parse(None)
    assert fmt.render(sequence=15, classification="000.8.3.3", unit="PUPR", day=date(2026, 3, 17)) \
        == "000.8.3.3/15/PUPR/2026"


def test_roman_month_and_padded_sequence() -> None:
    fmt = NumberFormat.parse("{kode}/{urut:03}/{unit}/{bulan}/{tahun}")
    assert fmt.render(sequence=7, classification="600.1", unit="DISHUB", day=date(2026, 12, 2)) \
        == "600.1/007/DISHUB/XII/2026"


@pytest.mark.parametrize("text, word", [
    ("{kode}/{nomor}", "nomor"),          # unknown field
    ("{kode}/{unit}", "{urut}"),          # no sequence: numbers could repeat
    ("{kode!r}/{urut}", "kode"),          # conversions are not allowed
    ("{kode:>10}/{urut}", "{urut}"),      # format specs only on the sequence
    ("{kode/{urut}", "tidak valid"),      # broken braces
])
def test_bad_formats_are_refused_with_the_reason(text: str, word: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        NumberFormat.parse(text)
    assert word in caught.value.message_id


def test_a_format_with_a_code_needs_the_document_classification() -> None:
    with pytest.raises(InvalidInput, match="klasifikasi"):
        NumberFormat.parse(None).render(sequence=1, classification=None, unit="PUPR", day=date(2026, 1, 2))
    assert NumberFormat.parse("{urut}/{unit}").render(sequence=1, classification=None, unit="PUPR",
                                                      day=date(2026, 1, 2)) == "1/PUPR"


def test_acting_labels() -> None:
    assert acting_label("Kepala Dinas", "definitif") == "Kepala Dinas"
    assert acting_label("Kepala Dinas", "plt") == "Plt. Kepala Dinas"
    assert acting_label("Sekretaris Daerah", "definitif", "Bupati Contoh") == "a.n. Bupati Contoh\nSekretaris Daerah"


def test_keys() -> None:
    assert default_key("ba-hasil-tindak-lanjut.html") == "ba_hasil_tindak_lanjut"
    assert key_problem("berita_acara") is None
    assert key_problem("Berita Acara") is not None
    assert key_problem("1abc") is not None


def test_status_follows_the_planned_fields() -> None:
    now = datetime(2026, 3, 17, tzinfo=UTC)
    doc = DocumentInfo(1, 1, 1, "x", "ba", "BA", "ba.html", "0" * 64, None, None, None, "draft", "0" * 64, 1,
                       (Slot("paraf_kabid", "paraf", "Kabid"), Slot("ttd_kadis", "sign", "Kadis")), now, now)
    assert doc.next_status(set()) == "draft"
    assert doc.next_status({"paraf_kabid"}) == "signing"
    assert doc.next_status({"paraf_kabid", "ttd_kadis"}) == "signed"
    assert doc.slot("ttd_kadis") == Slot("ttd_kadis", "sign", "Kadis")
    assert doc.slot("nope") is None
