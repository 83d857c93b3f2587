"""Attachments: the type is judged by the content, sizes are bounded, bytes are stored once and never
changed, file fields must name the case's own attachments, and only the case's readers get them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from sqlalchemy import text

from engine.bootstrap import Lintas
from engine.domain.attachments import DOCX, XLSX, FileTooLarge, FileTypeRefused
from engine.domain.errors import InvalidInput, NotFound, PermissionDenied, ValidationFailed
from engine.settings import Settings
from tests.conftest import FixedClock
from tests.integration.cases_support import (
    AUDITOR,
    FOREIGNER,
    KABID,
    OTHER_SUPERVISOR,
    OUTSIDER,
    STAF,
    STARTER,
    SUPERVISOR,
    deploy_berkas,
    jpeg,
    load_org,
    ooxml,
    open_item,
    pdf,
    png,
    start,
)


@pytest.fixture
def app(lintas: Lintas, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Lintas:
    load_org(lintas, tmp_path)
    deploy_berkas(lintas, tmp_path)
    return lintas


def blobs(app: Lintas, sha256: str) -> int:
    with app.ctx.db.reader.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM blob WHERE sha256 = :s"), {"s": sha256}).scalar_one())


def test_the_content_decides_the_type_not_the_name_or_the_browser(app: Lintas) -> None:
    case = start(app)
    renamed = app.attachments.store(case, as_user=STAF, filename="foto.pdf", content_type="application/pdf",
                                    data=png())
    assert (renamed.media_type, renamed.name) == ("image/png", "foto.png")
    assert renamed.token == f"lmp-{renamed.id}"
    for name, data in (("surat.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
                       ("laporan.pdf", b"%PDF-1.7 but cut short"),
                       ("arsip.docx", ooxml("application/vnd.ms-word.document.macroEnabled.main+xml",
                                            "word/document.xml")),
                       ("gambar.png", b"GIF89a\x01\x00\x01\x00")):
        with pytest.raises(FileTypeRefused, match="PDF, PNG"):
            app.attachments.store(case, as_user=STAF, filename=name, content_type="application/pdf", data=data)
    word = ooxml("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                 "word/document.xml")
    sheet = ooxml("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "xl/workbook.xml")
    assert app.attachments.store(case, as_user=STAF, filename="../../etc/notulen", data=word).name == "notulen.docx"
    assert app.attachments.store(case, as_user=STAF, filename="rekap.xlsx", data=sheet).media_type == XLSX
    assert app.attachments.store(case, as_user=STAF, filename="a\x00b<c>.jpeg", data=jpeg()).name == "ab_c_.jpeg"
    assert [a.media_type for a in app.attachments.listing(case, as_user=STAF)] == [
        "image/png", DOCX, XLSX, "image/jpeg"]


def test_a_field_can_narrow_the_types_at_upload(app: Lintas) -> None:
    case = start(app)
    with pytest.raises(FileTypeRefused, match="diterima: PDF"):
        app.attachments.store(case, as_user=STAF, filename="surat.pdf", data=png(), accept="application/pdf")
    assert app.attachments.store(case, as_user=STAF, filename="x", data=png(), accept="image/*").name == "x.png"


def test_size_is_limited_by_the_setting(app: Lintas) -> None:
    assert Settings.from_env({}).max_upload_bytes == 10 * 1024 * 1024
    assert Settings.from_env({"LINTAS_MAX_UPLOAD_BYTES": "2048"}).max_upload_bytes == 2048
    case = start(app)
    app.ctx.settings = dataclasses.replace(app.ctx.settings, max_upload_bytes=2048)
    exact = pdf("x" * (2048 - len(pdf(""))))
    assert len(exact) == 2048
    assert app.attachments.store(case, as_user=STAF, filename="pas.pdf", data=exact).size == 2048
    with pytest.raises(FileTooLarge, match="batas 2,048 byte"):
        app.attachments.store(case, as_user=STAF, filename="besar.pdf", data=exact + b"\n")
    with pytest.raises(Exception, match="kosong"):
        app.attachments.store(case, as_user=STAF, filename="kosong.pdf", data=b"")
    assert len(app.attachments.listing(case, as_user=STAF)) == 1


def test_identical_files_share_one_write_once_blob(app: Lintas) -> None:
    case, other = start(app), start(app)
    first = app.attachments.store(case, as_user=STAF, filename="a.pdf", data=pdf())
    second = app.attachments.store(other, as_user=STAF, filename="b.pdf", data=pdf())
    assert first.id != second.id and first.sha256 == second.sha256
    assert blobs(app, first.sha256) == 1
    assert app.attachments.content(first.id, as_user=STAF) == ("a.pdf", "application/pdf", pdf())
    for statement in ("UPDATE blob SET size = 1", "DELETE FROM blob"):
        with pytest.raises(Exception, match="write-once"), app.ctx.db.writer.begin() as conn:
            conn.execute(text(statement))
    added = [e for e in app.instances.trail(case) if e.action == "attachment_added"]
    assert [(e.actor, e.summary["sha256"], e.summary["name"]) for e in added] == [(STAF, first.sha256, "a.pdf")]
    assert app.instances.verify_audit(case).ok


def test_completion_accepts_only_this_cases_attachments_of_the_fields_types(app: Lintas) -> None:
    case, other = start(app), start(app)
    item = open_item(app, case)
    mine = app.attachments.store(case, as_user=STAF, filename="laporan.pdf", data=pdf())
    photo = app.attachments.store(case, as_user=STAF, filename="foto.jpg", data=jpeg())
    theirs = app.attachments.store(other, as_user=STAF, filename="lain.pdf", data=pdf())
    bad = [
        ({"lampiran": theirs.token}, "lampiran", "bukan milik kasus ini"),
        ({"lampiran": "lmp-999999"}, "lampiran", "bukan milik kasus ini"),
        ({"lampiran": "berkas.pdf"}, "lampiran", "Lampiran tidak valid"),
        ({"lampiran": photo.token}, "lampiran", "yang diterima: PDF, PNG"),
        ({"foto": [{"berkas": photo.token}, {"berkas": mine.token}]}, "foto[1].berkas", "yang diterima: JPEG, PNG"),
    ]
    for extra, path, message in bad:
        with pytest.raises(ValidationFailed) as info:
            app.work_items.complete(item, as_user=STAF, data={"uraian": "Selesai diperiksa", **extra})
        code = "format" if extra.get("lampiran") == "berkas.pdf" else "attachment"   # not even shaped like one
        assert [(e.path, e.code) for e in info.value.errors] == [(path, code)]
        assert message in info.value.errors[0].message_id
    done = app.work_items.complete(item, as_user=STAF, data={
        "uraian": "Selesai diperiksa", "lampiran": mine.token, "foto": [{"berkas": photo.token, "keterangan": "x"}]})
    assert done.status == "completed"
    data = app.instances.show(case).data
    assert (data["lampiran"], data["foto"][0]["berkas"]) == (mine.token, photo.token)
    assert [a.name for a in app.attachments.resolve([mine.token, theirs.token], case, as_user=KABID)] == [
        "laporan.pdf"]


def test_start_form_uploads_wait_for_their_instance_then_join_it(app: Lintas) -> None:
    early = app.attachments.store(None, as_user=STARTER, filename="pengantar.pdf", data=pdf("pengantar"))
    assert early.instance_id is None
    assert [a.id for a in app.attachments.pending(as_user=STARTER)] == [early.id]
    for stranger in (STAF, AUDITOR):
        with pytest.raises(NotFound):
            app.attachments.content(early.id, as_user=stranger)
    with pytest.raises(ValidationFailed) as info:            # someone else's upload is not theirs to send
        app.instances.start("berkas", as_user=STAF, data={"judul": "X", "surat": early.token})
    assert [e.path for e in info.value.errors] == ["surat"]
    picture = app.attachments.store(None, as_user=STARTER, filename="foto.png", data=png())
    with pytest.raises(ValidationFailed):                    # the start form takes PDF only
        start(app, surat=picture.token)
    case = start(app, surat=early.token)
    assert [a.id for a in app.attachments.listing(case, as_user=STAF)] == [early.id]
    assert [a.id for a in app.attachments.pending(as_user=STARTER)] == [picture.id]
    trail = app.instances.trail(case)
    assert [e.action for e in trail[:2]] == ["instance_started", "attachment_added"]
    assert app.instances.verify_audit(case).ok
    with pytest.raises(ValidationFailed):                    # used once: it belongs to that case now
        start(app, surat=early.token)
    assert app.attachments.content(early.id, as_user=STAF)[0] == "pengantar.pdf"


def test_only_readers_of_the_case_get_its_files_and_only_workers_add_them(app: Lintas) -> None:
    case = start(app)
    ref = app.attachments.store(case, as_user=STAF, filename="a.pdf", data=pdf())
    for reader in (STARTER, STAF, "ani", SUPERVISOR, AUDITOR):
        assert app.attachments.content(ref.id, as_user=reader)[2] == pdf()
    # The Kepala Bidang's step is not reached yet: not involved so far.
    for refused, error in ((KABID, PermissionDenied), (OUTSIDER, PermissionDenied),
                           (OTHER_SUPERVISOR, PermissionDenied), (FOREIGNER, NotFound), ("auditor.lain", NotFound)):
        with pytest.raises(error):
            app.attachments.content(ref.id, as_user=refused)
        with pytest.raises(error):
            app.attachments.listing(case, as_user=refused)
        with pytest.raises(error):
            app.attachments.store(case, as_user=refused, filename="b.pdf", data=pdf())
    with pytest.raises(PermissionDenied, match="auditor"):
        app.attachments.store(case, as_user=AUDITOR, filename="b.pdf", data=pdf())
    assert app.attachments.store(case, as_user=SUPERVISOR, filename="c.pdf", data=pdf()).uploaded_by == SUPERVISOR


def test_unsent_start_form_uploads_are_capped_per_day(app: Lintas, clock: FixedClock,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("engine.services.attachments.MAX_PENDING_PER_DAY", 2)
    for _ in range(2):
        app.attachments.store(None, as_user=STARTER, filename="a.pdf", data=pdf())
    with pytest.raises(InvalidInput, match="belum dikirim"):
        app.attachments.store(None, as_user=STARTER, filename="a.pdf", data=pdf())
    app.attachments.store(start(app), as_user=STARTER, filename="a.pdf", data=pdf())   # a case's files are not capped
    clock.advance(days=1, seconds=1)
    assert app.attachments.store(None, as_user=STARTER, filename="a.pdf", data=pdf()).instance_id is None
