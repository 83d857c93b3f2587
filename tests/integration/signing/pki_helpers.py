"""Test PKI and sample PDFs for the signing tests: one DEV PKI per session, generated at run time.

No key or certificate is stored in the repository: ``make_pki`` creates a fresh development PKI in
a temporary folder, with the officials below, every session.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.fields import SigFieldSpec, append_signature_field
from weasyprint import HTML

from signing.pki import Credential, DevPki, PkiService, Subject
from signing.trust import TrustSettings

ORGANIZATION = "Pemerintah Kabupaten Uji"
BASE_URL = "http://127.0.0.1:9/pki"   # nothing listens there: every PKI request must be answered in process


@dataclass(frozen=True)
class Official:
    username: str
    subject: Subject
    passphrase: str
    credential: Credential


OFFICIALS = {
    "kadis": Subject("Ir. Budi Santoso, M.T.", ORGANIZATION, unit="Dinas PUPR", title="Kepala Dinas",
                     nik="3201010101800001", nip="198001012005011001", username="kadis.pupr"),
    "kabid": Subject("Siti Aminah, S.T.", ORGANIZATION, unit="Dinas PUPR", title="Kepala Bidang Bina Marga",
                     nik="3201010101850002", nip="198501012010012002", username="kabid.binamarga"),
    "sekda": Subject("Drs. Hendra Wijaya", ORGANIZATION, unit="Sekretariat Daerah", title="Sekretaris Daerah",
                     nik="3201010101700003", nip="197001011995031003", username="sekda"),
}


@dataclass(frozen=True)
class SigningPki:
    pki: DevPki
    service: PkiService
    trust: TrustSettings
    officials: dict[str, Official]
    seal: Official


def make_pki(directory: Path) -> SigningPki:
    pki = DevPki.create(directory, BASE_URL, ORGANIZATION)
    service = PkiService(pki)
    officials = {key: Official(s.username, s, f"frasa-{key}-123", pki.issue(s, f"frasa-{key}-123"))
                 for key, s in OFFICIALS.items()}
    seal_subject = Subject("Segel Elektronik Pemerintah Kabupaten Uji", ORGANIZATION, unit="Sekretariat Daerah")
    seal = Official("", seal_subject, "frasa-segel-123", pki.issue(seal_subject, "frasa-segel-123", purpose="seal"))
    return SigningPki(pki, service, TrustSettings.from_dev_pki(service), officials, seal)


def sample_pdf(fields: tuple[tuple[str, int, tuple[float, float, float, float]], ...] = (
        ("paraf_kabid", 0, (380, 120, 450, 160)), ("ttd_kadis", 0, (300, 170, 550, 260))),
        pages: int = 1) -> bytes:
    """A small PDF/A-3b letter with empty signature fields (name, page, box in points)."""
    body = "".join(f"<section style='page-break-after: always'><h1>Halaman {n + 1}</h1>"
                   f"<p>Berita acara hasil tindak lanjut pengaduan jalan rusak.</p></section>" for n in range(pages))
    pdf = HTML(string=f"<html lang='id'><body>{body}</body></html>").write_pdf(pdf_variant="pdf/a-3b")
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    for name, page, box in fields:
        append_signature_field(writer, SigFieldSpec(name, on_page=page, box=box))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
