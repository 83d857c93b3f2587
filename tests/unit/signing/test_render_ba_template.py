"""The complaint process's Berita Acara Hasil Tindak Lanjut renders from the process's own data."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from render_helpers import ISSUER, KOP, REPO, VERIFY_URL, pdf_tool, widgets

from signing.errors import TemplateError
from signing.render import RenderedDocument, RenderRequest, SignatureSlot, render_document

BUNDLE = REPO / "processes" / "pengaduan-jalan-rusak"
TEMPLATE = "ba-hasil-tindak-lanjut.html"
SLOTS = (SignatureSlot("paraf_kabid", "paraf", "Kepala Bidang Bina Marga"),
         SignatureSlot("ttd_kadis", "sign", "Kepala Dinas PUPR"))
# Variables the process scripts set (process.bpmn) and optional ones the caller may add (template header).
PROCESS_VARIABLES = {"status", "riwayat_status", "kelas_pengaduan", "ditutup_otomatis"}
CALLER_OPTIONAL = {"tanggal_berita_acara", "penandatangan", "tembusan", "tempat_surat"}

# A minor-damage case as the process holds it after "Persetujuan tindak lanjut: setujui".
RINGAN: dict[str, Any] = {
    "nama_pelapor": "Rudi Hartono", "kontak_pelapor": "0812-3456-7890", "kanal": "lapor",
    "nomor_tiket_lapor": "LPR-2026-03-0042", "lokasi": "Jl. Merdeka km 3, depan SD Negeri 2", "kecamatan": "Kota",
    "uraian": "Lubang besar di tengah jalan, sudah dua pengendara motor jatuh.", "tanggal_kejadian": "2026-03-15",
    "hasil_verifikasi": "verifikasi", "kelas_pengaduan": "normatif", "klasifikasi": "pengaduan",
    "instruksi_disposisi": "proses_lebih_lanjut", "urgensi": "segera",
    "tanggal_pemeriksaan": "2026-03-19", "tingkat_kerusakan": "ringan", "perkiraan_luas_m2": 2.5,
    "temuan": "Lubang 1,5 x 1,7 m sedalam 10 cm di lajur kiri.",
    "rencana_tindakan": "Penambalan oleh tim pemeliharaan rutin UPT Jalan Wilayah I.",
    "tanggal_rencana": "2026-03-23",
    "jawaban_pelapor": "Terima kasih atas laporan Saudara. Lubang akan ditambal oleh tim pemeliharaan rutin "
                       "mulai 23 Maret 2026.",
    "keputusan_kadis": "setujui", "status": "Ditanggapi", "ditutup_otomatis": False,
    "riwayat_status": [{"status": "Diterima", "waktu": "2026-03-17T09:00:00+07:00"},
                       {"status": "Ditanggapi", "waktu": "2026-03-20T14:10:00+07:00"}],
}


def _request(data: dict[str, Any], **extra: Any) -> RenderRequest:
    return RenderRequest(template_dir=BUNDLE / "templates", template=TEMPLATE, data=data, letterhead=KOP,
                         signatures=SLOTS, verify_url=VERIFY_URL, issuer_name=ISSUER,
                         title="Berita Acara Hasil Tindak Lanjut Pengaduan", **extra)


@pytest.fixture(scope="module")
def ringan() -> RenderedDocument:
    return render_document(_request(RINGAN))


def test_minor_damage_reply(ringan: RenderedDocument, tmp_path: Path) -> None:
    text = " ".join(pdf_tool("pdftotext", ringan.pdf, tmp=tmp_path).split())
    for expected in ("BERITA ACARA HASIL TINDAK LANJUT PENGADUAN", "Pada hari ini Jumat tanggal dua puluh bulan Maret "
                     "tahun dua ribu dua puluh enam (20 Maret 2026)", "Rudi Hartono", "SP4N-LAPOR!", "LPR-2026-03-0042",
                     "Jl. Merdeka km 3, depan SD Negeri 2, Kecamatan Kota", "15 Maret 2026", "19 Maret 2026",
                     "Ringan (pemeliharaan rutin)", "2,5 m²", "Penambalan oleh tim pemeliharaan rutin",
                     "23 Maret 2026", "Terima kasih atas laporan Saudara", "Contoh, 20 Maret 2026",
                     "Kepala Dinas Pekerjaan Umum dan Penataan Ruang,", "Sekretaris Daerah Kabupaten Contoh"):
        assert expected in text, expected
    assert "Program / sumber anggaran" not in text
    assert set(widgets(ringan.pdf)) == {"paraf_kabid", "ttd_kadis", "nomor_surat"}
    assert ringan.number_field is not None and ringan.number_field.page == 0


def test_major_damage_adds_the_budget(tmp_path: Path) -> None:
    data = {**RINGAN, "tingkat_kerusakan": "berat", "sumber_anggaran": "apbd_perubahan",
            "perkiraan_biaya": 185_000_000, "catatan_anggaran": "Sub-kegiatan Rehabilitasi Jalan, APBD-P 2026.",
            "penandatangan": {"nama": "Ir. Budi Santoso, M.T.", "nip": "19700101 199503 1 001"},
            "tanggal_berita_acara": "2026-03-31", "tembusan": ["Bupati Contoh"]}
    doc = render_document(_request(data))
    text = " ".join(pdf_tool("pdftotext", doc.pdf, tmp=tmp_path).split())
    for expected in ("Berat (rehabilitasi/rekonstruksi)", "Diusulkan dalam APBD Perubahan", "Rp185.000.000",
                     "Sub-kegiatan Rehabilitasi Jalan", "Ir. Budi Santoso, M.T.", "NIP 19700101 199503 1 001",
                     "Selasa tanggal tiga puluh satu bulan Maret", "Bupati Contoh"):
        assert expected in text, expected
    assert "Sekretaris Daerah" not in text


def test_genuinely_optional_fields_may_be_missing(tmp_path: Path) -> None:
    data = copy.deepcopy(RINGAN)
    for optional in ("kontak_pelapor", "nomor_tiket_lapor", "klasifikasi", "urgensi"):
        del data[optional]
    doc = render_document(_request({**data, "kanal": "loket"}))
    text = " ".join(pdf_tool("pdftotext", doc.pdf, tmp=tmp_path).split())
    assert "Nomor tiket LAPOR! : -" in text and "Loket pengaduan" in text


@pytest.mark.parametrize("required", ["nama_pelapor", "lokasi", "temuan", "jawaban_pelapor", "riwayat_status"])
def test_missing_required_data_is_a_clear_error(required: str) -> None:
    data = {key: value for key, value in RINGAN.items() if key != required}
    with pytest.raises(TemplateError) as caught:
        render_document(_request(data))
    assert required in str(caught.value) and caught.value.template == TEMPLATE


def test_every_data_field_the_template_reads_exists_in_the_process() -> None:
    source = (BUNDLE / "templates" / TEMPLATE).read_text(encoding="utf-8")
    read = set(re.findall(r"data\.(?!get\b)(\w+)", source)) | set(re.findall(r'data\.get\("(\w+)"', source))
    form_fields = {name for form in (BUNDLE / "forms").glob("*.json")
                   for name in json.loads(form.read_text(encoding="utf-8"))["properties"]}
    assert read - form_fields - PROCESS_VARIABLES - CALLER_OPTIONAL == set()
    assert {"nama_pelapor", "lokasi", "kecamatan", "uraian", "tanggal_kejadian", "temuan", "jawaban_pelapor"} <= read


def test_number_given_at_render(tmp_path: Path) -> None:
    doc = render_document(_request(RINGAN, number="600/15/PUPR/2026"))
    assert "Nomor: 600/15/PUPR/2026" in pdf_tool("pdftotext", doc.pdf, tmp=tmp_path)
    assert doc.number_field is None
