"""Output documents end to end: render, sign at B-B and B-LTA, and verify, for a 1-page and a 20-page letter.

One run, side by side. Per size: the letter template (sandboxed Jinja2 -> WeasyPrint PDF/A-3b ->
signature and number fields) is rendered; the official signs it with a PKCS#12 (the paraf/number
path is the same cost) at B-B and at B-LTA (signature time stamp, validation data in the DSS,
document time stamp); each signed copy is verified (ETSI indication, revocation, modification
analysis). Every figure is the median of ``--runs`` runs (default 5) after one warm-up. The
development PKI (CRL, OCSP, TSA) is answered in process, so this measures Lintas, WeasyPrint and
pyHanko, not a CA's network latency. Also: the Berita Acara of the complaint process (2 pages).

Usage: python bench/documents.py [--runs 5] [--pages 1,20]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from signing.pki import DevPki, PkiService, Subject
from signing.render import Letterhead, RenderRequest, SignatureSlot, fill_number, render_document
from signing.sign import SignatureLevel, SigningRequest, StampContent, sign_document
from signing.signers import Pkcs12Signer
from signing.trust import TrustSettings
from signing.verify import verify

REPO = Path(__file__).resolve().parents[1]
PASSPHRASE = "frasa-bench-123"
KOP = Letterhead("Pemerintah Kabupaten Contoh", "Dinas Pekerjaan Umum dan Penataan Ruang",
                 "Jl. Raya Timur No. 12, Kota Contoh 40115", "Telp. (022) 555-0120 · pupr@contoh.go.id")
SLOTS = (SignatureSlot("ttd_kadis", "sign", "Kepala Dinas"),)
LETTER = """{% extends "lintas/surat.html" %}{% import "lintas/naskah.html" as naskah %}{% block isi %}
{{ naskah.tempat_tanggal("Kota Contoh", "2026-03-17") }}
{{ naskah.kepala_surat(hal="Laporan pemeliharaan jalan") }}
<p>Yth. Bupati Contoh<br>di Tempat</p>
{% for n in range(data.alinea) %}<p>{{ n + 1 }}. Pemeriksaan ruas jalan kabupaten, saluran drainase dan bahu jalan
di wilayah Kecamatan Kota menunjukkan kerusakan ringan yang ditangani tim pemeliharaan rutin dengan biaya
{{ (n * 1250000) | rupiah }} sesuai jadwal {{ "2026-03-18" | tanggal }}.</p>{% endfor %}
{{ naskah.blok_ttd("ttd_kadis", jabatan="Kepala Dinas", nama="Ir. Slamet Riyadi, M.T.", nip="196909081995031004") }}
{% endblock %}"""
PARAGRAPHS = {1: 3, 20: 242}          # paragraphs that fill 1 and 20 A4 pages
BA_DATA: dict[str, Any] = {
    "nama_pelapor": "Rudi Hartono", "kanal": "lapor", "nomor_tiket_lapor": "LAP-2026-0317-0042",
    "lokasi": "Jl. Merdeka km 3", "kecamatan": "Kota", "uraian": "Lubang besar di tengah jalan.",
    "tanggal_kejadian": "2026-03-15", "klasifikasi": "pengaduan", "tanggal_pemeriksaan": "2026-03-19",
    "tingkat_kerusakan": "ringan", "perkiraan_luas_m2": 2.5, "temuan": "Lubang 1,5 x 1,7 m sedalam 10 cm.",
    "rencana_tindakan": "Penambalan oleh tim pemeliharaan rutin.", "tanggal_rencana": "2026-03-23",
    "jawaban_pelapor": "Terima kasih atas laporan Saudara. Lubang akan ditambal mulai 23 Maret 2026.",
    "riwayat_status": [{"status": "Ditanggapi", "waktu": "2026-03-20T14:10:00+07:00"}],
}


def median_ms(action: Callable[[], Any], runs: int) -> tuple[float, Any]:
    result = action()                                    # warm-up: imports, font subsetting caches
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", default="1,20")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="lintas-documents-bench-"))
    (folder / "surat.html").write_text(LETTER, encoding="utf-8")
    pki = DevPki.create(folder / "pki", "http://127.0.0.1:9/pki", "Pemerintah Kabupaten Contoh")
    subject = Subject("Ir. Slamet Riyadi, M.T.", "Pemerintah Kabupaten Contoh", unit="Dinas PUPR",
                      title="Kepala Dinas", nip="196909081995031004")
    credential = pki.issue(subject, PASSPHRASE)
    trust = TrustSettings.from_dev_pki(PkiService(pki))
    signer = Pkcs12Signer(credential.pkcs12, certificate=credential.certificate)
    stamp = StampContent(subject.common_name, role="Kepala Dinas", nip=subject.nip,
                         verify_url="https://lintas.contoh.go.id/v/bench")

    def render(template_dir: Path, template: str, data: dict[str, Any], slots: tuple[SignatureSlot, ...]) -> bytes:
        return render_document(RenderRequest(
            template_dir=template_dir, template=template, data=data, letterhead=KOP, signatures=slots,
            verify_url="https://lintas.contoh.go.id/v/bench", issuer_name="Lintas DEV Issuing CA")).pdf

    def sign(pdf: bytes, level: SignatureLevel) -> bytes:
        request = SigningRequest("ttd_kadis", stamp, level=level,
                                 prepare=lambda writer: fill_number(writer, "600.1/15/PUPR/2026"))
        return sign_document(pdf, request, signer, PASSPHRASE, trust).pdf

    print(f"Documents, median of {args.runs} runs (ms); development PKI answered in process")
    print(f"{'document':<22} {'pages':>5} {'render':>8} {'sign B-B':>9} {'sign B-LTA':>11} "
          f"{'verify B-B':>11} {'verify B-LTA':>13} {'KB B-LTA':>9}  verdicts")
    for pages in (int(p) for p in args.pages.split(",")):
        alinea = {"alinea": PARAGRAPHS.get(pages, pages * 12)}
        render_ms, pdf = median_ms(partial(render, folder, "surat.html", alinea, SLOTS), args.runs)
        sign_bb, signed_bb = median_ms(partial(sign, pdf, SignatureLevel.B_B), args.runs)
        sign_lta, signed_lta = median_ms(partial(sign, pdf, SignatureLevel.B_LTA), args.runs)
        verify_bb, report_bb = median_ms(partial(verify, signed_bb, trust), args.runs)
        verify_lta, report_lta = median_ms(partial(verify, signed_lta, trust), args.runs)
        name = f"letter, {pages} page{'s' if pages > 1 else ''}"
        print(f"{name:<22} {pages:>5} {render_ms:>8.0f} {sign_bb:>9.0f} {sign_lta:>11.0f} {verify_bb:>11.0f} "
              f"{verify_lta:>13.0f} {len(signed_lta) / 1024:>9.0f}  "
              f"{report_bb.verdict.value}/{report_lta.verdict.value}")
    ba_dir = REPO / "processes" / "pengaduan-jalan-rusak" / "templates"
    ba_slots = (SignatureSlot("paraf_kabid", "paraf", "Kepala Bidang Bina Marga"),) + SLOTS
    ba_ms, _ = median_ms(lambda: render(ba_dir, "ba-hasil-tindak-lanjut.html", BA_DATA, ba_slots), args.runs)
    print(f"{'Berita Acara (render)':<22} {2:>5} {ba_ms:>8.0f}")


if __name__ == "__main__":
    main()
