"""The complaint's instance page on the demo organisation: the timeline of a full walk to a signed
Berita Acara, the diagram's marks along the way, who may read the case, and who may start one."""

from __future__ import annotations

import pytest

from engine.bootstrap import Lintas
from engine.domain.errors import PermissionDenied
from tests.conftest import FixedClock
from tests.processes.test_pengaduan_jalan_rusak import (
    ADMIN,
    DISPOSISI,
    DRAF_RINGAN,
    KABID,
    KADIS,
    PEMERIKSAAN_RINGAN,
    STAF,
    approve,
    do,
    start,
)

NAMES = {ADMIN: "Nur Aini Safitri, A.Md.", KADIS: "Ir. Slamet Riyadi, M.T.", KABID: "Siti Rahmawati, S.T., M.T.",
         STAF: "Andi Saputra, S.T."}
BA = "Berita Acara Hasil Tindak Lanjut Pengaduan"


def marks(app: Lintas, case: int) -> tuple[set[str], set[str]]:
    diagram = app.cases.diagram(case, as_user=ADMIN)
    assert diagram.failed == ()
    return set(diagram.completed), set(diagram.active)


def test_timeline_of_a_complaint_walked_to_a_signed_berita_acara(app: Lintas) -> None:
    view = start(app)
    do(app, ADMIN, view.id, "Task_Verifikasi", {"hasil_verifikasi": "verifikasi", "klasifikasi": "pengaduan"})
    do(app, KADIS, view.id, "Task_Disposisi", DISPOSISI)
    do(app, STAF, view.id, "Task_PemeriksaanLapangan", PEMERIKSAAN_RINGAN)
    do(app, KABID, view.id, "Task_SusunRingan", DRAF_RINGAN)
    approve(app, view.id)
    do(app, ADMIN, view.id, "Task_TanggapanPelapor", {"tanggapan_pelapor": "puas", "tanggal_tanggapan": "2026-03-24"})
    [document] = app.documents.for_instance(view.id, as_user="auditor")
    timeline = app.cases.timeline(view.id, as_user="auditor")
    texts = [t.text_id for t in timeline]
    expected_in_order = [
        f"{NAMES[ADMIN]} memulai Pengaduan Jalan Rusak",
        "Tugas 'Verifikasi laporan' masuk ke DISKOMINFO/Admin Pengaduan",
        "Tenggat fase 'Verifikasi' (3 hari kerja) berjalan sampai 27/03/2026 16:30 WIB",
        f"{NAMES[ADMIN]} menyelesaikan tugas 'Verifikasi laporan'",
        "Tenggat 'Verifikasi' terpenuhi",
        f"{NAMES[KADIS]} menyelesaikan tugas 'Disposisi ke Bidang Bina Marga'",
        f"{NAMES[STAF]} menyelesaikan tugas 'Pemeriksaan lapangan'",
        f"{NAMES[KABID]} menyelesaikan tugas 'Susun tindak lanjut (kerusakan ringan)'",
        f"{NAMES[KADIS]} menyelesaikan tugas 'Persetujuan tindak lanjut'",
        f"Dokumen {BA} dibuat (2 halaman)",
        f"{NAMES[KABID]} memaraf {BA} (tugas 'Paraf Berita Acara')",
        f"{NAMES[KADIS]} menandatangani {BA} secara elektronik, nomor {document.number}",
        "Tenggat 'Tindak Lanjut' terpenuhi",
        f"{NAMES[ADMIN]} menyelesaikan tugas 'Catat tanggapan pelapor'",
        "Proses selesai",
    ]
    positions = [texts.index(t) for t in expected_in_order]
    assert positions == sorted(positions), texts
    signed = timeline[texts.index(expected_in_order[11])]
    assert (signed.kind, signed.actor, signed.actor_name, signed.element_id, signed.text_en) == (
        "document", KADIS, NAMES[KADIS], "Task_TandaTanganBA",
        f"{NAMES[KADIS]} signed {BA} electronically, number {document.number}")
    assert document.number == "000.8.3.3/1/PUPR/2026"
    assert timeline[-1].kind == "end" and timeline[-1].text_en == "Process completed"
    assert len(timeline) == len(app.instances.trail(view.id))
    assert all(t.text_id and t.text_en and t.kind != "other" for t in timeline), [
        t.action for t in timeline if t.kind == "other"]


def test_diagram_marks_follow_the_complaint(app: Lintas) -> None:
    view = start(app)
    completed, active = marks(app, view.id)
    assert {"StartEvent_Laporan", "Script_Diterima", "Start_Verifikasi", "Script_Verifikasi"} <= completed
    assert active == {"SubProcess_Verifikasi", "Task_Verifikasi"}
    assert app.cases.diagram(view.id, as_user=ADMIN).step_sla["SubProcess_Verifikasi"].state == "running"

    do(app, ADMIN, view.id, "Task_Verifikasi", {"hasil_verifikasi": "verifikasi", "klasifikasi": "pengaduan"})
    completed, active = marks(app, view.id)
    assert {"Task_Verifikasi", "SubProcess_Verifikasi", "Script_Didisposisikan"} <= completed
    assert active == {"SubProcess_TindakLanjut", "Task_Disposisi"}
    sla = app.cases.diagram(view.id, as_user=KADIS).step_sla
    assert (sla["SubProcess_Verifikasi"].closed_as, sla["SubProcess_TindakLanjut"].state) == ("met", "running")

    do(app, KADIS, view.id, "Task_Disposisi", DISPOSISI)
    do(app, STAF, view.id, "Task_PemeriksaanLapangan", PEMERIKSAAN_RINGAN)
    do(app, KABID, view.id, "Task_SusunRingan", DRAF_RINGAN)
    do(app, KADIS, view.id, "Task_Persetujuan", {"keputusan_kadis": "setujui"})
    completed, active = marks(app, view.id)
    assert active == {"SubProcess_TindakLanjut", "Service_BeritaAcara"}      # waiting for its rendering job
    assert "Task_SusunBerat" not in completed | active
    app.jobs.run_due()
    completed, active = marks(app, view.id)
    assert "Service_BeritaAcara" in completed and active == {"SubProcess_TindakLanjut", "Task_ParafBA"}


def test_an_unanswered_complaint_closes_by_its_timer_and_the_timeline_says_so(app: Lintas,
                                                                              clock: FixedClock) -> None:
    view = start(app)
    do(app, ADMIN, view.id, "Task_Verifikasi", {"hasil_verifikasi": "verifikasi", "klasifikasi": "pengaduan"})
    do(app, KADIS, view.id, "Task_Disposisi", DISPOSISI)
    do(app, STAF, view.id, "Task_PemeriksaanLapangan", PEMERIKSAAN_RINGAN)
    do(app, KABID, view.id, "Task_SusunRingan", DRAF_RINGAN)
    approve(app, view.id)
    completed, active = marks(app, view.id)
    assert active == {"Task_TanggapanPelapor", "Timer_TanpaTanggapan"}
    clock.advance(days=30)
    app.jobs.run_due()
    texts = [t.text_id for t in app.cases.timeline(view.id, as_user=ADMIN)]
    assert "Waktu tunggu '10 hari kerja tanpa tanggapan' tercapai" in texts
    assert "Tugas 'Catat tanggapan pelapor' dibatalkan oleh proses" in texts
    assert texts[-1] == "Proses selesai"
    completed, active = marks(app, view.id)
    assert active == set() and {"Timer_TanpaTanggapan", "End_SelesaiOtomatis"} <= completed
    assert "End_Selesai" not in completed


def test_who_reads_a_complaint_and_who_may_start_one(app: Lintas) -> None:
    view = start(app)
    do(app, ADMIN, view.id, "Task_Verifikasi", {"hasil_verifikasi": "verifikasi", "klasifikasi": "pengaduan"})
    access = {user: app.cases.summary(view.id, as_user=user).access
              for user in (ADMIN, "admin.lapor", KADIS, "kabid.ciptakarya", "auditor", "inspektur")}
    assert access == {ADMIN: "involved", "admin.lapor": "involved", KADIS: "involved",
                      "kabid.ciptakarya": "supervisor", "auditor": "auditor", "inspektur": "auditor"}
    for outsider in ("kadis.dishub", "loket.dishub", STAF):           # STAF: the field check is not reached yet
        with pytest.raises(PermissionDenied):
            app.cases.page(view.id, as_user=outsider)
    summary = app.cases.summary(view.id, as_user="auditor")
    assert (summary.case_status, summary.started_by_name) == ("Didisposisikan", NAMES[ADMIN])
    assert [s.element_id for s in summary.current_steps] == ["Task_Disposisi"]
    [process] = app.catalog.startable(ADMIN)
    assert (process.key, process.start_form_id) == ("pengaduan-jalan-rusak", "laporan")
    assert process.description and process.description.startswith("Proses rujukan Lintas nomor 1")
    assert "uraian" in (process.start_form_schema or {})["properties"]
    assert app.catalog.startable(KADIS) == []
