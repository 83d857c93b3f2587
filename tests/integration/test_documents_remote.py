"""An official registered with the national-style remote signing service signs a process document.

The fake BSrE service (tests/integration/signing/fake_bsre.py) listens on 127.0.0.1 and holds the
Kepala Dinas's key by NIK; Lintas posts the PDF with the NIK and the passphrase, checks what comes
back and raises it to B-LTA. A wrong passphrase at the service is the same field error as locally.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from engine.bootstrap import Lintas
from engine.domain.errors import ValidationFailed
from engine.sandbox import ScriptSandbox
from signing.pki import PkiService
from signing.trust import TrustSettings
from tests.conftest import FixedClock, make_lintas
from tests.integration.conftest import ORG
from tests.integration.documents_support import item, started_letter
from tests.integration.signing.fake_bsre import FakeBsre
from tests.signing_support import PASSPHRASE, SessionPki, enrol

NIK = "3201010101800001"


@pytest.fixture
def service(session_pki: SessionPki) -> Iterator[FakeBsre]:
    credential = session_pki.credential("kadis-remote", "Kepala Dinas PUPR")
    fake = FakeBsre(TrustSettings.from_dev_pki(PkiService(session_pki.pki)), {NIK: credential.pkcs12})
    with fake.running() as running:
        yield running


@pytest.fixture
def remote_app(service: FakeBsre, database_url: str, tmp_path: Path, clock: FixedClock, sandbox: ScriptSandbox,
               session_pki: SessionPki) -> Iterator[Lintas]:
    app = make_lintas(database_url, tmp_path, clock, sandbox, session_pki, LINTAS_REMOTE_SIGNER_URL=service.url)
    app.org.load_file(ORG)
    enrol(app, session_pki, "kabid")
    certificate = session_pki.credential("kadis-remote", "Kepala Dinas PUPR").certificate
    app.credentials.register_external("kadis", "remote", certificate.public_bytes(serialization.Encoding.PEM),
                                      {"nik": NIK})
    yield app
    app.close()


def test_remote_service_signature_after_a_local_paraf(remote_app: Lintas, service: FakeBsre,
                                                      tmp_path: Path) -> None:
    case = started_letter(remote_app, tmp_path)
    remote_app.documents.sign(item(remote_app, "kabid", case), as_user="kabid", passphrase=PASSPHRASE)
    with pytest.raises(ValidationFailed) as caught:
        remote_app.documents.sign(item(remote_app, "kadis", case), as_user="kadis", passphrase="bukan-frasanya")
    assert caught.value.errors[0].path == "frasa_sandi"
    doc = remote_app.documents.sign(item(remote_app, "kadis", case), as_user="kadis", passphrase=PASSPHRASE).document
    assert (doc.status, doc.number) == ("signed", "600.1/1/PUPR/2026")
    assert [r["nik"] for r in service.requests] == [NIK, NIK]
    assert all("passphrase" not in r for r in service.requests)
    last = remote_app.documents.detail(doc.id).revisions[-1]
    assert (last.field, last.level) == ("ttd_kadis", "B-LTA")
    assert remote_app.documents.verify(doc.id).verdict == "VALID"
