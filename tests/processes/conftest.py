"""Process fixtures: the demo organisation with the complaint bundle deployed and its signing officials
enrolled in the session's development PKI."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.bootstrap import Lintas
from tests.signing_support import SessionPki, enrol

BUNDLE = Path(__file__).resolve().parents[2] / "processes" / "pengaduan-jalan-rusak"
KEY = "pengaduan-jalan-rusak"
SIGNERS = ("kabid.binamarga", "kadis.pupr")      # paraf and signature of the Berita Acara


@pytest.fixture
def app(demo_lintas: Lintas, session_pki: SessionPki) -> Lintas:
    results = demo_lintas.deployments.deploy(BUNDLE)
    assert [(r.key, r.version, r.created) for r in results] == [(KEY, 1, True)]
    enrol(demo_lintas, session_pki, *SIGNERS)
    return demo_lintas
