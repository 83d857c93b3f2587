"""Documents in processes: render by a job, paraf and signature by passphrase, numbers, seal, storage.

Runs on SQLite and PostgreSQL. The officials' certificates come from the session's development PKI
(tests/signing_support.py); signing and verification use it in process, with no network.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sqlalchemy import text

from engine.bootstrap import Lintas
from engine.domain.errors import DeploymentRejected, InvalidInput, PermissionDenied, SigningRefused, ValidationFailed
from signing.pki import Subject
from tests import bpmn_builder as b
from tests.integration.documents_support import (
    TEMPLATE,
    add_acting_kadis,
    item,
    letter_bpmn,
    letter_bundle,
    started_letter,
)
from tests.integration.signing.sign_fixtures import require_tool
from tests.signing_support import PASSPHRASE, SessionPki, enrol


@pytest.fixture
def signing_app(app: Lintas, session_pki: SessionPki) -> Lintas:
    enrol(app, session_pki, "kabid", "kadis", seal_tenants=("kab-uji",))
    return app


def trail(app: Lintas, instance_id: int, action: str) -> list[dict[str, object]]:
    return [dict(e.summary) for e in app.instances.trail(instance_id) if e.action == action]


def test_the_job_renders_the_letter_with_its_planned_fields(signing_app: Lintas, tmp_path: Path) -> None:
    case = started_letter(signing_app, tmp_path)
    [doc] = signing_app.documents.for_instance(case)
    assert (doc.key, doc.title, doc.status, doc.revisions, doc.number) == ("surat", "Surat Uji", "draft", 1, None)
    assert [(s.field, s.kind, s.label) for s in doc.slots] == [
        ("paraf_kabid", "paraf", "Kepala Bidang"), ("ttd_kadis", "sign", "Kepala Dinas")]
    [rendered] = trail(signing_app, case, "document_rendered")          # once, although the step is held
    assert rendered["document"] == doc.id and rendered["sha256"] == doc.current_sha256
    data = signing_app.instances.show(case).data["dokumen"]["surat"]
    assert (data["id"], data["status"], data["nomor"]) == (doc.id, "draft", None)
    assert data["tautan"].endswith(f"/v/{doc.public_id}") and len(doc.public_id) >= 22
    [waiting] = [w for w in signing_app.work_items.inbox("kabid") if w.instance_id == case]
    assert (waiting.element_id, waiting.kind) == ("paraf", "paraf")


def test_paraf_then_signature_number_and_a_valid_document(signing_app: Lintas, tmp_path: Path) -> None:
    case = started_letter(signing_app, tmp_path)
    with pytest.raises(InvalidInput, match="frasa sandi"):              # a signing task is not "completed"
        signing_app.work_items.complete(item(signing_app, "kabid", case), as_user="kabid", data={})
    paraf = signing_app.documents.sign(item(signing_app, "kabid", case), as_user="kabid", passphrase=PASSPHRASE)
    assert (paraf.document.status, paraf.document.number) == ("signing", None)
    signed = signing_app.documents.sign(item(signing_app, "kadis", case), as_user="kadis", passphrase=PASSPHRASE)
    doc = signed.document
    assert (doc.status, doc.revisions, doc.number) == ("signed", 3, "600.1/1/PUPR/2026")
    revisions = signing_app.documents.detail(doc.id).revisions
    assert [(r.kind, r.field, r.signer, r.level) for r in revisions] == [
        ("rendered", None, None, None), ("paraf", "paraf_kabid", "Kepala Bidang", "B-LTA"),
        ("sign", "ttd_kadis", "Kepala Dinas PUPR", "B-LTA")]
    assert len({r.sha256 for r in revisions}) == 3
    report = signing_app.documents.verify(doc.id)
    assert report.verdict == "VALID", report.report.get("text")
    assert signing_app.instances.show(case).status == "completed"
    [last] = trail(signing_app, case, "task_completed")[-1:]
    assert (last["field"], last["number"], last["sha256"]) == ("ttd_kadis", doc.number, doc.current_sha256)
    assert PASSPHRASE not in str(signing_app.instances.trail(case))      # the passphrase is never recorded


def test_a_wrong_passphrase_changes_nothing_and_gives_no_number_away(signing_app: Lintas, tmp_path: Path) -> None:
    case = started_letter(signing_app, tmp_path)
    signing_app.documents.sign(item(signing_app, "kabid", case), as_user="kabid", passphrase=PASSPHRASE)
    before = signing_app.documents.for_instance(case)[0]
    entries = len(signing_app.instances.trail(case))
    with pytest.raises(ValidationFailed) as caught:
        signing_app.documents.sign(item(signing_app, "kadis", case), as_user="kadis", passphrase="bukan-frasa-ini")
    assert [(e.path, e.message_id) for e in caught.value.errors] == [("frasa_sandi", "frasa sandi salah")]
    after = signing_app.documents.for_instance(case)[0]
    assert (after.revisions, after.current_sha256, after.number) == (before.revisions, before.current_sha256, None)
    assert len(signing_app.instances.trail(case)) == entries
    doc = signing_app.documents.sign(item(signing_app, "kadis", case), as_user="kadis", passphrase=PASSPHRASE).document
    assert doc.number == "600.1/1/PUPR/2026"                           # the failed attempt took no number


def test_only_a_candidate_may_sign_and_an_official_needs_a_certificate(app: Lintas, session_pki: SessionPki,
                                                                       tmp_path: Path) -> None:
    enrol(app, session_pki, "kabid")
    case = started_letter(app, tmp_path)
    with pytest.raises(PermissionDenied):
        app.documents.sign(item(app, "kabid", case), as_user="budi", passphrase=PASSPHRASE)
    app.documents.sign(item(app, "kabid", case), as_user="kabid", passphrase=PASSPHRASE)
    with pytest.raises(SigningRefused, match="belum memiliki sertifikat"):
        app.documents.sign(item(app, "kadis", case), as_user="kadis", passphrase=PASSPHRASE)


def test_the_signature_waits_for_the_paraf(signing_app: Lintas, tmp_path: Path) -> None:
    case = started_letter(signing_app, tmp_path, sign_first=True)
    with pytest.raises(SigningRefused, match="paraf belum lengkap"):
        signing_app.documents.sign(item(signing_app, "kadis", case), as_user="kadis", passphrase=PASSPHRASE)


def test_a_revoked_certificate_is_refused(app: Lintas, session_pki: SessionPki, tmp_path: Path) -> None:
    own = session_pki.pki.issue(Subject("Kepala Bidang (dicabut)", "Pemerintah Kabupaten Uji", username="kabid"),
                                PASSPHRASE)
    app.credentials.register_pkcs12("kabid", own.pkcs12, PASSPHRASE)    # this certificate is only this test's
    session_pki.pki.revoke(own.serial, reason="key_compromise")
    case = started_letter(app, tmp_path)
    with pytest.raises(SigningRefused, match="dicabut"):
        app.documents.sign(item(app, "kabid", case), as_user="kabid", passphrase=PASSPHRASE)
    assert app.documents.for_instance(case)[0].revisions == 1


def test_a_sealed_document_is_sealed_and_numbered_by_the_job(signing_app: Lintas, tmp_path: Path) -> None:
    bpmn = b.process("segel_uji", b.start(), b.document("terbit", "surat.html", lintas__documentKey="tanda_terima",
                                                        lintas__seal="true", lintas__classification="000.1",
                                                        lintas__letterhead="SETDA"),
                     b.end(), b.flow("start", "terbit", "end"))
    template = TEMPLATE.replace('<p>Paraf: {{ paraf("paraf_kabid") }}</p>\n<p>{{ tanda_tangan("ttd_kadis") }}</p>',
                                '<p>{{ segel("segel") }}</p>')
    signing_app.deployments.deploy(letter_bundle(tmp_path, bpmn, template, key="segel-uji"), tenant="kab-uji")
    case = signing_app.instances.start("segel-uji", as_user="budi", data={"perihal": "Tanda terima"})
    signing_app.jobs.run_due()
    [doc] = signing_app.documents.for_instance(case.id)
    assert (doc.status, doc.number, doc.revisions) == ("signed", "000.1/1/SETDA/2026", 2)
    assert signing_app.instances.show(case.id).status == "completed"
    assert signing_app.documents.verify(doc.id).verdict == "VALID"
    assert trail(signing_app, case.id, "document_sealed")[0]["number"] == doc.number


@pytest.mark.parametrize("change, words", [
    (lambda bpmn, tpl: (bpmn, tpl.replace('{{ paraf("paraf_kabid") }}', "")), "paraf_kabid"),
    (lambda bpmn, tpl: (bpmn.replace('lintas:sign="surat" lintas:signField="ttd_kadis"',
                                     'lintas:sign="lain" lintas:signField="ttd_kadis"'), tpl), "dokumen 'lain'"),
    (lambda bpmn, tpl: (bpmn.replace('lintas:signKind="paraf"', 'lintas:signKind="setuju"'), tpl), "setuju"),
    (lambda bpmn, tpl: (bpmn.replace('lintas:letterhead="PUPR"', 'lintas:letterhead="NIHIL"'), tpl), "NIHIL"),
    (lambda bpmn, tpl: (bpmn.replace('lintas:document="surat.html"', 'lintas:document="tidak-ada.html"'), tpl),
     "tidak-ada.html"),
    (lambda bpmn, tpl: (bpmn, tpl.replace("{% block isi %}", "{% block isi %}{% if %}")), "baris"),
])
def test_deploy_refuses_documents_that_do_not_fit(app: Lintas, tmp_path: Path, change: object, words: str) -> None:
    bpmn, template = change(letter_bpmn(), TEMPLATE)  # type: ignore[operator]
    with pytest.raises(DeploymentRejected) as caught:
        app.deployments.deploy(letter_bundle(tmp_path, bpmn, template), tenant="kab-uji")
    assert words in str(caught.value)


def test_revisions_and_blobs_are_write_once(signing_app: Lintas, tmp_path: Path) -> None:
    started_letter(signing_app, tmp_path)
    for statement in ("UPDATE document_revision SET kind = 'sign'", "DELETE FROM document_revision",
                      "UPDATE blob SET size = 0", "DELETE FROM blob"):
        with pytest.raises(Exception, match="write-once"), signing_app.ctx.db.writer.begin() as conn:
            conn.execute(text(statement))


def test_public_view_and_pdf_of_a_signed_letter(signing_app: Lintas, tmp_path: Path) -> None:
    case = started_letter(signing_app, tmp_path)
    signing_app.documents.sign(item(signing_app, "kabid", case), as_user="kabid", passphrase=PASSPHRASE)
    doc = signing_app.documents.sign(item(signing_app, "kadis", case), as_user="kadis",
                                     passphrase=PASSPHRASE).document
    shown = signing_app.documents.public(doc.public_id)
    assert (shown.verification.verdict, shown.number, shown.issuer) == ("VALID", doc.number, "Pemerintah Kabupaten Uji")
    assert [(s.kind, s.signer) for s in shown.signatures] == [("paraf", "Kepala Bidang"), ("sign", "Kepala Dinas PUPR")]
    name, pdf = signing_app.documents.public_pdf(doc.public_id)
    assert pdf.startswith(b"%PDF") and name.endswith(".pdf")


def test_people_not_involved_cannot_read_an_instances_documents(signing_app: Lintas, tmp_path: Path) -> None:
    case = started_letter(signing_app, tmp_path)
    assert len(signing_app.documents.for_instance(case, as_user="kabid")) == 1
    with pytest.raises(PermissionDenied):
        signing_app.documents.for_instance(case, as_user="dedi")          # DISHUB staff
    doc = signing_app.documents.for_instance(case)[0]
    with pytest.raises(PermissionDenied):
        signing_app.documents.content(doc.id, as_user="dedi")


def test_an_acting_official_signs_in_that_capacity(app: Lintas, session_pki: SessionPki, tmp_path: Path) -> None:
    add_acting_kadis(app, tmp_path)
    enrol(app, session_pki, "kabid", "plt.kadis")
    case = started_letter(app, tmp_path)
    app.documents.sign(item(app, "kabid", case), as_user="kabid", passphrase=PASSPHRASE)
    doc = app.documents.sign(item(app, "plt.kadis", case), as_user="plt.kadis", passphrase=PASSPHRASE).document
    last = app.documents.detail(doc.id).revisions[-1]
    assert (last.signer, last.signer_role, last.capacity) == ("Rina Pelaksana", "Plt. Kepala Dinas", "plt")
    assert "Plt. Kepala Dinas" in pdf_text(app.documents.content(doc.id)[1], tmp_path)
    assert app.documents.verify(doc.id).verdict == "VALID"


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    return subprocess.run([require_tool("pdftotext", "poppler-utils"), str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
