"""Plain-text rendering of a verification report for the CLI: Bahasa Indonesia first, English after.

Keyed by the string values of the report's enums so this module needs nothing from
``signing.report`` at run time (the report imports it for ``to_text``).
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from signing.report import RevisionInfo, SignatureReport, VerificationReport

VERDICT_WORDS = {"VALID": "SAH (VALID)", "INVALID": "TIDAK SAH (INVALID)",
                 "INDETERMINATE": "TIDAK DAPAT DIPASTIKAN (INDETERMINATE)"}
KIND_WORDS = {"approval": "tanda tangan persetujuan (approval signature)",
              "certification": "tanda tangan sertifikasi (certification signature)",
              "document_timestamp": "cap waktu dokumen (document timestamp)"}
DOCMDP_WORDS = {"no_changes": "tidak boleh ada perubahan (no changes)",
                "fill_forms": "boleh mengisi formulir dan menandatangani (form filling and signing)",
                "annotate": "boleh mengisi formulir, menandatangani dan memberi anotasi (forms, signing, annotations)"}
COVERAGE_WORDS = {"entire_file": "seluruh berkas (entire file)", "entire_revision": "seluruh revisi (entire revision)",
                  "unclear": "tidak jelas (unclear)"}
CHANGE_WORDS = {
    "none": "tidak ada perubahan (no change)",
    "lta_updates": "hanya data validasi (DSS) dan cap waktu dokumen (validation data and document timestamps only)",
    "form_filling": "pengisian formulir / tanda tangan berikutnya (form filling / further signatures)",
    "annotations": "anotasi (annotations)",
    "other": "perubahan lain yang tidak diizinkan (other, not permitted changes)",
}
REVOCATION_WORDS = {"good": "tidak dicabut (good)", "revoked": "DICABUT (revoked)",
                    "unknown": "tidak diketahui (unknown)"}
ORIGIN_WORDS = {"signature": "tertanam di tanda tangan (embedded in the signature)",
                "dss": "tertanam di DSS dokumen (embedded in the document's DSS)",
                "fetched": "diambil saat verifikasi (fetched now)"}


def render(report: VerificationReport, tz: tzinfo) -> str:
    lines = [f"Hasil verifikasi / Verification result: {VERDICT_WORDS[report.verdict.value]}"]
    lines += [f"  - {reason}" for reason in report.reasons]
    doc = report.document
    lenient = "; dibaca dalam mode longgar (parsed leniently)" if doc.lenient_parsing else ""
    lines.append(f"Berkas (file): SHA-256 {doc.sha256}, {doc.size} byte, "
                 f"{len(doc.revisions)} revisi (revisions){lenient}")
    fetching = "diizinkan (allowed)" if report.fetching_allowed else "tidak diizinkan (not allowed)"
    moment = " (titik waktu yang diminta / requested moment)" if report.point_in_time else ""
    lines.append(f"Waktu verifikasi (validated at): {_time(report.validation_time, tz)}{moment}; "
                 f"pengambilan data pencabutan daring (online revocation fetching): {fetching}")
    for number, signature in enumerate(report.signatures, start=1):
        lines.append("")
        lines += _signature(number, signature, tz)
    if len(doc.revisions) > 1:
        lines.append("")
        lines.append("Riwayat revisi (revision history):")
        lines += [f"  {_revision(item)}" for item in doc.revisions]
    return "\n".join(lines) + "\n"


def _signature(number: int, sig: SignatureReport, tz: tzinfo) -> list[str]:
    out = [f"[{number}] {sig.field_name} - {KIND_WORDS[sig.kind.value]}: {VERDICT_WORDS[sig.verdict.value]}"]
    etsi = sig.indication.value + (f" / {sig.sub_indication}" if sig.sub_indication else "")
    extras = [f"tingkat (level) PAdES-{sig.level}" if sig.level else "",
              f"proses (process) {sig.validation_process}" if sig.validation_process else "",
              f"format {sig.signature_format}" if sig.signature_format else ""]
    out.append(f"    ETSI EN 319 102-1: {etsi}" + "".join(f"; {item}" for item in extras if item))
    if sig.docmdp:
        out.append(f"    Izin perubahan (DocMDP): {DOCMDP_WORDS.get(sig.docmdp, sig.docmdp)}")
    if sig.signer:
        who = sig.signer
        role = ", ".join(part for part in (who.title, who.unit, who.organization) if part)
        ids = ", ".join(f"{label} {value}" for label, value in (("NIK", who.nik), ("NIP", who.nip)) if value)
        out.append(f"    Penanda tangan (signer): {who.common_name}" + (f" - {role}" if role else "")
                   + (f"; {ids}" if ids else ""))
    if sig.certificate:
        cert = sig.certificate
        out.append(f"    Sertifikat (certificate): nomor seri (serial) {cert.serial}; berlaku (valid) "
                   f"{_time(cert.not_before, tz)} s.d. (to) {_time(cert.not_after, tz)}; "
                   f"penerbit (issuer) {cert.issuer}")
    if sig.chain.anchor:
        path = " <- ".join(sig.chain.certificates)
        out.append(f"    Jangkar kepercayaan (trust anchor): {sig.chain.anchor}" + (f" [{path}]" if path else ""))
    else:
        problem = f": {sig.chain.problem}" if sig.chain.problem else ""
        out.append(f"    Jangkar kepercayaan (trust anchor): tidak ditemukan (none found){problem}")
    out += _timing(sig, tz)
    if sig.intact is not None:
        intact = "utuh (intact)" if sig.intact else "TIDAK UTUH - isi berubah (NOT intact - content changed)"
        coverage = f"; cakupan (coverage): {COVERAGE_WORDS[sig.coverage.value]}" if sig.coverage else ""
        out.append(f"    Keutuhan (integrity): {intact}{coverage}")
    if sig.modifications:
        mods = sig.modifications
        level = CHANGE_WORDS[mods.level.value] if mods.level else "tidak dapat dianalisis (could not be analysed)"
        verdict = "diterima (accepted)" if mods.accepted else "DITOLAK (rejected)"
        fields = f"; field: {', '.join(mods.changed_fields)}" if mods.changed_fields else ""
        out.append(f"    Perubahan sesudahnya (later changes): {level}{fields} - {verdict}")
        out += [f"      ! {problem}" for problem in mods.problems]
    shown = set(sig.modifications.problems) if sig.modifications else set()
    if sig.revocation:
        rev = sig.revocation
        when = f" sejak (since) {_time(rev.revoked_at, tz)}" if rev.revoked_at else ""
        out.append(f"    Status pencabutan (revocation): {REVOCATION_WORDS.get(rev.status, rev.status)}{when}")
        for src in rev.sources:
            issued = src.produced_at or src.this_update
            out.append(f"      {src.kind.upper()} {src.issuer}, {ORIGIN_WORDS.get(src.origin, src.origin)}, "
                       f"{_time(issued, tz)}: {REVOCATION_WORDS.get(src.status, src.status)}")
    out += [f"    - {reason}" for reason in sig.reasons if reason not in shown]
    return out


def _timing(sig: SignatureReport, tz: tzinfo) -> list[str]:
    t = sig.timing
    out = []
    if t.claimed:
        source = {"signed_attribute": "atribut bertanda tangan (signed attribute)",
                  "signature_dictionary": "kamus tanda tangan PDF (PDF signature dictionary)"}.get(
                      t.claimed_source or "", t.claimed_source or "")
        out.append(f"    Waktu yang diklaim (claimed time): {_time(t.claimed, tz)} - {source}")
    if t.proven:
        checked = {True: "terverifikasi (verified)", False: "TIDAK terverifikasi (NOT verified)",
                   None: "belum diverifikasi (not verified)"}[t.timestamp_verified]
        out.append(f"    Waktu terbukti (proven time): {_time(t.proven, tz)} - "
                   f"cap waktu (timestamp) {t.tsa}, {checked}")
    elif sig.kind.value != "document_timestamp":
        out.append("    Waktu terbukti (proven time): tidak ada cap waktu (no timestamp)")
    return out


def _revision(item: RevisionInfo) -> str:
    parts = []
    if item.revision == 0:
        parts.append("dokumen asli (original document)")
    if item.signatures:
        parts.append("tanda tangan/cap waktu (signature/timestamp): " + ", ".join(item.signatures))
    if item.dss_updated:
        parts.append("data validasi DSS (validation data)")
    if item.pages_changed:
        parts.append("ISI HALAMAN DIUBAH (page content changed): " + ", ".join(str(p) for p in item.pages_changed))
    if not parts:
        parts.append(f"{item.objects_updated} objek diperbarui (objects updated)")
    return f"revisi (revision) {item.revision}: " + "; ".join(parts)


def _time(value: datetime | None, tz: tzinfo) -> str:
    if value is None:
        return "-"
    return value.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S %Z")
