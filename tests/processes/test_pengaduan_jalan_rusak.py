"""End-to-end runs of the reference process "Pengaduan jalan rusak" on the demo organisation.

Each test drives the process the way clerks do: find the task in the right person's inbox, submit
its form, and check who gets the next task, the status the report shows and the data it keeps.
"""

from __future__ import annotations

from typing import Any

import pytest

import forms
from engine.bootstrap import Lintas
from engine.domain.errors import PermissionDenied, ValidationFailed
from engine.domain.views import InstanceView, WorkItem
from tests.processes.conftest import BUNDLE, KEY
from tests.signing_support import PASSPHRASE

ADMIN = "admin.pengaduan"          # DISKOMINFO/Admin Pengaduan
ADMIN_2 = "admin.lapor"            # DISKOMINFO/Admin Pengaduan (same queue)
KADIS = "kadis.pupr"               # PUPR/Kepala Dinas
KABID = "kabid.binamarga"          # PUPR/Kepala Bidang Bina Marga
STAF = "staf.binamarga"            # PUPR/Staf Bina Marga

LAPORAN = {
    "nama_pelapor": "Rudi Hartono",
    "kontak_pelapor": "0812-3456-7890",
    "kanal": "lapor",
    "nomor_tiket_lapor": "LAP-2026-0317-0042",
    "lokasi": "Jl. Merdeka km 3, depan SD Negeri 2",
    "kecamatan": "Kota",
    "uraian": "Lubang besar di tengah jalan, sudah dua pengendara motor terjatuh.",
    "tanggal_kejadian": "2026-03-15",
}
DISPOSISI = {"instruksi_disposisi": "proses_lebih_lanjut", "urgensi": "segera",
             "catatan_disposisi": "Segera periksa, banyak laporan serupa."}
PEMERIKSAAN_RINGAN = {"tanggal_pemeriksaan": "2026-03-18", "tingkat_kerusakan": "ringan",
                      "perkiraan_luas_m2": 2.5, "temuan": "Satu lubang diameter 1 m, kedalaman 15 cm."}
PEMERIKSAAN_BERAT = {"tanggal_pemeriksaan": "2026-03-18", "tingkat_kerusakan": "berat",
                     "perkiraan_luas_m2": 350, "temuan": "Lapis aspal terkelupas sepanjang 70 m, pondasi amblas."}
DRAF_RINGAN = {"rencana_tindakan": "Penambalan lubang oleh tim pemeliharaan rutin UPTD Jalan.",
               "tanggal_rencana": "2026-03-23",
               "jawaban_pelapor": "Terima kasih atas laporan Anda. Lubang akan ditambal pada 23 Maret 2026."}
DRAF_BERAT = {"rencana_tindakan": "Pemasangan rambu dan penimbunan sementara; rehabilitasi jalan.",
              "tanggal_rencana": "2026-03-20",
              "sumber_anggaran": "apbd_perubahan", "perkiraan_biaya": 850_000_000,
              "catatan_anggaran": "Diusulkan pada sub-kegiatan Rehabilitasi Jalan, APBD Perubahan 2026.",
              "jawaban_pelapor": "Terima kasih. Penanganan sementara 20 Maret; rehabilitasi diusulkan tahun ini."}
SETUJUI = {"keputusan_kadis": "setujui"}

STATUS_PATH_HAPPY = ["Diterima", "Verifikasi", "Didisposisikan", "Tindak Lanjut", "Ditanggapi", "Selesai"]


# -- helpers ------------------------------------------------------------------------------------------

def start(app: Lintas, **changes: Any) -> InstanceView:
    return app.instances.start(KEY, as_user=ADMIN, data={**LAPORAN, **changes})


def items_for(app: Lintas, username: str, instance_id: int) -> list[WorkItem]:
    return [w for w in app.work_items.inbox(username) if w.instance_id == instance_id]


def task_for(app: Lintas, username: str, instance_id: int, element_id: str) -> WorkItem:
    """The one open task of the instance in ``username``'s inbox, which must be ``element_id``."""
    items = items_for(app, username, instance_id)
    assert [w.element_id for w in items] == [element_id], f"inbox of {username}: {items}"
    return items[0]


def do(app: Lintas, username: str, instance_id: int, element_id: str, data: dict[str, Any]) -> InstanceView:
    item = task_for(app, username, instance_id, element_id)
    done = app.work_items.complete(item.id, as_user=username, data=data)
    assert (done.status, done.completed_by) == ("completed", username)
    return app.instances.show(instance_id)


def sign(app: Lintas, username: str, instance_id: int, element_id: str) -> InstanceView:
    """Initial or sign the task's document with the official's passphrase."""
    item = task_for(app, username, instance_id, element_id)
    outcome = app.documents.sign(item.id, as_user=username, passphrase=PASSPHRASE)
    assert (outcome.work_item.status, outcome.work_item.completed_by) == ("completed", username)
    return app.instances.show(instance_id)


def approve(app: Lintas, instance_id: int) -> InstanceView:
    """The Kepala Dinas approves; the Berita Acara is rendered, initialled by the Kabid, signed by the Kadis."""
    view = do(app, KADIS, instance_id, "Task_Persetujuan", SETUJUI)
    assert open_elements(view) == []
    app.jobs.run_due()                                   # the document step is rendered by a job
    sign(app, KABID, instance_id, "Task_ParafBA")
    return sign(app, KADIS, instance_id, "Task_TandaTanganBA")


def open_elements(view: InstanceView) -> list[str]:
    return [w.element_id for w in view.open_work]


def status_path(view: InstanceView) -> list[str]:
    return [entry["status"] for entry in view.data["riwayat_status"]]


def until_draft(app: Lintas, *, berat: bool = False) -> InstanceView:
    """Start a report and take it up to the Kepala Bidang's draft."""
    view = start(app)
    do(app, ADMIN, view.id, "Task_Verifikasi", {"hasil_verifikasi": "verifikasi", "klasifikasi": "pengaduan"})
    do(app, KADIS, view.id, "Task_Disposisi", DISPOSISI)
    return do(app, STAF, view.id, "Task_PemeriksaanLapangan", PEMERIKSAAN_BERAT if berat else PEMERIKSAAN_RINGAN)


def assert_finished(app: Lintas, view: InstanceView, status: str) -> None:
    assert view.status == "completed"
    assert view.data["status"] == status
    assert view.open_work == ()
    assert view.incidents == ()
    for user in (ADMIN, ADMIN_2, KADIS, KABID, STAF):
        assert items_for(app, user, view.id) == []
    assert app.instances.verify_audit(view.id).ok


# -- the bundle itself --------------------------------------------------------------------------------

def test_forms_load_with_the_forms_package() -> None:
    loaded = forms.load_forms_dir(BUNDLE / "forms")
    assert set(loaded) == {"laporan", "verifikasi", "kelengkapan", "disposisi", "pemeriksaan", "tindak-lanjut",
                           "tindak-lanjut-berat", "persetujuan", "tanggapan-pelapor"}
    for form in loaded.values():
        assert form.schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert form.schema["additionalProperties"] is False
        for field in form.fields():
            assert field.title and field.title != field.name, f"{form.id}.{field.name} needs an Indonesian title"
    choices = {c.value: c.label for c in loaded["disposisi"].fields()[0].choices}
    assert choices == {"tanggapan_dan_saran": "Tanggapan dan saran", "proses_lebih_lanjut": "Proses lebih lanjut",
                       "koordinasikan": "Koordinasikan"}


def test_only_the_complaint_admin_may_register_a_report(app: Lintas) -> None:
    with pytest.raises(PermissionDenied):
        app.instances.start(KEY, as_user=KADIS, data=LAPORAN)
    view = app.instances.start(KEY, as_user=ADMIN_2, data=LAPORAN)
    assert view.started_by == ADMIN_2


# -- paths through the process ------------------------------------------------------------------------

def test_happy_path_to_selesai(app: Lintas) -> None:
    view = start(app)
    assert view.status == "running"
    assert view.data["lokasi"] == LAPORAN["lokasi"]
    # The status shown while a phase (Verifikasi, Tindak Lanjut) runs: see test_status_shown_inside_a_phase.
    verifikasi = task_for(app, ADMIN, view.id, "Task_Verifikasi")
    assert (verifikasi.name, verifikasi.form_id) == ("Verifikasi laporan", "verifikasi")
    assert verifikasi.candidate_roles == ("DISKOMINFO/Admin Pengaduan",)
    assert task_for(app, ADMIN_2, view.id, "Task_Verifikasi").id == verifikasi.id    # one shared queue
    assert items_for(app, KADIS, view.id) == []

    view = do(app, ADMIN, view.id, "Task_Verifikasi", {"hasil_verifikasi": "verifikasi", "klasifikasi": "pengaduan"})
    assert view.data["status"] == "Didisposisikan"
    disposisi = task_for(app, KADIS, view.id, "Task_Disposisi")
    assert (disposisi.form_id, disposisi.opd_code, disposisi.candidate_roles, disposisi.bucket) == (
        "disposisi", "PUPR", ("PUPR/Kepala Dinas",), "disposisi")
    assert items_for(app, ADMIN, view.id) == []

    view = do(app, KADIS, view.id, "Task_Disposisi", DISPOSISI)
    assert task_for(app, STAF, view.id, "Task_PemeriksaanLapangan").form_id == "pemeriksaan"

    view = do(app, STAF, view.id, "Task_PemeriksaanLapangan", PEMERIKSAAN_RINGAN)
    assert task_for(app, KABID, view.id, "Task_SusunRingan").form_id == "tindak-lanjut"
    assert items_for(app, STAF, view.id) == []

    view = do(app, KABID, view.id, "Task_SusunRingan", DRAF_RINGAN)
    assert task_for(app, KADIS, view.id, "Task_Persetujuan").form_id == "persetujuan"

    view = approve(app, view.id)
    assert view.data["status"] == "Ditanggapi"
    assert view.data["instruksi_disposisi"] == "proses_lebih_lanjut"   # data of the Tindak Lanjut phase
    assert view.data["tingkat_kerusakan"] == "ringan"
    assert task_for(app, ADMIN, view.id, "Task_TanggapanPelapor").form_id == "tanggapan-pelapor"

    view = do(app, ADMIN, view.id, "Task_TanggapanPelapor",
              {"tanggapan_pelapor": "puas", "tanggal_tanggapan": "2026-03-24"})
    assert_finished(app, view, "Selesai")
    assert status_path(view) == STATUS_PATH_HAPPY
    assert view.data["jawaban_pelapor"] == DRAF_RINGAN["jawaban_pelapor"]
    assert (view.data["jumlah_ditunda"], view.data["jumlah_dikembalikan"], view.data["jumlah_dibuka_kembali"]) == (
        0, 0, 0)
    trail = app.instances.trail(view.id)
    completed_by = [(e.element_id, e.actor) for e in trail if e.action == "task_completed"]
    assert completed_by == [("Task_Verifikasi", ADMIN), ("Task_Disposisi", KADIS),
                            ("Task_PemeriksaanLapangan", STAF), ("Task_SusunRingan", KABID),
                            ("Task_Persetujuan", KADIS), ("Task_ParafBA", KABID), ("Task_TandaTanganBA", KADIS),
                            ("Task_TanggapanPelapor", ADMIN)]


def test_berat_damage_needs_a_budget_programme_in_the_draft(app: Lintas) -> None:
    view = until_draft(app, berat=True)
    item = task_for(app, KABID, view.id, "Task_SusunBerat")
    assert item.form_id == "tindak-lanjut-berat"

    with pytest.raises(ValidationFailed) as caught:
        app.work_items.complete(item.id, as_user=KABID, data=DRAF_RINGAN)
    assert {e.path for e in caught.value.errors} == {"sumber_anggaran", "catatan_anggaran"}
    assert {e.message_id for e in caught.value.errors} == {"Wajib diisi."}

    view = do(app, KABID, view.id, "Task_SusunBerat", DRAF_BERAT)
    view = approve(app, view.id)
    view = do(app, ADMIN, view.id, "Task_TanggapanPelapor", {"tanggapan_pelapor": "tidak_ada_tanggapan"})
    assert_finished(app, view, "Selesai")
    assert (view.data["sumber_anggaran"], view.data["perkiraan_biaya"]) == ("apbd_perubahan", 850_000_000)


def test_arsipkan_ends_the_report_as_diarsipkan(app: Lintas) -> None:
    view = start(app)
    item = task_for(app, ADMIN, view.id, "Task_Verifikasi")
    with pytest.raises(ValidationFailed) as caught:          # archiving needs a reason
        app.work_items.complete(item.id, as_user=ADMIN, data={"hasil_verifikasi": "arsipkan"})
    assert [(e.path, e.code) for e in caught.value.errors] == [("alasan_arsip", "required")]

    view = do(app, ADMIN, view.id, "Task_Verifikasi",
              {"hasil_verifikasi": "arsipkan", "alasan_arsip": "Laporan ganda dengan LAP-2026-0316-0007."})
    assert_finished(app, view, "Diarsipkan")
    assert status_path(view) == ["Diterima", "Verifikasi", "Diarsipkan"]
    assert view.data["alasan_arsip"] == "Laporan ganda dengan LAP-2026-0316-0007."
    assert items_for(app, KADIS, view.id) == []


def test_bukan_wewenang_forwards_to_the_named_authority(app: Lintas) -> None:
    view = start(app, lokasi="Jl. Provinsi Raya km 12")
    view = do(app, ADMIN, view.id, "Task_Verifikasi",
              {"hasil_verifikasi": "bukan_wewenang", "instansi_tujuan": "Dinas PU Provinsi (jalan provinsi)"})
    assert_finished(app, view, "Diteruskan")
    assert status_path(view) == ["Diterima", "Verifikasi", "Diteruskan"]
    assert view.data["instansi_tujuan"] == "Dinas PU Provinsi (jalan provinsi)"


def test_tunda_asks_for_details_then_returns_to_verification(app: Lintas) -> None:
    view = start(app)
    first = task_for(app, ADMIN, view.id, "Task_Verifikasi")
    view = do(app, ADMIN, view.id, "Task_Verifikasi",
              {"hasil_verifikasi": "tunda", "rincian_diminta": "Mohon kirim titik lokasi dan foto lubang."})
    lengkapi = task_for(app, ADMIN, view.id, "Task_Kelengkapan")
    assert (lengkapi.name, lengkapi.form_id) == ("Catat kelengkapan laporan", "kelengkapan")

    view = do(app, ADMIN_2, view.id, "Task_Kelengkapan",
              {"tanggal_kelengkapan": "2026-03-19", "keterangan_tambahan": "Titik -7.2575, 112.7521; foto di LAPOR!."})
    again = task_for(app, ADMIN, view.id, "Task_Verifikasi")
    assert again.id != first.id

    view = do(app, ADMIN, view.id, "Task_Verifikasi", {"hasil_verifikasi": "verifikasi"})
    assert view.data["status"] == "Didisposisikan"
    assert view.data["jumlah_ditunda"] == 1
    assert view.data["rincian_diminta"] == "Mohon kirim titik lokasi dan foto lubang."
    assert view.data["keterangan_tambahan"].startswith("Titik")
    assert status_path(view) == ["Diterima", "Verifikasi", "Ditunda", "Verifikasi", "Didisposisikan"]
    task_for(app, KADIS, view.id, "Task_Disposisi")
    assert app.instances.verify_audit(view.id).ok


def test_kepala_dinas_returns_the_draft_once_then_approves(app: Lintas) -> None:
    view = until_draft(app)
    view = do(app, KABID, view.id, "Task_SusunRingan", DRAF_RINGAN)
    item = task_for(app, KADIS, view.id, "Task_Persetujuan")
    with pytest.raises(ValidationFailed) as caught:          # returning needs a reason
        app.work_items.complete(item.id, as_user=KADIS, data={"keputusan_kadis": "kembalikan"})
    assert [e.path for e in caught.value.errors] == ["alasan_pengembalian"]

    alasan = "Jadwal terlalu lama; tambal paling lambat 20 Maret."
    view = do(app, KADIS, view.id, "Task_Persetujuan", {"keputusan_kadis": "kembalikan", "alasan_pengembalian": alasan})
    assert open_elements(view) == ["Task_SusunRingan"]
    task_for(app, KABID, view.id, "Task_SusunRingan")
    assert items_for(app, KADIS, view.id) == []

    view = do(app, KABID, view.id, "Task_SusunRingan", {**DRAF_RINGAN, "tanggal_rencana": "2026-03-20"})
    view = approve(app, view.id)
    assert view.data["status"] == "Ditanggapi"
    assert view.data["tanggal_rencana"] == "2026-03-20"
    assert view.data["alasan_pengembalian"] == alasan                # kept for the Kepala Bidang
    assert [r["alasan"] for r in view.data["riwayat_pengembalian"]] == [alasan]
    view = do(app, ADMIN, view.id, "Task_TanggapanPelapor",
              {"tanggapan_pelapor": "puas", "tanggal_tanggapan": "2026-03-21"})
    assert_finished(app, view, "Selesai")
    assert status_path(view) == STATUS_PATH_HAPPY
    assert view.data["jumlah_dikembalikan"] == 1


def test_status_shown_inside_a_phase(app: Lintas) -> None:
    view = start(app)
    assert view.data["status"] == "Verifikasi"
    view = do(app, ADMIN, view.id, "Task_Verifikasi",
              {"hasil_verifikasi": "tunda", "rincian_diminta": "Mohon kirim titik lokasi dan foto lubang."})
    assert view.data["status"] == "Ditunda"
    assert view.data["rincian_diminta"] == "Mohon kirim titik lokasi dan foto lubang."
    view = do(app, ADMIN, view.id, "Task_Kelengkapan",
              {"tanggal_kelengkapan": "2026-03-19", "keterangan_tambahan": "Titik -7.2575, 112.7521."})
    assert view.data["status"] == "Verifikasi"
    view = do(app, ADMIN, view.id, "Task_Verifikasi", {"hasil_verifikasi": "verifikasi"})
    assert view.data["status"] == "Didisposisikan"
    view = do(app, KADIS, view.id, "Task_Disposisi", DISPOSISI)
    assert view.data["status"] == "Tindak Lanjut"
    assert view.data["instruksi_disposisi"] == "proses_lebih_lanjut"
    view = do(app, STAF, view.id, "Task_PemeriksaanLapangan", PEMERIKSAAN_RINGAN)
    assert view.data["tingkat_kerusakan"] == "ringan"
    view = do(app, KABID, view.id, "Task_SusunRingan", DRAF_RINGAN)
    alasan = "Jadwal terlalu lama; tambal paling lambat 20 Maret."
    view = do(app, KADIS, view.id, "Task_Persetujuan", {"keputusan_kadis": "kembalikan", "alasan_pengembalian": alasan})
    assert view.data["status"] == "Tindak Lanjut"                    # a return does not change the status
    assert view.data["alasan_pengembalian"] == alasan                # shown to the Kepala Bidang
    assert view.data["jumlah_dikembalikan"] == 1


def test_not_satisfied_reopens_then_closes(app: Lintas) -> None:
    view = until_draft(app, berat=True)
    view = do(app, KABID, view.id, "Task_SusunBerat", DRAF_BERAT)
    view = approve(app, view.id)
    keberatan = "Sudah lewat 20 Maret, belum ada rambu maupun penimbunan."
    view = do(app, ADMIN, view.id, "Task_TanggapanPelapor",
              {"tanggapan_pelapor": "tidak_puas", "tanggal_tanggapan": "2026-03-23", "alasan_tidak_puas": keberatan})
    assert view.status == "running"
    assert view.data["status"] == "Dibuka Kembali"
    assert view.data["alasan_tidak_puas"] == keberatan
    assert [r["alasan"] for r in view.data["riwayat_keberatan"]] == [keberatan]
    task_for(app, KABID, view.id, "Task_SusunBerat")                 # back to the draft for berat damage

    view = do(app, KABID, view.id, "Task_SusunBerat", {**DRAF_BERAT, "tanggal_rencana": "2026-03-25"})
    assert view.data["status"] == "Dibuka Kembali"
    view = approve(app, view.id)
    assert view.data["status"] == "Ditanggapi"
    view = do(app, ADMIN_2, view.id, "Task_TanggapanPelapor",
              {"tanggapan_pelapor": "puas", "tanggal_tanggapan": "2026-03-26"})
    assert_finished(app, view, "Selesai")
    assert view.data["jumlah_dibuka_kembali"] == 1
    assert status_path(view) == ["Diterima", "Verifikasi", "Didisposisikan", "Tindak Lanjut", "Ditanggapi",
                                 "Dibuka Kembali", "Ditanggapi", "Selesai"]


# -- validation and permissions -----------------------------------------------------------------------

def test_start_form_errors_name_the_field_in_indonesian(app: Lintas) -> None:
    data = {k: v for k, v in LAPORAN.items() if k != "lokasi"}
    with pytest.raises(ValidationFailed) as caught:
        app.instances.start(KEY, as_user=ADMIN, data={**data, "kanal": "telepon", "tanggal_kejadian": "15-03-2026"})
    errors = {e.path: e for e in caught.value.errors}
    assert set(errors) == {"lokasi", "kanal", "tanggal_kejadian"}
    assert (errors["lokasi"].code, errors["lokasi"].message_id) == ("required", "Wajib diisi.")
    assert errors["kanal"].message_id.startswith("Pilih salah satu: LAPOR! (web/aplikasi), SMS 1708")
    assert errors["tanggal_kejadian"].message_id == "Tanggal tidak valid (format TTTT-BB-HH)."
    assert app.work_items.inbox(ADMIN) == []                         # no report was registered


def test_task_form_errors_leave_the_same_task_open(app: Lintas) -> None:
    view = start(app)
    do(app, ADMIN, view.id, "Task_Verifikasi", {"hasil_verifikasi": "verifikasi"})
    view = do(app, KADIS, view.id, "Task_Disposisi", DISPOSISI)
    item = task_for(app, STAF, view.id, "Task_PemeriksaanLapangan")
    trail_before = len(app.instances.trail(view.id))

    bad = {"tanggal_pemeriksaan": "2026-02-30", "perkiraan_luas_m2": -4, "temuan": "   ", "petugas": "Andi"}
    with pytest.raises(ValidationFailed) as caught:
        app.work_items.complete(item.id, as_user=STAF, data=bad)
    errors = {e.path: e for e in caught.value.errors}
    assert set(errors) == {"tanggal_pemeriksaan", "tingkat_kerusakan", "perkiraan_luas_m2", "temuan", "petugas"}
    assert errors["tingkat_kerusakan"].message_id == "Wajib diisi."
    assert errors["tanggal_pemeriksaan"].message_id == "Tanggal tidak valid (format TTTT-BB-HH)."
    assert errors["perkiraan_luas_m2"].message_id == "Harus lebih dari 0."
    assert errors["temuan"].message_id == "Tidak boleh kosong atau hanya berisi spasi."
    assert errors["petugas"].message_id == "Isian tidak dikenal: petugas."
    assert caught.value.message_id == "Data tidak valid: 5 isian perlu diperbaiki"

    after = app.instances.show(view.id)
    assert task_for(app, STAF, view.id, "Task_PemeriksaanLapangan").id == item.id
    assert [(w.id, w.status) for w in after.open_work] == [(item.id, "open")]
    assert after.data == view.data                                   # nothing was stored
    assert len(app.instances.trail(view.id)) == trail_before         # nothing was recorded

    view = do(app, STAF, view.id, "Task_PemeriksaanLapangan", PEMERIKSAAN_RINGAN)
    task_for(app, KABID, view.id, "Task_SusunRingan")


def test_people_outside_the_lane_neither_see_nor_complete_a_pupr_task(app: Lintas) -> None:
    view = start(app)
    view = do(app, ADMIN, view.id, "Task_Verifikasi", {"hasil_verifikasi": "verifikasi"})
    item = task_for(app, KADIS, view.id, "Task_Disposisi")

    # Another OPD's head, the complaint admin who disposed it, and a PUPR official with another role.
    for outsider in ("kadis.dishub", ADMIN, "kabid.ciptakarya"):
        assert items_for(app, outsider, view.id) == []
        with pytest.raises(PermissionDenied) as caught:
            app.work_items.complete(item.id, as_user=outsider, data=DISPOSISI)
        assert caught.value.message_id == f"'{outsider}' bukan calon pelaksana tugas {item.id}"
    assert app.instances.show(view.id).open_work[0].id == item.id

    view = do(app, KADIS, view.id, "Task_Disposisi", DISPOSISI)
    # tim.teknis was Staf Bina Marga until 2025-12-31: the field check no longer reaches him.
    assert items_for(app, "tim.teknis", view.id) == []
    pemeriksaan = task_for(app, STAF, view.id, "Task_PemeriksaanLapangan")
    with pytest.raises(PermissionDenied):
        app.work_items.complete(pemeriksaan.id, as_user="tim.teknis", data=PEMERIKSAAN_RINGAN)
    assert app.instances.verify_audit(view.id).ok


def test_a_claimed_task_belongs_to_its_claimant(app: Lintas) -> None:
    view = start(app)
    item = task_for(app, ADMIN, view.id, "Task_Verifikasi")
    app.work_items.claim(item.id, as_user=ADMIN)
    assert items_for(app, ADMIN_2, view.id) == []                    # no longer in the shared queue
    with pytest.raises(PermissionDenied):
        app.work_items.complete(item.id, as_user=ADMIN_2, data={"hasil_verifikasi": "verifikasi"})
    view = do(app, ADMIN, view.id, "Task_Verifikasi", {"hasil_verifikasi": "verifikasi"})
    assert view.data["status"] == "Didisposisikan"
