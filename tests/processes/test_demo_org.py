"""The demo organisation (engine/demo/org.yaml) holds every role the reference processes route to."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from engine.bootstrap import Lintas
from engine.services.org_file import parse_org
from forms.formats import is_email, is_nip

DEMO_ORG = Path(__file__).resolve().parents[2] / "engine" / "demo" / "org.yaml"

# The lanes of the five reference processes (DOMAIN.md), by OPD.
NEEDED = {
    "SETDA": ["Bupati", "Sekretaris Daerah", "Asisten Pemerintahan", "Kepala Bagian Umum", "Pencatat Surat",
              "Admin Koordinator Pengaduan"],
    "DISKOMINFO": ["Kepala Dinas", "Admin Pengaduan"],
    "PUPR": ["Kepala Dinas", "Sekretaris Dinas", "Kepala Bidang Bina Marga", "Kepala Bidang Cipta Karya",
             "Staf Bina Marga", "Tim Teknis", "Admin Penghubung", "Verifikator"],
    "DISHUB": ["Kepala Dinas", "Kepala UPT Pengujian Kendaraan", "Penguji Kendaraan", "Petugas Loket"],
    "DINSOS": ["Kepala Dinas", "Verifikator Data", "Operator Data"],
    "DPMPTSP": ["Kepala Dinas", "Petugas Verifikasi Berkas", "Petugas Loket"],
    "INSPEKTORAT": ["Inspektur", "Auditor"],
    "KEC-KOTA": ["Camat", "Lurah Kota", "Operator Kelurahan"],
}


@pytest.fixture
def shown(demo_lintas: Lintas) -> dict[str, Any]:
    [tenant] = demo_lintas.org.show("kab-contoh")
    return tenant


def test_the_file_parses_cleanly() -> None:
    tenants, problems = parse_org(DEMO_ORG.read_bytes(), DEMO_ORG.name)
    assert problems == []
    [tenant] = tenants
    assert (tenant.code, tenant.name, tenant.timezone) == ("kab-contoh", "Pemerintah Kabupaten Contoh", "Asia/Jakarta")
    for user in tenant.users:
        assert user.email is None or (is_email(user.email) and user.email.endswith("@contoh.go.id")), user.username
        assert user.nip is None or is_nip(user.nip), user.username
    nips = [u.nip for u in tenant.users if u.nip]
    assert len(nips) == len(set(nips))


def test_every_role_a_reference_process_needs_has_someone_today(shown: dict[str, Any]) -> None:
    roles = {(o["code"], r["name"]) for o in shown["opds"] for r in o["roles"] if r["active"]}
    needed = {(opd, role) for opd, names in NEEDED.items() for role in names}
    assert needed <= roles
    held = {m["role"] for u in shown["users"] if u["active"] for m in u["roles"] if m["active"]}
    assert {f"{opd}/{role}" for opd, role in needed} <= held


def test_demo_usernames_are_short_and_memorable(shown: dict[str, Any]) -> None:
    users = {u["username"]: u for u in shown["users"]}
    for username in ("admin.pengaduan", "kadis.pupr", "kabid.binamarga", "staf.binamarga", "sekda", "auditor"):
        assert users[username]["active"]
    assert [m["role"] for m in users["kabid.binamarga"]["roles"]] == ["PUPR/Kepala Bidang Bina Marga"]
    assert sum(1 for u in users.values() if sum(m["active"] for m in u["roles"]) >= 2) >= 3


def test_acting_head_and_ended_membership_show_history(demo_lintas: Lintas, shown: dict[str, Any]) -> None:
    users = {u["username"]: u for u in shown["users"]}
    [plt] = [m for m in users["asisten.pem"]["roles"] if m["capacity"] == "plt"]
    assert (plt["role"], plt["active"], plt["valid_from"], plt["valid_to"]) == (
        "DINSOS/Kepala Dinas", True, "2026-01-05", "2026-12-31")
    ended = {m["role"]: m for m in users["tim.teknis"]["roles"]}
    assert ended["PUPR/Staf Bina Marga"]["active"] is False
    assert ended["PUPR/Staf Bina Marga"]["valid_to"] == "2025-12-31"
    assert ended["PUPR/Tim Teknis"]["active"] is True

    again = demo_lintas.org.load_file(DEMO_ORG)        # loading the same file again changes nothing
    assert again.ended == 0
    assert demo_lintas.org.show("kab-contoh") == [shown]


def test_the_demo_walk_names_each_step_as_the_complaint_process_labels_it() -> None:
    # serve --demo prints the walk with these names, and the browser walk clicks them in the inbox.
    from lxml import etree

    from engine.services.demo_walk import STEP_NAMES

    bpmn = DEMO_ORG.parents[2] / "processes" / "pengaduan-jalan-rusak" / "process.bpmn"
    names = {e.get("id"): e.get("name") for e in etree.parse(str(bpmn), etree.XMLParser(resolve_entities=False,
                                                                                no_network=True)).iter()
             if isinstance(e.tag, str) and e.tag.endswith("}userTask")}
    assert {element: names.get(element) for element in STEP_NAMES} == STEP_NAMES
