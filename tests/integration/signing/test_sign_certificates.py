"""A certificate that may not sign now is refused before anything is signed, saying which and since when."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from asn1crypto import x509 as asn1_x509

from signing.errors import CertificateRefused
from signing.pki import DevPki, Subject
from signing.sign import SignatureLevel, SigningRequest, sign_document
from signing.signers import Pkcs12Signer, SignatureJob
from signing.stamp import format_time
from tests.integration.signing.pki_helpers import BASE_URL, ORGANIZATION, Official, SigningPki, sample_pdf
from tests.integration.signing.sign_fixtures import request_for, stamp_for

PASSPHRASE = "frasa-uji-sertifikat"


class CountingSigner:
    """A PKCS#12 backend that counts how often it was asked to sign."""

    def __init__(self, inner: Pkcs12Signer) -> None:
        self.inner, self.calls = inner, 0

    @property
    def identity(self) -> str:
        return self.inner.identity

    @property
    def certificate(self) -> asn1_x509.Certificate | None:
        return self.inner.certificate

    @property
    def can_certify(self) -> bool:
        return True

    async def sign(self, job: SignatureJob, passphrase: str) -> bytes:
        self.calls += 1
        return await self.inner.sign(job, passphrase)


def _official(pki: DevPki, cn: str, **issue: object) -> Official:
    subject = Subject(cn, ORGANIZATION, unit="Dinas PUPR", title="Kepala Seksi", nip="199001012015011001",
                      username=cn.lower().replace(" ", "."))
    return Official(subject.username, subject, PASSPHRASE, pki.issue(subject, PASSPHRASE, **issue))  # type: ignore[arg-type]


def _sign(test_pki: SigningPki, official: Official, backend: object, **request: object) -> None:
    sign_document(sample_pdf(), request_for(official, "ttd_kadis", **request), backend,  # type: ignore[arg-type]
                  official.passphrase, test_pki.trust)


def test_revoked_certificate_is_refused_with_the_revocation_time(test_pki: SigningPki) -> None:
    official = _official(test_pki.pki, "Andi Revoked")
    revoked = test_pki.pki.revoke(official.credential.serial, reason="key_compromise")
    assert revoked.revoked_at is not None
    backend = CountingSigner(Pkcs12Signer(official.credential.pkcs12, certificate=official.credential.certificate))
    with pytest.raises(CertificateRefused) as caught:
        _sign(test_pki, official, backend)
    when = format_time(revoked.revoked_at, "Asia/Jakarta")
    assert caught.value.message_id.startswith(f"Sertifikat penanda tangan telah dicabut sejak {when}")
    assert caught.value.message_id.endswith("(alasan: kunci privat bocor)")
    assert "was revoked on" in caught.value.message_en and "key compromise" in caught.value.message_en
    assert backend.calls == 0, "the key is never unlocked for a refused certificate"


def test_revoked_certificate_known_only_inside_the_pkcs12_is_refused_before_signing(test_pki: SigningPki) -> None:
    official = _official(test_pki.pki, "Budi Revoked")
    test_pki.pki.revoke(official.credential.serial)
    with pytest.raises(CertificateRefused, match="telah dicabut sejak"):
        _sign(test_pki, official, Pkcs12Signer(official.credential.pkcs12))


def test_expired_certificate_is_refused_with_its_end_date_in_the_tenant_zone(test_pki: SigningPki) -> None:
    start = datetime.now(UTC) - timedelta(days=400)
    official = _official(test_pki.pki, "Citra Expired", not_before=start, days=30)
    backend = CountingSigner(Pkcs12Signer(official.credential.pkcs12, certificate=official.credential.certificate))
    with pytest.raises(CertificateRefused) as caught:
        request = SigningRequest("ttd_kadis", stamp_for(official, time_zone="Asia/Makassar"))
        sign_document(sample_pdf(), request, backend, official.passphrase, test_pki.trust)
    end = official.credential.certificate.not_valid_after_utc
    assert caught.value.message_id == f"Sertifikat penanda tangan kedaluwarsa sejak {format_time(end, 'Asia/Makassar')}"
    assert "WITA" in caught.value.message_id
    assert backend.calls == 0


def test_not_yet_valid_certificate_is_refused_with_its_start_date(test_pki: SigningPki) -> None:
    start = datetime.now(UTC) + timedelta(days=10)
    official = _official(test_pki.pki, "Dewi Future", not_before=start, days=365)
    backend = CountingSigner(Pkcs12Signer(official.credential.pkcs12, certificate=official.credential.certificate))
    with pytest.raises(CertificateRefused) as caught:
        _sign(test_pki, official, backend, level=SignatureLevel.B_T)
    assert caught.value.message_id == ("Sertifikat penanda tangan belum berlaku; berlaku mulai "
                                       f"{format_time(start, 'Asia/Jakarta')}")
    assert backend.calls == 0


def test_certificate_from_an_untrusted_ca_is_refused(test_pki: SigningPki, tmp_path: Path) -> None:
    stranger_pki = DevPki.create(tmp_path / "asing", BASE_URL.replace("/pki", "/asing"), "Pemerintah Kabupaten Asing")
    official = _official(stranger_pki, "Eko Stranger")
    with pytest.raises(CertificateRefused, match="tidak diterbitkan oleh CA yang dipercaya"):
        _sign(test_pki, official, Pkcs12Signer(official.credential.pkcs12,
                                               certificate=official.credential.certificate))
