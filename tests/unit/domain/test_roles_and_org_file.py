"""Role references in BPMN and the organisation file format, checked without a database."""

from __future__ import annotations

from datetime import date

from engine.domain.org import Role, RolePath, Validity
from engine.domain.roles import resolve
from engine.services.org_file import parse_org

ROLES = [
    Role(1, 10, "PUPR", "Kepala Bidang"),
    Role(2, 10, "PUPR", "Staf"),
    Role(3, 20, "DISHUB", "Staf"),
    Role(4, 30, "SETDA", "Admin Koordinator"),
    Role(5, 30, "SETDA", "Jabatan Lama", Validity(None, date(2025, 12, 31))),
]
TODAY = date(2026, 3, 17)


def test_role_path_parsing() -> None:
    assert RolePath.parse(" pupr / Kepala   Bidang ") == RolePath("PUPR", "Kepala Bidang")
    assert RolePath.parse("Kepala Bidang") is None
    assert RolePath.parse("/x") is None


def test_full_paths_bare_names_and_ambiguity() -> None:
    assert resolve(["PUPR/kepala bidang"], ROLES, TODAY).role_ids == (1,)
    assert resolve(["Admin Koordinator"], ROLES, TODAY).role_ids == (4,)
    ambiguous = resolve(["Staf"], ROLES, TODAY)
    assert ambiguous.role_ids == () and "ambigu" in ambiguous.problems[0][0]
    assert "DISHUB/Staf" in ambiguous.problems[0][0] and "PUPR/Staf" in ambiguous.problems[0][0]


def test_expired_roles_do_not_resolve() -> None:
    assert resolve(["SETDA/Jabatan Lama"], ROLES, TODAY).problems
    assert resolve(["SETDA/Jabatan Lama"], ROLES, date(2025, 6, 1)).role_ids == (5,)


def test_org_file_problems_are_collected_with_locations() -> None:
    text = b"""
tenants:
  - code: kab
    name: Kab
    opds:
      - code: PUPR
        name: Dinas
        roles: [Staf, staf, "A/B"]
    users:
      - username: budi
        name: Budi
        roles: [PUPR/Staf, {role: PUPR/Staf, capacity: bos}, PUPR/Tidak Ada]
      - username: budi
        name: Budi lagi
        valid_from: 2026-02-30
"""
    _, problems = parse_org(text, "org.yaml")
    texts = [str(p) for p in problems]
    assert any("opds[0].roles[1]" in t and "peran ganda" in t for t in texts)
    assert any("roles[2]" in t and "'/'" in t for t in texts)
    assert any("kapasitas tidak dikenal: bos" in t for t in texts)
    assert any("peran tidak dikenal: PUPR/Tidak Ada" in t for t in texts)
    assert any("username ganda: budi" in t for t in texts)
    assert any("valid_from" in t and "bukan tanggal" in t for t in texts)


def test_org_file_rejects_non_yaml_and_wrong_shape() -> None:
    assert parse_org(b"tenants: [unclosed", "x")[1]
    assert parse_org(b"- just a list", "x")[1]
    tenants, problems = parse_org(b"tenants:\n  - code: k\n    name: K\n", "x")
    assert problems == [] and tenants[0].timezone == "Asia/Jakarta"


def test_role_names_cover_every_reference() -> None:
    from engine.domain.roles import role_names

    assert role_names(["PUPR/Kepala  Bidang", "Admin   Koordinator"]) == {"Kepala Bidang", "Admin Koordinator"}
    subset = [r for r in ROLES if r.name.casefold() in {n.casefold() for n in role_names(["Staf"])}]
    assert resolve(["Staf"], subset, TODAY).problems == resolve(["Staf"], ROLES, TODAY).problems


def test_access_levels_are_read_and_unknown_ones_refused() -> None:
    from engine.services.org_file import parse_org

    good = (b"tenants:\n- code: t\n  name: T\n  opds: [{code: A, name: A, roles: [Staf]}]\n"
            b"  users: [{username: budi, name: U, roles: [A/Staf], access: [supervisor, auditor]}]\n")
    tenants, problems = parse_org(good)
    assert problems == [] and tenants[0].users[0].access == frozenset({"supervisor", "auditor"})
    _, problems = parse_org(good.replace(b"auditor]", b"raja]"))
    assert [p.message_id for p in problems] == [
        "hak akses tidak dikenal: raja (supervisor, designer, auditor, admin)"]
