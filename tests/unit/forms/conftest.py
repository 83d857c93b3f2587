"""Shared form examples for the forms unit tests: realistic pemda forms, no I/O."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from forms import Form, load_form

DIALECT = "https://json-schema.org/draft/2020-12/schema"

# The admin's verification of a new LAPOR! complaint (Verifikasi, Tunda, Bukan Wewenang, Arsipkan).
VERIFIKASI_ADUAN: dict[str, Any] = {
    "$schema": DIALECT,
    "title": "Verifikasi Aduan",
    "description": "Diisi admin penghubung dalam 3 hari kerja sejak aduan diterima.",
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "keputusan": {
            "title": "Keputusan",
            "type": "string",
            "enum": ["verifikasi", "tunda", "bukan_wewenang", "arsipkan"],
        },
        "catatan": {
            "title": "Catatan",
            "description": "Alasan keputusan, dibaca oleh pelapor.",
            "type": "string",
            "minLength": 10,
            "maxLength": 2000,
            "x-widget": "textarea",
        },
        "tanggal_kejadian": {"title": "Tanggal Kejadian", "type": "string", "format": "date"},
        "tingkat": {
            "title": "Tingkat Kerusakan",
            "oneOf": [
                {"const": "ringan", "title": "Ringan"},
                {"const": "berat", "title": "Berat"},
            ],
        },
        "alasan_arsip": {"title": "Alasan Arsip", "type": "string", "minLength": 5},
        "lampiran": {
            "title": "Lampiran",
            "type": "array",
            "maxItems": 5,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["nama", "jenis"],
                "properties": {
                    "nama": {"title": "Nama Berkas", "type": "string", "maxLength": 100},
                    "jenis": {"title": "Jenis", "type": "string", "enum": ["foto", "dokumen"]},
                    "ukuran_kb": {"title": "Ukuran (KB)", "type": "integer", "maximum": 10240},
                },
            },
        },
    },
    "required": ["keputusan", "catatan", "tanggal_kejadian"],
    # Archiving needs a reason (LAPOR! asks for one), so it is required only then.
    "allOf": [
        {
            "if": {"properties": {"keputusan": {"const": "arsipkan"}}, "required": ["keputusan"]},
            "then": {"required": ["alasan_arsip"]},
        }
    ],
}

VALID_VERIFIKASI: dict[str, Any] = {
    "keputusan": "verifikasi",
    "catatan": "Jalan berlubang di Jl. Merdeka, diteruskan ke Dinas PUPR.",
    "tanggal_kejadian": "2026-03-16",
    "tingkat": "berat",
    "lampiran": [{"nama": "foto-lubang.jpg", "jenis": "foto", "ukuran_kb": 850}],
}


MakeForm = Callable[..., Form]


@pytest.fixture
def make_form() -> MakeForm:
    """Build a one-off form around some properties (for keyword-by-keyword tests)."""

    def build(properties: dict[str, Any], **extra: Any) -> Form:
        schema: dict[str, Any] = {"$schema": DIALECT, "type": "object", "properties": properties, **extra}
        return load_form("uji", schema)

    return build


@pytest.fixture
def aduan_schema() -> dict[str, Any]:
    return copy.deepcopy(VERIFIKASI_ADUAN)


@pytest.fixture
def aduan(aduan_schema: dict[str, Any]) -> Form:
    return load_form("verifikasi-aduan", aduan_schema)


@pytest.fixture
def valid_data() -> dict[str, Any]:
    return copy.deepcopy(VALID_VERIFIKASI)
