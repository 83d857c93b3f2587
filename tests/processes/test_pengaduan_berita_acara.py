"""The complaint's Berita Acara Hasil Tindak Lanjut: rendered once, initialled, signed, numbered, valid.

The document step sits inside the Tindak Lanjut subprocess; it must be rendered exactly once (the
engine meets a subprocess's ready steps twice when it walks the whole tree). poppler reads the
result as a reader would: the complainant's name, the letter number, two intact signatures.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from engine.bootstrap import Lintas
from tests.integration.signing.sign_fixtures import require_tool
from tests.processes.test_pengaduan_jalan_rusak import (
    ADMIN,
    DRAF_RINGAN,
    KABID,
    KADIS,
    LAPORAN,
    SETUJUI,
    approve,
    do,
    items_for,
    task_for,
    until_draft,
)


def poppler(tool: str, pdf: bytes, tmp_path: Path, *args: str) -> str:
    path = tmp_path / "ba.pdf"
    path.write_bytes(pdf)
    tail = ["-"] if tool == "pdftotext" else []
    return subprocess.run([require_tool(tool, "poppler-utils"), *args, str(path), *tail],
                          capture_output=True, text=True, check=False).stdout


def test_berita_acara_is_rendered_once_signed_numbered_and_valid(app: Lintas, tmp_path: Path) -> None:
    view = until_draft(app)
    do(app, KABID, view.id, "Task_SusunRingan", DRAF_RINGAN)
    view = approve(app, view.id)
    assert view.data["status"] == "Ditanggapi"
    rendered = [e for e in app.instances.trail(view.id) if e.action == "document_rendered"]
    assert [e.element_id for e in rendered] == ["Service_BeritaAcara"]
    [doc] = app.documents.for_instance(view.id)
    assert (doc.key, doc.status, doc.number) == ("berita_acara", "signed", "000.8.3.3/1/PUPR/2026")
    assert view.data["dokumen"]["berita_acara"]["nomor"] == doc.number
    assert app.documents.verify(doc.id).verdict == "VALID"
    pdf = app.documents.content(doc.id)[1]
    text = poppler("pdftotext", pdf, tmp_path)
    for expected in (LAPORAN["nama_pelapor"], doc.number, "BERITA ACARA HASIL TINDAK LANJUT",
                     "DINAS PEKERJAAN UMUM DAN PENATAAN RUANG", doc.public_id):
        assert expected in " ".join(text.split()), expected
    checks = poppler("pdfsig", pdf, tmp_path)
    for field in ("paraf_kabid", "ttd_kadis"):
        block = checks.split(f"Signature Field Name: {field}")[1].split("Signature #")[0]
        assert "Signature is Valid." in block, checks
    task_for(app, ADMIN, view.id, "Task_TanggapanPelapor")


def test_a_reopened_complaint_gets_a_second_berita_acara_and_the_first_stands(app: Lintas) -> None:
    view = until_draft(app)
    do(app, KABID, view.id, "Task_SusunRingan", DRAF_RINGAN)
    view = approve(app, view.id)
    do(app, ADMIN, view.id, "Task_TanggapanPelapor", {"tanggapan_pelapor": "tidak_puas",
                                                      "tanggal_tanggapan": "2026-03-23",
                                                      "alasan_tidak_puas": "Belum ditambal."})
    do(app, KABID, view.id, "Task_SusunRingan", DRAF_RINGAN)
    view = approve(app, view.id)
    first, second = app.documents.for_instance(view.id)
    assert (first.status, second.status) == ("signed", "signed")
    assert (first.number, second.number) == ("000.8.3.3/1/PUPR/2026", "000.8.3.3/2/PUPR/2026")
    assert view.data["dokumen"]["berita_acara"]["id"] == second.id


def test_the_kepala_dinas_cannot_sign_before_the_paraf_task_is_done(app: Lintas) -> None:
    view = until_draft(app)
    do(app, KABID, view.id, "Task_SusunRingan", DRAF_RINGAN)
    do(app, KADIS, view.id, "Task_Persetujuan", SETUJUI)
    assert items_for(app, KABID, view.id) == []           # nothing to initial until the job rendered it
    app.jobs.run_due()
    assert [(w.kind, w.bucket) for w in items_for(app, KABID, view.id)] == [("paraf", "paraf")]
    assert items_for(app, KADIS, view.id) == []

