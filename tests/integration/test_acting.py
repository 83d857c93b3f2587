"""Acting officials: an admin appoints a Plt for a period; during it the appointee receives the role's
queue and notifications and signs as "Plt. Kepala Dinas"; before and after it, nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from engine.bootstrap import Lintas
from engine.domain.acting import Appointment
from engine.domain.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from tests.conftest import FixedClock
from tests.integration.documents_support import item, started_letter
from tests.integration.test_documents import pdf_text
from tests.integration.work_support import load_org, notification_titles, org_bytes, wib
from tests.signing_support import PASSPHRASE, SessionPki, enrol

KADIS = "PUPR/Kepala Dinas"
DECREE = "800.1.11.1/123/BKPSDM/2026"


@pytest.fixture
def app(lintas: Lintas, session_pki: SessionPki) -> Lintas:
    load_org(lintas)
    enrol(lintas, session_pki, "kabid", "kadis")
    return lintas


def appoint(app: Lintas, **changes: object) -> Appointment:
    args: dict[str, object] = {"role_path": KADIS, "username": "kabid", "capacity": "plt",
                               "valid_from": date(2026, 3, 25), "valid_to": date(2026, 4, 30), "as_user": "admin",
                               "decree": DECREE}
    return app.acting.appoint(**{**args, **changes})  # type: ignore[arg-type]


def letter_items(app: Lintas, user: str, case: int) -> list[str]:
    return [w.element_id for w in app.work_items.inbox(user) if w.instance_id == case]


def holders(app: Lintas, role_path: str) -> list[str]:
    with app.ctx.uow(write=False) as uow:
        tenant = uow.org.tenant_by_code("kab-uji")
        assert tenant is not None
        [role] = [r for r in uow.org.roles(tenant.id) if str(r.path) == role_path]
        return [name for _, name, _ in uow.org.holders({role.id}, date(2026, 3, 25))]


def test_the_plt_receives_the_queue_and_signs_in_the_acting_capacity(app: Lintas, clock: FixedClock,
                                                                    tmp_path: Path) -> None:
    made = appoint(app)
    assert (made.title, made.state_on(date(2026, 3, 17)), made.created_by, made.decree) == (
        "Plt. PUPR/Kepala Dinas", "akan_datang", "admin", DECREE)
    assert notification_titles(app, "kabid") == ["Anda ditunjuk sebagai Plt. PUPR/Kepala Dinas"]
    assert notification_titles(app, "kadis") == ["Kepala Bidang ditunjuk sebagai Plt. PUPR/Kepala Dinas"]
    case = started_letter(app, tmp_path)                 # Tue 17 March: before the period
    app.documents.sign(item(app, "kabid", case), as_user="kabid", passphrase=PASSPHRASE)
    assert letter_items(app, "kabid", case) == [], "not yet Plt"
    assert letter_items(app, "kadis", case) == ["ttd"]
    clock.moment = wib(25, 9)
    assert letter_items(app, "kabid", case) == ["ttd"], "the role's queue, as Plt"
    assert holders(app, KADIS) == ["kabid", "kadis"]
    doc = app.documents.sign(item(app, "kabid", case), as_user="kabid", passphrase=PASSPHRASE).document
    last = app.documents.detail(doc.id).revisions[-1]
    assert (last.signer, last.signer_role, last.capacity) == ("Kepala Bidang", "Plt. Kepala Dinas", "plt")
    assert "Plt. Kepala Dinas" in pdf_text(app.documents.content(doc.id)[1], tmp_path)
    assert app.documents.verify(doc.id).verdict == "VALID"


def test_outside_the_period_the_appointee_holds_nothing(app: Lintas, clock: FixedClock, tmp_path: Path) -> None:
    appoint(app, valid_from=date(2026, 3, 17), valid_to=date(2026, 3, 26))
    clock.moment = wib(27, 9)                            # the day after the last day
    case = started_letter(app, tmp_path)
    app.documents.sign(item(app, "kabid", case), as_user="kabid", passphrase=PASSPHRASE)
    assert letter_items(app, "kabid", case) == []
    ttd = item(app, "kadis", case)
    with pytest.raises(PermissionDenied):
        app.documents.sign(ttd, as_user="kabid", passphrase=PASSPHRASE)
    with pytest.raises(PermissionDenied):
        app.work_items.claim(ttd, as_user="kabid")


def test_an_organisation_reload_keeps_the_appointment(app: Lintas, clock: FixedClock) -> None:
    made = appoint(app, valid_from=date(2026, 3, 17))
    app.org.load_bytes(org_bytes(), source="org.yaml")
    assert [a.id for a in app.acting.listing("admin")] == [made.id]
    assert "kabid" in holders(app, KADIS)


def test_appointments_are_checked(app: Lintas) -> None:
    cases = [
        ({"as_user": "budi"}, PermissionDenied, None),
        ({"capacity": "definitif"}, ValidationFailed, "capacity"),
        ({"role_path": "Kepala Dinas"}, ValidationFailed, "role"),
        ({"role_path": "PUPR/Bupati"}, ValidationFailed, "role"),
        ({"username": "orang.lain"}, ValidationFailed, "username"),          # another pemda
        ({"username": "nonaktif"}, ValidationFailed, "username"),
        ({"username": "kadis"}, ValidationFailed, "username"),               # already the Kepala Dinas
        ({"valid_from": date(2026, 3, 16)}, ValidationFailed, "valid_from"),  # in the past
        ({"valid_to": date(2026, 3, 24)}, ValidationFailed, "valid_to"),      # ends before it starts
        ({"valid_to": date(2027, 3, 25)}, ValidationFailed, "valid_to"),      # a year and a day
        ({"valid_from": "25-03-2026"}, ValidationFailed, "valid_from"),
    ]
    for changes, error, path in cases:
        with pytest.raises(error) as info:
            appoint(app, **changes)
        if path is not None:
            assert path in [e.path for e in info.value.errors], (changes, info.value.errors)
    appoint(app, valid_to=date(2027, 3, 24), capacity="pj", role_path="PUPR/Kepala Bidang", username="ani")
    appoint(app)
    with pytest.raises(ValidationFailed, match="1 isian") as info:
        appoint(app, valid_from=date(2026, 4, 30), valid_to=date(2026, 5, 10), capacity="plh")
    assert [e.path for e in info.value.errors] == ["valid_from"], "overlaps the same person's Plt of the role"
    appoint(app, valid_from=date(2026, 5, 1), valid_to=date(2026, 5, 10), capacity="plh")
    listed = app.acting.listing("admin", active_on=date(2026, 5, 2))
    assert [(a.capacity, a.username, a.valid_from) for a in listed] == [
        ("plh", "kabid", date(2026, 5, 1)), ("pj", "ani", date(2026, 3, 25))]
    with pytest.raises(PermissionDenied):
        app.acting.listing("budi")
    with pytest.raises(ValidationFailed) as info:               # the admin of another pemda
        appoint(app, as_user="orang.lain")
    assert [e.path for e in info.value.errors] == ["role", "username"]


def test_ending_and_cancelling(app: Lintas, clock: FixedClock) -> None:
    running = appoint(app, valid_from=date(2026, 3, 17))
    upcoming = appoint(app, role_path="PUPR/Staf", capacity="plh", valid_from=date(2026, 4, 1),
                       valid_to=date(2026, 4, 10))
    clock.moment = wib(25, 9)
    assert "kabid" in holders(app, KADIS)
    with pytest.raises(ValidationFailed):
        app.acting.end(running.id, "admin", date(2026, 3, 23))
    with pytest.raises(ValidationFailed):
        app.acting.end(running.id, "admin", date(2026, 5, 30))
    with pytest.raises(PermissionDenied):
        app.acting.end(running.id, "budi", date(2026, 3, 24))
    with pytest.raises(NotFound):
        app.acting.end(9999, "admin", date(2026, 3, 24))
    ended = app.acting.end(running.id, "admin", date(2026, 3, 24))
    assert (ended.valid_to, ended.ended_by, ended.state_on(date(2026, 3, 25))) == (
        date(2026, 3, 24), "admin", "berakhir")
    assert "kabid" not in holders(app, KADIS)
    assert app.work_items.inbox("kabid") == []
    with pytest.raises(Conflict):
        app.acting.end(running.id, "admin", date(2026, 3, 24))
    cancelled = app.acting.end(upcoming.id, "admin", date(2026, 3, 25))
    assert cancelled.state_on(date(2026, 4, 2)) == "dibatalkan"
    assert notification_titles(app, "kabid")[:2] == ["Penunjukan Plh. PUPR/Staf dibatalkan",
                                                      "Penunjukan Plt. PUPR/Kepala Dinas berakhir 24/03/2026"]
