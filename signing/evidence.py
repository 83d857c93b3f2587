"""Facts read from one embedded signature for the report: who, which certificate, which kind,
which PAdES level the file carries, what the later revisions changed.

Nothing here decides validity; ``signing.verify`` combines these facts with the AdES result.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from asn1crypto import cms, x509
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import DiffResult, ModificationLevel
from pyhanko.sign.general import extract_certificate_info
from pyhanko.sign.validation import EmbeddedPdfSignature, generic_cms
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator.path import ValidationPath

from signing.report import (
    CertificateInfo,
    Chain,
    ChangeLevel,
    Coverage,
    Modifications,
    RevisionInfo,
    SignatureKind,
    SignerIdentity,
    Text,
    Timing,
)
from signing.revinfo import Embedded
from signing.trust import TrustSettings

# ETSI EN 319 412-1 §5.1.3 natural-person identifiers: "IDC" + country + "-" + number is the
# national identity card (NIK); NIP (civil-service number) has no ETSI type, so Lintas reads the
# national-scheme forms "ID:NIP-<n>" and "NIPID-<n>".
_NIK = re.compile(r"^IDCID-(\d{16})$")
_NIP = re.compile(r"^(?:ID:NIP-|NIPID-)(\d{18})$")
_PERMISSIONS = {1: "no_changes", 2: "fill_forms", 3: "annotate"}
_LEVELS = {ModificationLevel.NONE: ChangeLevel.NONE, ModificationLevel.LTA_UPDATES: ChangeLevel.LTA_UPDATES,
           ModificationLevel.FORM_FILLING: ChangeLevel.FORM_FILLING,
           ModificationLevel.ANNOTATIONS: ChangeLevel.ANNOTATIONS, ModificationLevel.OTHER: ChangeLevel.OTHER}


def common_name(name: x509.Name) -> str:
    return str(name.native.get("common_name") or name.human_friendly)


def signer_identity(cert: x509.Certificate) -> SignerIdentity:
    subject = cert.subject.native
    serials = subject.get("serial_number") or ()
    serials = [serials] if isinstance(serials, str) else list(serials)
    nik = next((m.group(1) for s in serials if (m := _NIK.match(s))), None)
    nip = next((m.group(1) for s in serials if (m := _NIP.match(s))), None)
    return SignerIdentity(common_name(cert.subject), _one(subject.get("organization_name")),
                          _one(subject.get("organizational_unit_name")), _one(subject.get("title")), nik, nip,
                          _one(subject.get("email_address")), cert.subject.human_friendly)


def certificate_info(cert: x509.Certificate) -> CertificateInfo:
    validity = cert["tbs_certificate"]["validity"]
    return CertificateInfo(cert.subject.human_friendly, common_name(cert.issuer), f"{cert.serial_number:X}",
                           validity["not_before"].native, validity["not_after"].native, cert.sha256.hex())


def chain_of(path: ValidationPath | None, trust: TrustSettings, problem: Text | None) -> Chain:
    if path is None:
        return Chain(None, (), problem)
    certs = list(path.iter_certs(include_root=True))
    anchor = trust.anchor_for(certs[0]) if certs else None
    names = tuple(common_name(c.subject) for c in reversed(certs))
    if anchor is None:
        return Chain(None, names, problem or Text("jalur sertifikat tidak berakhir pada jangkar yang dikenal",
                                                  "the certificate path does not end at a known anchor"))
    return Chain(anchor.name, names)


def kind_of(sig: EmbeddedPdfSignature) -> tuple[SignatureKind, str | None]:
    if sig.sig_object_type == "/DocTimeStamp":
        return SignatureKind.DOCUMENT_TIMESTAMP, None
    for ref in sig.sig_object.get("/Reference", ()):
        ref = ref.get_object()
        if ref.get("/TransformMethod") == "/DocMDP":
            permission = ref.get("/TransformParams", generic.DictionaryObject()).get("/P", 2)
            return SignatureKind.CERTIFICATION, _PERMISSIONS.get(int(permission), str(permission))
    return SignatureKind.APPROVAL, None


def signature_format(sig: EmbeddedPdfSignature) -> str:
    subfilter = str(sig.sig_object.get("/SubFilter", ""))
    return {"/ETSI.CAdES.detached": "PAdES", "/adbe.pkcs7.detached": "PKCS#7",
            "/ETSI.RFC3161": "RFC 3161"}.get(subfilter, subfilter.lstrip("/"))


def signature_timestamp(signer_info: cms.SignerInfo) -> cms.SignedData | None:
    return next(iter(generic_cms.extract_tst_data_iter(signer_info, signed=False)), None)


def timing_of(sig: EmbeddedPdfSignature, tst: cms.SignedData | None, verified: bool | None,
              best_time: datetime | None = None) -> Timing:
    claimed = generic_cms.extract_self_reported_ts(sig.signer_info)
    source = "signed_attribute" if claimed else None
    if claimed is None and sig.sig_object_type != "/DocTimeStamp":
        try:
            claimed = generic.parse_pdf_date(sig.sig_object["/M"], strict=False)
            source = "signature_dictionary"
        except (KeyError, ValueError, TypeError):
            claimed = None
    proven = tsa = None
    if tst is not None:
        proven = tst["encap_content_info"]["content"].parsed["gen_time"].native
        try:
            tsa = common_name(extract_certificate_info(tst).signer_cert.subject)
        except (ValueError, KeyError, TypeError):
            tsa = None
    return Timing(claimed, source, proven, tsa, verified if tst is not None else None, best_time)


def level_of(sig: EmbeddedPdfSignature, tst: cms.SignedData | None, doc_timestamps: Sequence[EmbeddedPdfSignature],
             embedded: Embedded, reader: PdfFileReader) -> str | None:
    """The PAdES baseline level the file carries for ``sig`` (not whether it validates)."""
    if sig.sig_object_type == "/DocTimeStamp":
        return None
    later = [ts.signed_revision for ts in doc_timestamps if ts.signed_revision > sig.signed_revision]
    if tst is None and not later:
        return "B-B"
    if not embedded.covers(sig.signer_cert):
        return "B-T"
    dss_from = _first_revision_with_dss(reader, after=sig.signed_revision)
    if dss_from is not None and any(rev >= dss_from for rev in later):
        return "B-LTA"
    return "B-LT"


def modifications_of(sig: EmbeddedPdfSignature, docmdp: str | None, total_revisions: int) -> Modifications:
    """What pyHanko's difference analysis says about the revisions after ``sig``."""
    later = tuple(range(sig.signed_revision + 1, total_revisions))
    result = sig.diff_result
    if not isinstance(result, DiffResult):
        detail = str(result) if result is not None else "no difference analysis"
        return Modifications(ChangeLevel.OTHER, False, later, (), (Text(
            "perubahan tidak sah setelah ditandatangani: revisi berikutnya mengubah isi dokumen",
            f"illegal modification after signing: {_short(detail)}"),))
    level = _LEVELS[result.modification_level]
    problems: list[Text] = []
    allowed = {"no_changes": 1, "fill_forms": 2, "annotate": 3}.get(docmdp or "", 4)
    if level is ChangeLevel.OTHER:
        problems.append(Text("perubahan tidak sah setelah ditandatangani", "illegal modification after signing"))
    elif result.modification_level.value > allowed:
        problems.append(Text(f"perubahan melampaui izin sertifikasi ({docmdp})",
                             f"changes exceed the certification permission ({docmdp})"))
    return Modifications(level, not problems, later, tuple(sorted(result.changed_form_fields)), tuple(problems))


def coverage_of(sig: EmbeddedPdfSignature) -> Coverage:
    if sig.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return Coverage.ENTIRE_FILE
    if sig.coverage == SignatureCoverageLevel.ENTIRE_REVISION:
        return Coverage.ENTIRE_REVISION
    return Coverage.UNCLEAR


def revisions_of(reader: PdfFileReader, signatures: Sequence[EmbeddedPdfSignature]) -> tuple[RevisionInfo, ...]:
    out = []
    previous: list[tuple[object, object]] = []
    for revision in range(reader.xrefs.total_revisions):
        updated = reader.xrefs.explicit_refs_in_revision(revision)
        root = reader.get_historical_root(revision)
        pages = _page_contents(root)
        fields = tuple(s.field_name for s in signatures if s.signed_revision == revision)
        dss_ref = root.raw_get("/DSS") if "/DSS" in root else None
        dss = revision > 0 and isinstance(dss_ref, generic.IndirectObject) and dss_ref.reference in updated
        changed = () if revision == 0 else tuple(
            n + 1 for n, (contents, resources) in enumerate(pages)
            if n >= len(previous) or (contents, resources) != previous[n]
            or any(ref in updated for ref in _refs(contents)))
        out.append(RevisionInfo(revision, fields, dss, changed, len(updated)))
        previous = pages
    return tuple(out)


def _first_revision_with_dss(reader: PdfFileReader, *, after: int) -> int | None:
    for revision in range(after + 1, reader.xrefs.total_revisions):
        if "/DSS" in reader.get_historical_root(revision):
            return revision
    return None


def _page_contents(root: generic.DictionaryObject) -> list[tuple[object, object]]:
    """Per page, what draws it: the raw /Contents and /Resources entries (references compare by number)."""
    pages: list[tuple[object, object]] = []

    def walk(node: generic.PdfObject, depth: int) -> None:
        node = node.get_object()
        if depth > 32 or not isinstance(node, generic.DictionaryObject):
            return
        if node.get("/Type") == "/Pages":
            for kid in node.get("/Kids", ()):
                walk(kid, depth + 1)
        else:
            pages.append((_key(node.raw_get("/Contents") if "/Contents" in node else None),
                          _key(node.raw_get("/Resources") if "/Resources" in node else None)))

    walk(root.raw_get("/Pages"), 0)
    return pages


def _key(value: object) -> object:
    if isinstance(value, generic.IndirectObject):
        return value.reference
    if isinstance(value, generic.ArrayObject):
        return tuple(_key(item) for item in value)
    if isinstance(value, generic.DictionaryObject):
        return tuple(sorted((str(k), repr(_key(v))) for k, v in dict.items(value)))
    return repr(value)


def _refs(value: object) -> list[generic.Reference]:
    if isinstance(value, generic.Reference):
        return [value]
    if isinstance(value, tuple):
        return [item for item in value if isinstance(item, generic.Reference)]
    return []


def _one(value: object) -> str | None:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or None
    return str(value) if value else None


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "..."
