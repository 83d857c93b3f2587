"""A synthetic pemda form using every widget the renderer knows, with data filling all of it."""

from __future__ import annotations

import copy
from typing import Any

DIALECT = "https://json-schema.org/draft/2020-12/schema"

_FILE_PDF = {"type": "string", "format": "lintas-lampiran", "contentMediaType": "application/pdf"}

BANTUAN_SARANA: dict[str, Any] = {
    "$schema": DIALECT,
    "title": "Permohonan bantuan sarana",
    "description": "Diisi petugas Dinas Sosial dari berkas permohonan kelompok masyarakat.",
    "x-en": {"title": "Request for facility assistance"},
    "type": "object",
    "additionalProperties": False,
    "required": ["nama", "nik", "jumlah_penerima", "kategori", "tanggal_usulan", "proposal", "barang",
                 "pernyataan"],
    "properties": {
        "nomor_register": {"type": "string", "title": "Nomor register", "readOnly": True},
        "nama": {"type": "string", "title": "Nama pemohon", "description": "Sesuai KTP.", "maxLength": 120,
                 "x-en": {"title": "Applicant name", "description": "As on the identity card."}},
        "nik": {"type": "string", "format": "nik", "title": "NIK pemohon"},
        "email": {"type": "string", "format": "email", "title": "Email"},
        "situs": {"type": "string", "format": "uri", "title": "Situs web kelompok"},
        "uraian": {"type": "string", "title": "Uraian kebutuhan", "maxLength": 2000},
        "catatan": {"type": "string", "title": "Catatan", "x-widget": "textarea"},
        "kode_usulan": {"type": "string", "title": "Kode usulan", "maxLength": 500, "x-widget": "text"},
        "jumlah_penerima": {"type": "integer", "title": "Jumlah penerima manfaat", "minimum": 1,
                            "maximum": 100000},
        "luas_m2": {"type": "number", "title": "Luas lahan (m²)", "exclusiveMinimum": 0},
        "jumlah_unit": {"type": "integer", "title": "Jumlah unit", "x-widget": "number", "minimum": 0,
                        "maximum": 50},
        "mendesak": {"type": "boolean", "title": "Mendesak"},
        "pernah_menerima": {"type": "boolean", "title": "Pernah menerima bantuan?", "x-widget": "radio"},
        "kategori": {
            "type": "string",
            "title": "Kategori bantuan",
            "x-en": {"title": "Kind of assistance"},
            "oneOf": [
                {"const": "air_bersih", "title": "Air bersih", "x-en": {"title": "Clean water"}},
                {"const": "sanitasi", "title": "Sanitasi", "x-en": {"title": "Sanitation"}},
                {"const": "jalan_lingkungan", "title": "Jalan lingkungan"},
                {"const": "penerangan", "title": "Penerangan jalan"},
                {"const": "rumah_ibadah", "title": "Rumah ibadah"},
                {"const": "lainnya", "title": "Lainnya"},
            ],
        },
        "prioritas": {"type": "string", "title": "Prioritas", "enum": ["rendah", "sedang", "tinggi"]},
        "tahap": {"type": "integer", "title": "Tahap", "enum": [1, 2, 3, 4, 5, 6], "x-widget": "radio"},
        "tanggal_usulan": {"type": "string", "format": "date", "title": "Tanggal usulan"},
        "waktu_survei": {"type": "string", "format": "date-time", "title": "Waktu survei"},
        "jam_layanan": {"type": "string", "format": "time", "title": "Jam layanan"},
        "proposal": {**_FILE_PDF, "title": "Proposal (PDF)"},
        "foto_lokasi": {"type": "string", "format": "lintas-lampiran", "title": "Foto lokasi",
                        "contentMediaType": "image/png, image/jpeg"},
        "sasaran": {"type": "array", "title": "Sasaran", "uniqueItems": True,
                    "items": {"type": "string", "oneOf": [
                        {"const": "lansia", "title": "Lansia"},
                        {"const": "disabilitas", "title": "Penyandang disabilitas"},
                        {"const": "anak", "title": "Anak-anak"},
                    ]}},
        "kata_kunci": {"type": "array", "title": "Kata kunci", "items": {"type": "string"}},
        "ukuran_m": {"type": "array", "title": "Ukuran (m)", "items": {"type": "number"}},
        "alamat": {
            "type": "object",
            "title": "Alamat lokasi",
            "required": ["jalan"],
            "properties": {
                "jalan": {"type": "string", "title": "Jalan"},
                "rt": {"type": "string", "title": "RT", "pattern": "^[0-9]{3}$"},
                "kelurahan": {"type": "string", "title": "Kelurahan/desa"},
            },
        },
        "barang": {
            "type": "array",
            "title": "Barang yang diusulkan",
            "minItems": 1,
            "maxItems": 5,
            "items": {
                "type": "object",
                "title": "Barang",
                "additionalProperties": False,
                "required": ["nama_barang", "jumlah"],
                "properties": {
                    "nama_barang": {"type": "string", "title": "Nama barang"},
                    "jumlah": {"type": "integer", "title": "Jumlah", "minimum": 1},
                    "satuan": {"type": "string", "title": "Satuan",
                               "enum": ["unit", "paket", "buah", "set", "lembar"]},
                    "harga_satuan": {"type": "number", "title": "Harga satuan (Rp)", "minimum": 0},
                    "baru": {"type": "boolean", "title": "Barang baru", "default": True},
                    "brosur": {**_FILE_PDF, "title": "Brosur"},
                },
            },
        },
        "keterangan": {"type": ["string", "null"], "title": "Keterangan lain"},
        "pernyataan": {"type": "boolean", "const": True, "title": "Saya menyatakan data ini benar"},
    },
}

FULL_DATA: dict[str, Any] = {
    "nomor_register": "REG/2026/0042",
    "nama": "Kelompok Tani Sumber Rejeki",
    "nik": "3374014107850001",
    "email": "sumber.rejeki@contoh.id",
    "situs": "https://desa-sukamaju.contoh.id/kelompok",
    "uraian": "Sumur bor untuk 40 KK.\nPompa lama rusak sejak Januari.",
    "catatan": "Dicek ulang oleh pendamping.",
    "kode_usulan": "BS-2026-17",
    "jumlah_penerima": 1500,
    "luas_m2": 2.5,
    "jumlah_unit": 3,
    "mendesak": True,
    "pernah_menerima": False,
    "kategori": "sanitasi",
    "prioritas": "tinggi",
    "tahap": 2,
    "tanggal_usulan": "2026-03-16",
    "waktu_survei": "2026-03-20T09:30:00+07:00",
    "jam_layanan": "08:00:00+07:00",
    "proposal": "lmp-101",
    "foto_lokasi": "lmp-102",
    "sasaran": ["lansia", "anak"],
    "kata_kunci": ["sumur", "pompa air"],
    "ukuran_m": [12.5, 3],
    "alamat": {"jalan": "Jl. Merdeka No. 3", "rt": "004", "kelurahan": "Sukamaju"},
    "barang": [
        {"nama_barang": "Pompa air", "jumlah": 2, "satuan": "unit", "harga_satuan": 1750000.5, "baru": True,
         "brosur": "lmp-103"},
        {"nama_barang": "Pipa PVC 3\"", "jumlah": 40, "satuan": "lembar", "baru": False},
    ],
    "keterangan": "Tidak ada",
    "pernyataan": True,
}

ATTACHMENTS = {"lmp-101": "proposal-sumur.pdf", "lmp-102": "lokasi.jpg", "lmp-103": "brosur-pompa.pdf"}


def schema() -> dict[str, Any]:
    return copy.deepcopy(BANTUAN_SARANA)


def full_data() -> dict[str, Any]:
    return copy.deepcopy(FULL_DATA)
