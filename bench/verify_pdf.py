"""Time to verify a PAdES B-LTA document of 1 and of 20 pages (median of N runs), PKI answered in process.

A fresh development PKI is made in a temporary folder; each document carries one approval signature
with a signature time stamp, the DSS and a document time stamp. Verification fetches a current OCSP
response (online) or uses only what the file embeds (--offline).

Usage: python bench/verify_pdf.py [--runs 5] [--pages 1,20] [--offline]
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import tempfile
import time
from pathlib import Path

from signing.verify import verify
from tests.integration.signing.pki_helpers import make_pki, sample_pdf
from tests.integration.signing.verify_fixtures import sign_pdf


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", default="1,20")
    parser.add_argument("--offline", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        pki = make_pki(Path(folder) / "pki")
        trust = dataclasses.replace(pki.trust, allow_fetching=not args.offline)
        print(f"{'pages':>5} {'bytes':>8} {'verdict':>8} {'median s':>9} {'min s':>7} {'max s':>7}")
        for pages in (int(p) for p in args.pages.split(",")):
            pdf = sign_pdf(pki, sample_pdf(pages=pages), level="B-LTA")
            times, verdict = [], ""
            for _ in range(args.runs):
                started = time.perf_counter()
                verdict = verify(pdf, trust).verdict.value
                times.append(time.perf_counter() - started)
            print(f"{pages:>5} {len(pdf):>8} {verdict:>8} {statistics.median(times):>9.3f} "
                  f"{min(times):>7.3f} {max(times):>7.3f}")


if __name__ == "__main__":
    main()
