"""Signing cost by PAdES level and document size: a 1-page and a 20-page letter at B-B and B-LTA.

Each figure is the median of N signatures (default 5) of a fresh copy of the document with a
PKCS#12 signer against a development PKI answered in process (OCSP, CRL and TSA without network),
so it measures Lintas and pyHanko, not a CA's latency. B-LTA adds a signature time stamp, the
validation data in the DSS and an archive time stamp. The PDF rendering is not timed.

Usage: python bench/sign_levels.py [--runs 5] [--pages 1,20]
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from pathlib import Path

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.fields import SigFieldSpec, append_signature_field
from weasyprint import HTML

from signing.pki import DevPki, PkiService, Subject
from signing.sign import SignatureLevel, SigningRequest, StampContent, sign_document
from signing.signers import Pkcs12Signer
from signing.trust import TrustSettings

PASSPHRASE = "frasa-bench-123"


def letter(pages: int) -> bytes:
    body = "".join(f"<section style='page-break-after: always'><h1>Halaman {n + 1}</h1>"
                   + "<p>Berita acara hasil tindak lanjut pengaduan jalan rusak. </p>" * 20 + "</section>"
                   for n in range(pages))
    pdf = HTML(string=f"<html lang='id'><body>{body}</body></html>").write_pdf(pdf_variant="pdf/a-3b")
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    append_signature_field(writer, SigFieldSpec("ttd", on_page=pages - 1, box=(300, 170, 550, 260)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", default="1,20")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="lintas-sign-bench-"))
    pki = DevPki.create(folder / "pki", "http://127.0.0.1:9/pki", "Pemerintah Kabupaten Bench")
    subject = Subject("Ir. Budi Santoso, M.T.", "Pemerintah Kabupaten Bench", unit="Dinas PUPR",
                      title="Kepala Dinas", nip="198001012005011001")
    credential = pki.issue(subject, PASSPHRASE)
    trust = TrustSettings.from_dev_pki(PkiService(pki))
    backend = Pkcs12Signer(credential.pkcs12, certificate=credential.certificate)
    stamp = StampContent(subject.common_name, role="Kepala Dinas PUPR", nip=subject.nip,
                         verify_url="https://lintas.example/verifikasi/bench")
    sign_document(letter(1), SigningRequest("ttd", stamp), backend, PASSPHRASE, trust)   # warm-up (imports, fonts)
    print(f"{'pages':>5} {'bytes in':>9} {'level':>6} {'median ms':>10} {'min ms':>8} {'bytes out':>10}")
    for pages in (int(p) for p in args.pages.split(",")):
        pdf = letter(pages)
        for level in (SignatureLevel.B_B, SignatureLevel.B_LTA):
            times, size = [], 0
            for _ in range(args.runs):
                started = time.perf_counter()
                signed = sign_document(pdf, SigningRequest("ttd", stamp, level=level), backend, PASSPHRASE, trust)
                times.append((time.perf_counter() - started) * 1000)
                size = len(signed.pdf)
            print(f"{pages:>5} {len(pdf):>9} {level.value:>6} {statistics.median(times):>10.0f} "
                  f"{min(times):>8.0f} {size:>10}")


if __name__ == "__main__":
    main()
