"""Document rendering time: the complaint process's Berita Acara, a 1-page letter and a 20-page document.

Each document goes through render_document (template -> HTML -> WeasyPrint PDF/A-3b -> pyHanko
fields); one warm-up run, then the median of N runs. Also shows where a run's time goes
(template, layout + PDF, fields) for the 20-page document, and what fill_number costs.

Usage: python bench/render.py [--runs 5]
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from signing.render import Letterhead, RenderRequest, SignatureSlot, fill_number, render_document
from signing.render.fields import add_fields
from signing.render.layout import lay_out
from signing.render.templating import render_html

REPO = Path(__file__).resolve().parents[1]
KOP = Letterhead("Pemerintah Kabupaten Contoh", "Dinas Pekerjaan Umum dan Penataan Ruang",
                 "Jl. Veteran No. 1, Contoh 12345", "Telepon (0123) 456789, Pos-el dpupr@contoh.go.id")
SLOTS = (SignatureSlot("paraf_kabid", "paraf", "Kepala Bidang Bina Marga"),
         SignatureSlot("ttd_kadis", "sign", "Kepala Dinas PUPR"))
LETTER = """{% extends "lintas/surat.html" %}{% import "lintas/naskah.html" as naskah %}{% block isi %}
{{ naskah.tempat_tanggal("Contoh", "2026-03-17") }}{{ naskah.kepala_surat(hal="Laporan pemeliharaan jalan") }}
<p>Yth. Bupati Contoh<br>di Tempat</p>
{% for n in range(data.alinea) %}<p>{{ n + 1 }}. Pemeriksaan ruas jalan kabupaten, saluran drainase dan bahu jalan
di wilayah Kecamatan Kota menunjukkan kerusakan ringan yang ditangani tim pemeliharaan rutin dengan biaya
{{ (n * 1250000) | rupiah }} sesuai jadwal {{ "2026-03-18" | tanggal }}.</p>{% endfor %}
<p>Paraf {{ paraf("paraf_kabid") }}</p>
{{ naskah.blok_ttd("ttd_kadis", jabatan="Kepala Dinas", nama="Ir. Budi Santoso, M.T.", nip="197001011995031001") }}
{% endblock %}"""
BA_DATA: dict[str, Any] = {
    "nama_pelapor": "Rudi Hartono", "kanal": "lapor", "nomor_tiket_lapor": "LPR-2026-03-0042",
    "lokasi": "Jl. Merdeka km 3", "kecamatan": "Kota", "uraian": "Lubang besar di tengah jalan.",
    "tanggal_kejadian": "2026-03-15", "klasifikasi": "pengaduan", "tanggal_pemeriksaan": "2026-03-19",
    "tingkat_kerusakan": "ringan", "perkiraan_luas_m2": 2.5, "temuan": "Lubang 1,5 x 1,7 m sedalam 10 cm.",
    "rencana_tindakan": "Penambalan oleh tim pemeliharaan rutin.", "tanggal_rencana": "2026-03-23",
    "jawaban_pelapor": "Terima kasih atas laporan Saudara. Lubang akan ditambal mulai 23 Maret 2026.",
    "riwayat_status": [{"status": "Ditanggapi", "waktu": "2026-03-20T14:10:00+07:00"}],
}


def request(template_dir: Path, template: str, data: dict[str, Any]) -> RenderRequest:
    return RenderRequest(template_dir=template_dir, template=template, data=data, letterhead=KOP, signatures=SLOTS,
                         verify_url="https://lintas.contoh.go.id/verifikasi/7f3a9c0d",
                         issuer_name="Balai Besar Sertifikasi Elektronik (BSrE), BSSN")


def median_ms(action: Callable[[], object], runs: int) -> float:
    action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    bundle = Path(tempfile.mkdtemp(prefix="lintas-render-"))
    (bundle / "surat.html").write_text(LETTER, encoding="utf-8")
    cases = {
        "BA hasil tindak lanjut": request(REPO / "processes" / "pengaduan-jalan-rusak" / "templates",
                                          "ba-hasil-tindak-lanjut.html", BA_DATA),
        "letter, 1 page": request(bundle, "surat.html", {"alinea": 3}),
        "letter, 20 pages": request(bundle, "surat.html", {"alinea": 242}),
    }
    print(f"render_document, median of {runs} (after one warm-up)")
    for label, req in cases.items():
        pages = render_document(req).page_count
        print(f"  {label:<24} {pages:>3} pages  {median_ms(lambda r=req: render_document(r), runs):8.1f} ms")

    big = cases["letter, 20 pages"]
    html = render_html(big).html
    laid = lay_out(html, big.template_dir, big.signatures, want_number=True)
    print("20-page document by stage:")
    print(f"  template (Jinja2)        {median_ms(lambda: render_html(big), runs):8.1f} ms")
    print(f"  layout + PDF (WeasyPrint){median_ms(lambda: lay_out(html, bundle, SLOTS, True), runs):8.1f} ms")
    print(f"  fields (pyHanko)         "
          f"{median_ms(lambda: add_fields(laid.pdf, SLOTS, laid.fields, laid.number_field, ''), runs):8.1f} ms")
    pdf = render_document(cases["BA hasil tindak lanjut"]).pdf

    def fill() -> None:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        fill_number(writer, "000.8.3.3/15/PUPR/2026")
        writer.write(io.BytesIO())
    print(f"fill_number + write (BA)   {median_ms(fill, runs):8.1f} ms")


if __name__ == "__main__":
    main()
