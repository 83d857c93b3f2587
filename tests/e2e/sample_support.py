"""The demo's sample complaint for the web tests: the complaint bundle deployed on the demo
organisation, its officials enrolled in the session PKI, walked to a signed Berita Acara."""

from __future__ import annotations

from pathlib import Path

from engine.bootstrap import Lintas
from engine.services.demo_walk import SampleCase, walk_sample_complaint
from tests.signing_support import PASSPHRASE, SessionPki, enrol

BUNDLE = Path(__file__).resolve().parents[2] / "processes" / "pengaduan-jalan-rusak"
SIGNERS = ("kabid.binamarga", "kadis.pupr")


def deploy_complaint(lintas: Lintas, session_pki: SessionPki) -> None:
    lintas.deployments.deploy(BUNDLE)
    enrol(lintas, session_pki, *SIGNERS)


def sample_complaint(lintas: Lintas, session_pki: SessionPki) -> SampleCase:
    deploy_complaint(lintas, session_pki)
    return walk_sample_complaint(lintas.instances, lintas.work_items, lintas.jobs, lintas.documents, PASSPHRASE)
