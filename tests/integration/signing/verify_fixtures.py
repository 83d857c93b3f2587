"""Signed and tampered PDFs for the verification tests, made with pyHanko, pdfsig and the pyHanko CLI.

Documents are signed here directly (not with Lintas's own signer) so the verifier is tested
against what other tools produce. Everything runs against the session's development PKI, whose
OCSP responder, CRLs and TSA answer in process.
"""

from __future__ import annotations

import asyncio
import io
import re
import subprocess
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter

from signing.pki import Credential
from signing.trust import TrustSettings
from tests.integration.signing.pki_helpers import SigningPki

LEVELS = ("B-B", "B-T", "B-LT", "B-LTA")


def sign_pdf(pki: SigningPki, pdf: bytes, *, official: str = "kadis", field: str = "ttd_kadis",
             level: str = "B-B", certify: MDPPerm | None = None, credential: Credential | None = None,
             passphrase: str | None = None, strict: bool = True, ignore_docmdp: bool = False,
             trust: TrustSettings | None = None) -> bytes:
    """Sign ``pdf`` in ``field`` at a PAdES baseline level, as ``official`` or with ``credential``.

    ``ignore_docmdp`` signs the way a careless tool would, even where a certification forbids it;
    ``trust`` replaces the PKI's own trust settings (e.g. a TSA running on an injected clock).
    """
    trust = trust or pki.trust
    who = pki.officials[official]
    key = credential or who.credential
    signer = signers.SimpleSigner.load_pkcs12_data(key.pkcs12, other_certs=[],
                                                   passphrase=(passphrase or who.passphrase).encode())

    async def run() -> bytes:
        async with trust.session() as session:
            extra: dict[str, object] = {}
            if level in ("B-LT", "B-LTA"):
                extra = {"embed_validation_info": True, "use_pades_lta": level == "B-LTA",
                         "validation_context": trust.validation_context(session)}
            meta = signers.PdfSignatureMetadata(
                field_name=field, subfilter=SigSeedSubFilter.PADES, md_algorithm="sha256",
                certify=certify is not None, docmdp_permissions=certify or MDPPerm.FILL_FORMS, **extra)  # type: ignore[arg-type]
            stamper = trust.timestamper(session) if level != "B-B" else None
            writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=strict)
            signer_class = _CarelessSigner if ignore_docmdp else signers.PdfSigner
            out = await signer_class(meta, signer=signer, timestamper=stamper).async_sign_pdf(writer)
            return out.getvalue()

    return asyncio.run(run())


class _CarelessSigner(signers.PdfSigner):
    def _enforce_certification_constraints(self, reader: object) -> None:
        return None   # skip pyHanko's refusal to sign after a "no changes" certification


def draw_over_page(pdf: bytes, text: bytes = b"DIBATALKAN", *, strict: bool = True) -> bytes:
    """An incremental update that appends a content stream to page 1: the classic shadow edit."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=strict)
    font = writer.add_object(generic.DictionaryObject({
        generic.pdf_name("/Type"): generic.pdf_name("/Font"), generic.pdf_name("/Subtype"): generic.pdf_name("/Type1"),
        generic.pdf_name("/BaseFont"): generic.pdf_name("/Helvetica")}))
    content = b"BT /LintasTamper 40 Tf 90 420 Td (" + text + b") Tj ET"
    stream = writer.add_object(generic.StreamObject(stream_data=content))
    resources = generic.DictionaryObject({generic.pdf_name("/Font"): generic.DictionaryObject(
        {generic.pdf_name("/LintasTamper"): font})})
    writer.add_stream_to_page(0, stream, resources=resources)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def flip_signed_byte(pdf: bytes) -> bytes:
    """Change one letter of the producer string of the original revision (inside every byte range)."""
    data = bytearray(pdf)
    at = data.find(b"WeasyPrint")
    assert at > 0
    data[at] = ord("w")
    return bytes(data)


def break_prev_offset(pdf: bytes) -> bytes:
    """Point the last /Prev three bytes early: strict parsing refuses it, lenient parsing recovers."""
    match = list(re.finditer(rb"/Prev (\d+)", pdf))[-1]
    value = str(int(match.group(1)) - 3).encode()
    assert len(value) == len(match.group(1))
    return pdf[:match.start(1)] + value + pdf[match.end(1):]


def corrupt_signature_contents(pdf: bytes) -> bytes:
    """Overwrite the start of the last /Contents hex string (the CMS) with zeros, keeping its length."""
    at = pdf.rfind(b"/Contents <") + len(b"/Contents <")
    return pdf[:at] + b"0" * 64 + pdf[at + 64:]


def sign_with_pdfsig(pki: SigningPki, pdf: bytes, workdir: Path, *, official: str = "kabid",
                     field: str = "paraf_kabid") -> bytes:
    """Sign an existing field with poppler's pdfsig and an NSS database holding the official's key."""
    nss = nss_database(pki, workdir, official)
    source, target = workdir / "in.pdf", workdir / "pdfsig-signed.pdf"
    source.write_bytes(pdf)
    nick = pki.officials[official].subject.common_name
    _run(["pdfsig", "-nssdir", f"sql:{nss}", "-nss-pwd", "", "-nick", nick, "-sign", field,
          "-reason", "Disetujui", str(source), str(target)])
    return target.read_bytes()


def nss_database(pki: SigningPki, workdir: Path, official: str) -> Path:
    nss = workdir / "nss"
    if nss.exists():
        return nss
    nss.mkdir(parents=True)
    who = pki.officials[official]
    p12, root = workdir / f"{official}.p12", workdir / "root.pem"
    p12.write_bytes(who.credential.pkcs12)
    root.write_bytes(pki.pki.root.certificate.public_bytes(serialization.Encoding.PEM))
    _run(["certutil", "-N", "-d", f"sql:{nss}", "--empty-password"])
    _run(["pk12util", "-i", str(p12), "-d", f"sql:{nss}", "-W", who.passphrase, "-K", ""])
    _run(["certutil", "-A", "-d", f"sql:{nss}", "-n", "Lintas DEV Root CA", "-t", "CT,C,C", "-i", str(root)])
    return nss


def sign_with_pyhanko_cli(pki: SigningPki, pdf: bytes, workdir: Path, *, official: str = "sekda",
                          field: str = "ttd_kadis") -> bytes:
    """Sign with the ``pyhanko`` command (pyhanko-cli), PAdES B-B, key from the official's PKCS#12."""
    who = pki.officials[official]
    source, target = workdir / "cli-in.pdf", workdir / "cli-signed.pdf"
    p12, passfile = workdir / f"{official}-cli.p12", workdir / "pass.txt"
    source.write_bytes(pdf)
    p12.write_bytes(who.credential.pkcs12)
    passfile.write_text(who.passphrase)
    _run([sys.executable, "-m", "pyhanko", "sign", "addsig", "--field", field, "--use-pades", "pkcs12",
          "--passfile", str(passfile), str(source), str(target), str(p12)])
    return target.read_bytes()


def pdfsig_integrity(pdf: bytes, workdir: Path) -> dict[str, str]:
    """What pdfsig says about each signed field's integrity ("Signature is Valid.", "Digest Mismatch.")."""
    path = workdir / "check.pdf"
    path.write_bytes(pdf)
    output = subprocess.run(["pdfsig", "-nocert", str(path)], capture_output=True, text=True, timeout=60).stdout
    verdicts: dict[str, str] = {}
    name = None
    for line in output.splitlines():
        line = line.strip()
        if line.startswith("- Signature Field Name:"):
            name = line.split(":", 1)[1].strip()
        elif line.startswith("- Signature Validation:") and name:
            verdicts[name] = line.split(":", 1)[1].strip()
    return verdicts


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise AssertionError(f"{command[0]} failed ({result.returncode}): {result.stderr or result.stdout}")
