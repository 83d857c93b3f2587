"""One development PKI per test session, and enrolment of officials into each test's database.

Certificates are issued at run time (nothing is stored in the repository) and cached per username
for the session, so a test enrols the officials it needs in milliseconds. Tests that revoke a
certificate must make their own PKI: revocations here would leak into other tests.
"""

from __future__ import annotations

from pathlib import Path

from engine.bootstrap import Lintas
from signing.pki import Credential, DevPki, Subject

PASSPHRASE = "frasa-sandi-uji"          # every test official's passphrase, and the test seals'
BASE_URL = "http://127.0.0.1:9/pki"     # nothing listens there: PKI requests are answered in process


class SessionPki:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.pki = DevPki.create(directory, BASE_URL, "Pemerintah Kabupaten Uji")
        self._issued: dict[str, Credential] = {}

    def credential(self, username: str, name: str, *, purpose: str = "signer") -> Credential:
        key = f"{purpose}:{username}"
        if key not in self._issued:
            self._issued[key] = self.pki.issue(Subject(name, "Pemerintah Kabupaten Uji", username=username),
                                               PASSPHRASE, purpose=purpose)
        return self._issued[key]


def enrol(app: Lintas, session: SessionPki, *usernames: str, seal_tenants: tuple[str, ...] = ()) -> None:
    """Give each official (and each tenant's seal) a certificate from the session PKI."""
    for username in usernames:
        app.credentials.register_pkcs12(username, session.credential(username, username).pkcs12, PASSPHRASE)
    for tenant in seal_tenants:
        app.credentials.register_pkcs12(None, session.credential(tenant, f"Segel {tenant}", purpose="seal").pkcs12,
                                        PASSPHRASE, tenant=tenant)
