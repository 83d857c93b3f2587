"""What the admin's appointment form offers: the pemda's current roles and active people, for admins only."""

from __future__ import annotations

from datetime import date

import pytest

from engine.bootstrap import Lintas
from engine.domain.errors import PermissionDenied
from tests.integration.work_support import load_org


def test_choices_list_the_tenants_current_roles_and_active_people(lintas: Lintas) -> None:
    load_org(lintas)
    choices = lintas.acting.choices("admin")
    assert choices.today == date(2026, 3, 17)
    paths = [r.path for r in choices.roles]
    assert "PUPR/Kepala Dinas" in paths and "DISHUB/Staf" in paths and "SETDA/Sekretaris Daerah" in paths
    kadis = next(r for r in choices.roles if r.path == "PUPR/Kepala Dinas")
    assert (kadis.opd_code, kadis.name) == ("PUPR", "Kepala Dinas")
    people = [p.username for p in choices.people]
    assert {"kabid", "kadis", "budi", "sekda"} <= set(people)
    assert "nonaktif" not in people and "orang.lain" not in people          # inactive; another pemda
    names = [p.full_name for p in choices.people]
    assert names == sorted(names, key=str.casefold)
    other = lintas.acting.choices("orang.lain")                              # the other pemda's admin
    assert [p.username for p in other.people] == ["orang.lain"]
    assert [r.path for r in other.roles] == ["PUPR/Staf"]
    for refused in ("kadis", "budi"):
        with pytest.raises(PermissionDenied):
            lintas.acting.choices(refused)
