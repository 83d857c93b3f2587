"""The development PKI's public endpoints, as one request handler for HTTP and in-process use.

Paths are relative to the PKI's base URL: ``GET /certs/{root,issuing,ocsp,tsa}.crt``,
``GET /crl/{root,issuing}.crl``, ``POST /ocsp`` (and ``GET /ocsp/<base64>``, RFC 6960 A.1) and
``POST /tsa``. The web app mounts ``handle`` under ``/pki``; the in-process transport of
``signing.trust`` calls it directly when no server runs, so signing never needs the network.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import unquote

from cryptography.hazmat.primitives import serialization

from signing.pki import responders
from signing.pki.dev import DevPki

MAX_REQUEST_BYTES = 64 * 1024


@dataclass(frozen=True)
class Reply:
    status: int
    content_type: str
    body: bytes


def _utcnow() -> datetime:
    return datetime.now(UTC)


class PkiService:
    def __init__(self, pki: DevPki, clock: Callable[[], datetime] = _utcnow) -> None:
        self.pki, self.clock = pki, clock

    @property
    def base_url(self) -> str:
        return self.pki.urls.base

    def owns(self, url: str) -> bool:
        return url.startswith(self.base_url + "/")

    def handle_url(self, method: str, url: str, body: bytes = b"") -> Reply:
        return self.handle(method, url[len(self.base_url):] if self.owns(url) else url, body)

    def handle(self, method: str, path: str, body: bytes = b"") -> Reply:
        if len(body) > MAX_REQUEST_BYTES:
            return _text(413, "permintaan terlalu besar / request too large")
        method = method.upper()
        if method == "GET" and path.startswith("/certs/") and path.endswith(".crt"):
            cert = self.pki.certificate(path[len("/certs/"):-len(".crt")])
            if cert is None:
                return _text(404, "sertifikat tidak dikenal / unknown certificate")
            return Reply(200, "application/pkix-cert", cert.public_bytes(serialization.Encoding.DER))
        if method == "GET" and path in ("/crl/root.crl", "/crl/issuing.crl"):
            ca = path[len("/crl/"):-len(".crl")]
            return Reply(200, "application/pkix-crl", responders.crl(self.pki, ca, self.clock()))
        if path == "/ocsp" and method == "POST":
            return Reply(200, "application/ocsp-response", responders.ocsp_response(self.pki, body, self.clock()))
        if path.startswith("/ocsp/") and method == "GET":
            try:
                request = base64.b64decode(unquote(path[len("/ocsp/"):]), validate=True)
            except (binascii.Error, ValueError):
                request = b""
            return Reply(200, "application/ocsp-response", responders.ocsp_response(self.pki, request, self.clock()))
        if path == "/tsa" and method == "POST":
            return Reply(200, "application/timestamp-reply",
                         responders.timestamp_response(self.pki, body, self.clock()))
        if path in ("/ocsp", "/tsa"):
            return _text(405, "gunakan POST / use POST")
        return _text(404, "tidak ditemukan / not found")


def _text(status: int, message: str) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", message.encode())
