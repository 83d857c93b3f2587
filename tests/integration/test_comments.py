"""Comments on a case: plain bounded text, append-only, an audit entry with a digest, readers only."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import text

from engine.bootstrap import Lintas
from engine.domain.cases import MAX_COMMENT_CHARS
from engine.domain.errors import InvalidInput, NotFound, PermissionDenied
from tests.conftest import FixedClock
from tests.integration.cases_support import (
    AUDITOR,
    FOREIGN_AUDITOR,
    FOREIGNER,
    OTHER_SUPERVISOR,
    OUTSIDER,
    STAF,
    STARTER,
    SUPERVISOR,
    deploy_berkas,
    load_org,
    start,
)


@pytest.fixture
def app(lintas: Lintas, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Lintas:
    load_org(lintas, tmp_path)
    deploy_berkas(lintas, tmp_path)
    return lintas


def test_comments_are_listed_in_order_with_their_authors(app: Lintas, clock: FixedClock) -> None:
    case = start(app)
    first = app.comments.add(case, as_user=STAF, text="  Mohon dicek ulang lokasinya.\r\n\r\n\r\n\r\nTerima kasih. ")
    clock.advance(minutes=5)
    app.comments.add(case, as_user=AUDITOR, text="<b>Dicatat</b> untuk audit.")
    listed = app.comments.listing(case, as_user=STARTER)
    assert [(c.author, c.author_name, c.text) for c in listed] == [
        (STAF, "Budi Santoso", "Mohon dicek ulang lokasinya.\n\nTerima kasih."),
        (AUDITOR, "Putri Auditor", "<b>Dicatat</b> untuk audit."),      # plain text: escaped when shown
    ]
    assert listed[0].id == first.id and listed[1].created_at > listed[0].created_at


def test_the_trail_keeps_a_digest_and_an_excerpt_not_the_whole_comment(app: Lintas) -> None:
    case = start(app)
    long = "Hasil peninjauan lapangan: " + "jalan berlubang di beberapa titik, " * 40
    comment = app.comments.add(case, as_user=SUPERVISOR, text=long)
    [entry] = [e for e in app.instances.trail(case) if e.action == "comment_added"]
    assert entry.actor == SUPERVISOR
    assert entry.summary["sha256"] == hashlib.sha256(comment.text.encode()).hexdigest()
    assert entry.summary["length"] == len(comment.text) > 1000
    assert len(entry.summary["excerpt"]) == 120 and entry.summary["excerpt"].endswith("…")
    assert comment.text not in str(entry.summary)
    assert app.instances.verify_audit(case).ok
    [line] = [t for t in app.cases.timeline(case, as_user=STAF) if t.action == "comment_added"]
    assert line.text_id.startswith("Endang Sekdis menambahkan komentar: “Hasil peninjauan lapangan: jalan")


def test_empty_overlong_and_control_characters(app: Lintas) -> None:
    case = start(app)
    for blank in ("", "   \n\t ", "\x00\x07"):
        with pytest.raises(InvalidInput, match="kosong"):
            app.comments.add(case, as_user=STAF, text=blank)
    with pytest.raises(InvalidInput, match="terlalu panjang"):
        app.comments.add(case, as_user=STAF, text="a" * (MAX_COMMENT_CHARS + 1))
    assert app.comments.add(case, as_user=STAF, text="a" * MAX_COMMENT_CHARS).text == "a" * MAX_COMMENT_CHARS
    assert app.comments.add(case, as_user=STAF, text="ok\x1b[31m\u200b!").text == "ok[31m!"
    assert len(app.comments.listing(case, as_user=STAF)) == 2


def test_only_readers_comment_and_read_comments(app: Lintas) -> None:
    case = start(app)
    for reader in (STARTER, STAF, SUPERVISOR, AUDITOR):
        app.comments.add(case, as_user=reader, text=f"catatan {reader}")
    assert len(app.comments.listing(case, as_user=AUDITOR)) == 4
    for refused, error in ((OUTSIDER, PermissionDenied), (OTHER_SUPERVISOR, PermissionDenied),
                           (FOREIGNER, NotFound), (FOREIGN_AUDITOR, NotFound)):
        with pytest.raises(error):
            app.comments.add(case, as_user=refused, text="boleh lihat?")
        with pytest.raises(error):
            app.comments.listing(case, as_user=refused)
    with pytest.raises(NotFound):
        app.comments.listing(987654, as_user=STAF)


def test_comments_are_append_only(app: Lintas) -> None:
    case = start(app)
    app.comments.add(case, as_user=STAF, text="asli")
    for statement in ("UPDATE instance_comment SET body = 'diubah'", "DELETE FROM instance_comment"):
        with pytest.raises(Exception, match="append-only"), app.ctx.db.writer.begin() as conn:
            conn.execute(text(statement))
    assert [c.text for c in app.comments.listing(case, as_user=STAF)] == ["asli"]
