"""What signing and verification trust: named trust anchors, revocation sources and the TSA.

``TrustSettings`` is the one place both halves get their validation context, fetchers and time
stamper from, so what a signature is checked against at signing time is what it is verified
against later. Revocation is hard-fail: a certificate whose status cannot be established is not
trusted. When the development PKI runs in this process, ``Session`` answers its URLs in process
(no server needed for the CLI); every other URL goes over HTTP with aiohttp.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import aiohttp
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from multidict import CIMultiDict, CIMultiDictProxy
from pyhanko.sign.timestamps import HTTPTimeStamper, TimeStamper
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.fetchers.aiohttp_fetchers import AIOHttpFetcherBackend
from yarl import URL

from signing.errors import PkiError
from signing.pki.service import PkiService


@dataclass(frozen=True)
class TrustAnchor:
    """A root certificate trusted for signatures, under the name a report shows."""

    name: str
    certificate: asn1_x509.Certificate

    @classmethod
    def of(cls, name: str, cert: x509.Certificate | asn1_x509.Certificate) -> TrustAnchor:
        return cls(name, to_asn1(cert))


@dataclass(frozen=True)
class TrustSettings:
    anchors: tuple[TrustAnchor, ...]
    intermediates: tuple[asn1_x509.Certificate, ...] = ()
    tsa_url: str | None = None
    local: PkiService | None = field(default=None, compare=False)
    allow_fetching: bool = True
    timeout: float = 10.0

    def __post_init__(self) -> None:
        if not self.anchors:
            raise PkiError("tidak ada jangkar kepercayaan (trust anchor) yang ditetapkan",
                           "no trust anchor is configured")

    @classmethod
    def from_dev_pki(cls, service: PkiService) -> TrustSettings:
        pki = service.pki
        return cls(anchors=(TrustAnchor.of(_common_name(pki.root.certificate), pki.root.certificate),),
                   intermediates=(to_asn1(pki.issuing.certificate),), tsa_url=pki.urls.tsa, local=service)

    @classmethod
    def from_pem_files(cls, anchor_files: Iterable[Path], *, intermediate_files: Iterable[Path] = (),
                       tsa_url: str | None = None) -> TrustSettings:
        anchors = tuple(TrustAnchor.of(_common_name(c), c) for path in anchor_files for c in _read_certs(path))
        intermediates = tuple(to_asn1(c) for path in intermediate_files for c in _read_certs(path))
        return cls(anchors=anchors, intermediates=intermediates, tsa_url=tsa_url)

    def anchor_for(self, cert: asn1_x509.Certificate) -> TrustAnchor | None:
        for anchor in self.anchors:
            if anchor.certificate.sha256 == cert.sha256:
                return anchor
        return None

    def session(self) -> Session:
        """One transport for one operation: ``async with trust.session() as s: ...``."""
        return Session(self)

    def validation_context(self, session: Session, *, moment: datetime | None = None,
                           **extra: Any) -> ValidationContext:
        return ValidationContext(
            trust_roots=[a.certificate for a in self.anchors], other_certs=list(self.intermediates),
            allow_fetching=self.allow_fetching, revocation_mode="hard-fail", moment=moment,
            fetcher_backend=AIOHttpFetcherBackend(session, per_request_timeout=self.timeout), **extra)  # type: ignore[arg-type]

    def timestamper(self, session: Session) -> TimeStamper:
        if not self.tsa_url:
            raise PkiError("alamat layanan cap waktu (TSA) belum ditetapkan",
                           "no time-stamping authority is configured")
        return HTTPTimeStamper(self.tsa_url, timeout=self.timeout, session=session)  # type: ignore[arg-type]


class Session:
    """An aiohttp-compatible session that answers the local PKI's URLs in process.

    pyHanko's fetchers and time stamper call ``get``/``post`` with aiohttp's keywords and read the
    response body and ``Content-Type``; that is all this class provides for local URLs.
    """

    def __init__(self, trust: TrustSettings) -> None:
        self._local = trust.local
        self._remote: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> Session:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        if self._remote is not None:
            await self._remote.close()
            self._remote = None

    def get(self, url: str, **kwargs: Any) -> Any:
        return self._request("GET", url, b"", kwargs)

    def post(self, url: str, data: bytes = b"", **kwargs: Any) -> Any:
        return self._request("POST", url, data, kwargs)

    def _request(self, method: str, url: str, body: bytes, kwargs: dict[str, Any]) -> Any:
        if self._local is not None and self._local.owns(url):
            reply = self._local.handle_url(method, url, bytes(body))
            return _LocalResponse(method, url, reply.status, reply.content_type, reply.body,
                                  bool(kwargs.get("raise_for_status")))
        if self._remote is None:
            self._remote = aiohttp.ClientSession()
        return self._remote.request(method, url, data=body or None, **kwargs)


class _LocalResponse:
    def __init__(self, method: str, url: str, status: int, content_type: str, body: bytes, check: bool) -> None:
        self.status, self._body, self._check = status, body, check
        self.headers = CIMultiDictProxy(CIMultiDict({"Content-Type": content_type}))
        self.request_info = aiohttp.RequestInfo(URL(url), method, CIMultiDictProxy(CIMultiDict()), URL(url))
        self.history: tuple[Any, ...] = ()

    async def __aenter__(self) -> _LocalResponse:
        if self._check and self.status >= 400:
            raise aiohttp.ClientResponseError(self.request_info, self.history, status=self.status,
                                              message=self._body.decode(errors="replace"))
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        return None

    async def read(self) -> bytes:
        return self._body


def to_asn1(cert: x509.Certificate | asn1_x509.Certificate) -> asn1_x509.Certificate:
    if isinstance(cert, asn1_x509.Certificate):
        return cert
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _common_name(cert: x509.Certificate | asn1_x509.Certificate) -> str:
    subject = to_asn1(cert).subject.native
    return str(subject.get("common_name") or to_asn1(cert).subject.human_friendly)


def _read_certs(path: Path) -> list[asn1_x509.Certificate]:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise PkiError(f"berkas sertifikat tidak dapat dibaca: {path}",
                       f"cannot read certificate file: {path}") from exc
    try:
        if pem.detect(data):
            return [asn1_x509.Certificate.load(der) for _, _, der in pem.unarmor(data, multiple=True)]
        return [asn1_x509.Certificate.load(data)]
    except (ValueError, TypeError) as exc:
        raise PkiError(f"berkas sertifikat rusak: {path}", f"damaged certificate file: {path}") from exc
