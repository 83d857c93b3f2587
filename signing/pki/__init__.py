"""The development PKI (DEV root and issuing CA, OCSP responder, TSA) and its endpoints."""

from signing.pki.certs import DEV_MARK, Subject, Urls
from signing.pki.dev import Credential, DevPki, Issued
from signing.pki.service import PkiService, Reply

__all__ = ["DEV_MARK", "Credential", "DevPki", "Issued", "PkiService", "Reply", "Subject", "Urls"]
