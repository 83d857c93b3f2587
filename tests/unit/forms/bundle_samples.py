"""The forms shipped with the process bundles, and one complete valid submission for each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from forms import load_forms_dir

ROOT = Path(__file__).resolve().parents[3]
BUNDLE_DIRS = sorted(p for p in (ROOT / "processes").glob("*/forms") if p.is_dir())
BUNDLE_FORMS = [(d.parent.name, form_id, form) for d in BUNDLE_DIRS for form_id, form in load_forms_dir(d).items()]

# One complete, valid submission per bundle form; a new form needs an entry here.
SAMPLES: dict[str, dict[str, Any]] = {
    "disposisi": {"instruksi_disposisi": "proses_lebih_lanjut", "urgensi": "segera",
                  "catatan_disposisi": "Mohon segera ditinjau.\nKoordinasikan dengan UPT."},
    "kelengkapan": {"tanggal_kelengkapan": "2026-03-18",
                    "keterangan_tambahan": "Titik lokasi: -6.2, 106.8; foto dilampirkan di LAPOR!"},
    "laporan": {"nama_pelapor": "Siti Aminah", "kontak_pelapor": "0812-3456-7890", "kanal": "lapor",
                "nomor_tiket_lapor": "LAPOR-2026-0042", "lokasi": "Jl. Merdeka km 3, depan SD Negeri 2",
                "kecamatan": "Tembalang", "uraian": "Lubang besar di tengah jalan, sudah dua motor jatuh.",
                "tanggal_kejadian": "2026-03-15"},
    "pemeriksaan": {"tanggal_pemeriksaan": "2026-03-19", "tingkat_kerusakan": "berat", "perkiraan_luas_m2": 12.75,
                    "temuan": "Lubang 3 x 4 m, kedalaman 20 cm; drainase tersumbat."},
    "persetujuan": {"keputusan_kadis": "kembalikan", "alasan_pengembalian": "Lengkapi foto sebelum perbaikan.",
                    "catatan_persetujuan": "Setelah dilengkapi, ajukan kembali."},
    "tanggapan-pelapor": {"tanggapan_pelapor": "tidak_puas", "tanggal_tanggapan": "2026-04-02",
                          "alasan_tidak_puas": "Tambalan sudah rusak lagi.", "catatan_tanggapan": "Via telepon."},
    "tindak-lanjut-berat": {"rencana_tindakan": "Pasang rambu, timbun sementara; rekonstruksi 200 m.",
                            "tanggal_rencana": "2026-04-10", "sumber_anggaran": "apbd_perubahan",
                            "perkiraan_biaya": 850000000, "catatan_anggaran": "Sub-kegiatan rehabilitasi jalan.",
                            "jawaban_pelapor": "Terima kasih, jalan akan ditangani mulai 10 April 2026."},
    "tindak-lanjut": {"rencana_tindakan": "Penambalan oleh tim pemeliharaan rutin.", "tanggal_rencana": "2026-03-25",
                      "jawaban_pelapor": "Terima kasih, lubang akan ditambal minggu ini."},
    "verifikasi": {"hasil_verifikasi": "verifikasi", "kelas_pengaduan": "normatif", "klasifikasi": "pengaduan",
                   "catatan_verifikasi": "Diteruskan ke Dinas PUPR."},
}
