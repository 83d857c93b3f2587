"""The demo's sample case: one road-damage complaint taken through every step to a signed reply.

``lintas serve --demo`` runs it once on a fresh demo database, so a newcomer finds a complaint with
a Berita Acara initialled by the Kepala Bidang and signed (B-LTA) by the Kepala Dinas, and can open
its verification page, before moving a second complaint through the steps themselves. The people
act as they would in the inbox: every step goes through the same services the clerks use.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from engine.domain.documents import DocumentInfo
from engine.domain.errors import LintasError
from engine.services.documents import DocumentService
from engine.services.instances import InstanceService
from engine.services.jobs import JobService
from engine.services.work_items import WorkItemService

KEY = "pengaduan-jalan-rusak"
REPORT = {
    "nama_pelapor": "Rudi Hartono", "kontak_pelapor": "0812-3456-7890", "kanal": "lapor",
    "nomor_tiket_lapor": "LAP-DEMO-0001", "lokasi": "Jl. Merdeka km 3, depan SD Negeri 2", "kecamatan": "Kota",
    "uraian": "Lubang besar di tengah jalan, sudah dua pengendara motor terjatuh.", "tanggal_kejadian": "2026-03-15",
}
STEPS: tuple[tuple[str, str, dict[str, Any]], ...] = (
    ("admin.pengaduan", "Task_Verifikasi", {"hasil_verifikasi": "verifikasi", "klasifikasi": "pengaduan"}),
    ("kadis.pupr", "Task_Disposisi", {"instruksi_disposisi": "proses_lebih_lanjut", "urgensi": "segera",
                                      "catatan_disposisi": "Segera periksa lokasi."}),
    ("staf.binamarga", "Task_PemeriksaanLapangan", {"tanggal_pemeriksaan": "2026-03-18", "tingkat_kerusakan": "ringan",
                                                    "perkiraan_luas_m2": 2.5,
                                                    "temuan": "Satu lubang diameter 1 m, kedalaman 15 cm."}),
    ("kabid.binamarga", "Task_SusunRingan", {"rencana_tindakan": "Penambalan oleh tim pemeliharaan rutin UPTD Jalan.",
                                             "tanggal_rencana": "2026-03-23",
                                             "jawaban_pelapor": "Terima kasih. Lubang akan ditambal 23 Maret 2026."}),
    ("kadis.pupr", "Task_Persetujuan", {"keputusan_kadis": "setujui"}),
)
SIGNERS = (("kabid.binamarga", "Task_ParafBA"), ("kadis.pupr", "Task_TandaTanganBA"))
# The steps' names as the inbox shows them (the BPMN labels), for the walk ``serve --demo`` prints.
STEP_NAMES = {
    "Task_Verifikasi": "Verifikasi laporan",
    "Task_Disposisi": "Disposisi ke Bidang Bina Marga",
    "Task_PemeriksaanLapangan": "Pemeriksaan lapangan",
    "Task_SusunRingan": "Susun tindak lanjut (kerusakan ringan)",
    "Task_Persetujuan": "Persetujuan tindak lanjut",
    "Task_ParafBA": "Paraf Berita Acara",
    "Task_TandaTanganBA": "Tanda tangani Berita Acara",
}


def walk_guide() -> list[tuple[str, str]]:
    """(username, what to do) for a person walking a new complaint through the web app by hand."""
    guide = [("admin.pengaduan", "Mulai Layanan → Pengaduan Jalan Rusak (start form / formulir pengaduan)")]
    guide += [(user, STEP_NAMES[element]) for user, element, _data in STEPS]
    guide += [(user, f"{STEP_NAMES[element]} (frasa sandi / passphrase)") for user, element in SIGNERS]
    guide.append(("admin.pengaduan", "Kasus → Dokumen → Halaman verifikasi (verification page)"))
    return guide


@dataclass(frozen=True)
class SampleCase:
    instance_id: int
    document: DocumentInfo


def walk_sample_complaint(instances: InstanceService, work_items: WorkItemService, jobs: JobService,
                          documents: DocumentService, passphrase: str) -> SampleCase:
    case = instances.start(KEY, as_user="admin.pengaduan", data=REPORT, business_key=REPORT["nomor_tiket_lapor"])
    for user, element, data in STEPS:
        work_items.complete(_task(work_items, user, case.id, element), as_user=user, data=data)
    jobs.run_due()                                   # the Berita Acara is rendered by the step job
    signed = None
    for user, element in SIGNERS:
        signed = documents.sign(_task(work_items, user, case.id, element), as_user=user, passphrase=passphrase)
    assert signed is not None
    return SampleCase(case.id, signed.document)


def _task(work_items: WorkItemService, user: str, instance_id: int, element: str) -> int:
    for item in work_items.inbox(user):
        if item.instance_id == instance_id and item.element_id == element:
            return item.id
    raise LintasError(f"contoh demo: tugas {element} tidak ada di kotak masuk {user}",
                      f"demo sample: task {element} is not in {user}'s inbox")
