"""Shared pieces of the case-page tests (comments, attachments, instance page, dashboard).

The test organisation gains the people who read cases they do not work on: an auditor
(Inspektorat), a supervisor of PUPR (Sekretaris Dinas), a supervisor of DISHUB, and an auditor of
the other pemda. The process "berkas" has file fields in its start form and first task.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

import yaml

from engine.bootstrap import Lintas
from engine.domain.attachments import FILE_FORMAT
from tests import bpmn_builder as b
from tests.integration.conftest import ORG, TENANT

KEY = "berkas"
AUDITOR, SUPERVISOR, OTHER_SUPERVISOR, FOREIGN_AUDITOR = "auditor", "sekdis", "kadis.dishub", "auditor.lain"
STARTER, STAF, KABID, OUTSIDER, FOREIGNER = "admin", "budi", "kabid", "dedi", "orang.lain"


def load_org(app: Lintas, tmp_path: Path) -> None:
    org = yaml.safe_load(ORG.read_text(encoding="utf-8"))
    uji, lain = org["tenants"]
    for opd in uji["opds"]:
        if opd["code"] == "PUPR":
            opd["roles"].append("Sekretaris Dinas")
    uji["opds"].append({"code": "INSPEKTORAT", "name": "Inspektorat Daerah", "roles": ["Auditor"]})
    uji["users"] += [
        {"username": AUDITOR, "name": "Putri Auditor", "access": ["auditor"], "roles": ["INSPEKTORAT/Auditor"]},
        {"username": SUPERVISOR, "name": "Endang Sekdis", "access": ["supervisor"], "roles": ["PUPR/Sekretaris Dinas"]},
        {"username": OTHER_SUPERVISOR, "name": "Kadis Dishub", "access": ["supervisor"],
         "roles": ["DISHUB/Kepala Dinas"]},
    ]
    lain["users"].append({"username": FOREIGN_AUDITOR, "name": "Auditor Kota Lain", "access": ["auditor"],
                          "roles": ["PUPR/Staf"]})
    path = tmp_path / "org-cases.yaml"
    path.write_text(yaml.safe_dump(org, allow_unicode=True), encoding="utf-8")
    app.org.load_file(path)



def file_field(accept: str | None = None, **extra: Any) -> dict[str, Any]:
    field = {"type": "string", "format": FILE_FORMAT, "title": "Berkas", **extra}
    if accept:
        field["contentMediaType"] = accept
    return field


PENGAJUAN = b.form("judul", judul={"type": "string", "title": "Judul"},
                   surat=file_field("application/pdf", title="Surat pengantar"))
LAPORAN = b.form(
    "uraian", uraian={"type": "string", "title": "Uraian"},
    lampiran=file_field("application/pdf, image/png", title="Lampiran"),
    foto={"type": "array", "title": "Foto", "items": {
        "type": "object", "additionalProperties": False, "properties": {
            "berkas": file_field("image/*", title="Foto"), "keterangan": {"type": "string", "title": "Keterangan"}}}},
)
PERSETUJUAN = b.form("setuju", setuju={"type": "boolean", "title": "Setuju"})
PROCESS = b.process(
    "berkas",
    b.lanes({"PUPR/Staf": ["tulis"], "PUPR/Kepala Bidang": ["setujui"]}),
    b.start(form="pengajuan"),
    b.user("tulis", "Tulis laporan", form="laporan", lintas__due="2 hari kerja"),
    b.user("setujui", "Setujui laporan", form="persetujuan", lintas__due="1 hari kerja"),
    b.end(), b.flow("start", "tulis", "setujui", "end"), name="Pengajuan Berkas",
)
README = "# Pengajuan berkas\n\nPengajuan berkas ke Dinas PUPR: staf menulis laporan,\nkepala bidang menyetujui.\n"


def deploy_berkas(app: Lintas, tmp_path: Path) -> None:
    folder = b.bundle(tmp_path, KEY, PROCESS, {"pengajuan": PENGAJUAN, "laporan": LAPORAN,
                                               "persetujuan": PERSETUJUAN}, {"README.md": README})
    app.deployments.deploy(folder, tenant=TENANT)


def start(app: Lintas, **data: Any) -> int:
    return app.instances.start(KEY, as_user=STARTER, data={"judul": "Laporan jalan", **data}).id


def open_item(app: Lintas, instance_id: int) -> int:
    [item] = app.instances.show(instance_id).open_work
    return item.id


# -- files -------------------------------------------------------------------------------------------

def pdf(text: str = "Surat") -> bytes:
    body = f"1 0 obj << /Type /Catalog >> endobj % {text}\n".encode()
    return b"%PDF-1.7\n" + body + b"trailer << /Root 1 0 R >>\n%%EOF\n"


def png(width: int = 1, height: int = 1) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def jpeg() -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


def ooxml(main: str, part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml",
                         '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                         f'content-types"><Override PartName="/{part}" ContentType="{main}"/></Types>')
        archive.writestr(part, "<x/>")
    return buffer.getvalue()
