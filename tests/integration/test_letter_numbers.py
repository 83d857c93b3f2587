"""Letter numbers under concurrent signing: no gaps and no duplicates, on SQLite and PostgreSQL.

Twelve letters of one unit are signed at the same time from twelve threads, and one more signing
attempt fails on a wrong passphrase in the middle of them: the numbers given are exactly 1..12.
Signatures are made at B-B here (the level does not change how numbers are taken, and B-LTA would
only make the test slower).
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from engine.bootstrap import Lintas
from engine.domain.errors import LintasError, ValidationFailed
from engine.sandbox import ScriptSandbox
from tests.conftest import FixedClock, make_lintas
from tests.integration.conftest import ORG, deploy
from tests.integration.documents_support import item, letter_bundle
from tests.signing_support import PASSPHRASE, SessionPki, enrol

LETTERS = 12


@pytest.fixture
def fast_app(database_url: str, tmp_path: Path, clock: FixedClock, sandbox: ScriptSandbox,
             session_pki: SessionPki) -> Iterator[Lintas]:
    app = make_lintas(database_url, tmp_path, clock, sandbox, session_pki, LINTAS_SIGNATURE_LEVEL="B-B")
    app.org.load_file(ORG)
    enrol(app, session_pki, "kabid", "kadis")
    yield app
    app.close()


def test_concurrent_signatures_take_numbers_without_gaps_or_duplicates(fast_app: Lintas, tmp_path: Path) -> None:
    app = fast_app
    deploy(app, letter_bundle(tmp_path))
    cases = [app.instances.start("surat-uji", as_user="budi", data={"perihal": f"Surat {n}"}).id
             for n in range(LETTERS + 1)]
    app.jobs.run_due(limit=100)
    for case in cases:
        app.documents.sign(item(app, "kabid", case), as_user="kabid", passphrase=PASSPHRASE)
    items = [item(app, "kadis", case) for case in cases]

    def sign(index: int) -> str | LintasError:
        passphrase = "frasa-keliru-sekali" if index == LETTERS // 2 else PASSPHRASE
        try:
            return str(app.documents.sign(items[index], as_user="kadis", passphrase=passphrase).document.number)
        except LintasError as exc:
            return exc

    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = list(pool.map(sign, range(LETTERS + 1)))

    failures = [o for o in outcomes if isinstance(o, LintasError)]
    assert len(failures) == 1 and isinstance(failures[0], ValidationFailed), failures
    numbers = sorted(int(str(o).split("/")[1]) for o in outcomes if isinstance(o, str))
    assert numbers == list(range(1, LETTERS + 1))
    assert all(str(o).startswith("600.1/") and str(o).endswith("/PUPR/2026") for o in outcomes if isinstance(o, str))
    stored = sorted(d.number for case in cases for d in app.documents.for_instance(case) if d.number)
    assert len(stored) == len(set(stored)) == LETTERS
