"""Raising a fresh signature to the PAdES baseline level asked for: B-T, B-LT, B-LTA.

Whatever made the signature (a local key, a remote service), Lintas adds the rest itself:
- B-T: a signature time stamp; a signature without one (a service that did not stamp it) is
  covered by a document time stamp instead, which ETSI EN 319 142-1 accepts for B-T;
- B-LT: the validation data of the signer's and the time stamps' certificates (certificates, OCSP
  responses, CRLs) in the document security store (DSS);
- B-LTA: a document time stamp over all of that. The DSS goes into the same revision as that
  time stamp (what pyHanko calls TOGETHER_WITH_NEXT_TS), so B-LTA costs one revision.
"""

from __future__ import annotations

import enum
import io
from dataclasses import dataclass
from datetime import datetime

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.signers.pdf_signer import PdfTimeStamper, TimestampDSSContentSettings
from pyhanko.sign.timestamps import TimeStamper
from pyhanko.sign.validation import DocumentSecurityStore, EmbeddedPdfSignature, collect_validation_info
from pyhanko_certvalidator import ValidationContext

from signing.errors import SignerUnavailable
from signing.pdfdoc import claimed_signing_time, embedded_signature, signature_timestamp_time, token_time

DIGEST = "sha256"


class SignatureLevel(enum.StrEnum):
    B_B = "B-B"
    B_T = "B-T"
    B_LT = "B-LT"
    B_LTA = "B-LTA"

    @property
    def rank(self) -> int:
        return list(SignatureLevel).index(self)

    def at_least(self, other: SignatureLevel) -> bool:
        return self.rank >= other.rank


class TimeSource(enum.StrEnum):
    SIGNATURE_TIMESTAMP = "signature-timestamp"
    DOCUMENT_TIMESTAMP = "document-timestamp"
    CLAIMED = "claimed"     # the signer's own clock (B-B): not proof of anything


@dataclass(frozen=True)
class Extended:
    pdf: bytes
    level: SignatureLevel
    signed_at: datetime
    time_source: TimeSource


async def extend(signature: EmbeddedPdfSignature, target: SignatureLevel, context: ValidationContext,
                 timestamper: TimeStamper | None) -> Extended:
    """Raise ``signature`` (the newest one, read from its document) to ``target``.

    One reader per version of the document: pyHanko parses every signature's ``/Contents`` (a
    long hex string) in pure Python each time a fresh reader lists them.
    """
    reader = signature.reader
    stamped = signature_timestamp_time(signature)
    if stamped is not None:
        level, signed_at, source = SignatureLevel.B_T, stamped, TimeSource.SIGNATURE_TIMESTAMP
    else:
        claimed = claimed_signing_time(signature)
        if claimed is None:
            raise SignerUnavailable("tanda tangan tidak menyebut waktu penandatanganan",
                                    "the signature states no signing time")
        level, signed_at, source = SignatureLevel.B_B, claimed, TimeSource.CLAIMED
    if not target.at_least(SignatureLevel.B_T):
        return Extended(_bytes(reader), level, signed_at, source)
    assert timestamper is not None, "B-T and above need a time stamper"
    if level is SignatureLevel.B_B:
        reader = _reader(await _document_timestamp(_bytes(reader), timestamper))
        signature = _signature(reader, signature.field_name)
        level, source = SignatureLevel.B_T, TimeSource.DOCUMENT_TIMESTAMP
        signed_at = token_time(reader.embedded_timestamp_signatures[-1].signed_data)
    if not target.at_least(SignatureLevel.B_LT):
        return Extended(_bytes(reader), level, signed_at, source)
    paths = list(await collect_validation_info(signature, context))
    for ts in reader.embedded_timestamp_signatures:
        paths += await collect_validation_info(ts, context, skip_timestamp=True)
    if target is SignatureLevel.B_LTA:
        pdf = await _document_timestamp(_bytes(reader), timestamper, context=context, paths=paths)
        return Extended(pdf, SignatureLevel.B_LTA, signed_at, source)
    return Extended(_add_dss(_bytes(reader), context, paths), SignatureLevel.B_LT, signed_at, source)


async def _document_timestamp(pdf: bytes, timestamper: TimeStamper, *, context: ValidationContext | None = None,
                              paths: list[object] | None = None) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    out = io.BytesIO()
    # DSS first, in the time stamp's own revision, without VRI (deprecated; forces extra revisions).
    settings = TimestampDSSContentSettings(update_before_ts=True, include_vri=False)
    await PdfTimeStamper(timestamper, readable_field_name="Cap Waktu Dokumen").async_timestamp_pdf(
        writer, DIGEST, validation_context=context, validation_paths=paths, output=out, dss_settings=settings)
    return out.getvalue()


def _add_dss(pdf: bytes, context: ValidationContext, paths: list[object]) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    DocumentSecurityStore.supply_dss_in_writer(writer, None, paths=paths, validation_context=context)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _reader(pdf: bytes) -> PdfFileReader:
    return PdfFileReader(io.BytesIO(pdf), strict=False)


def _bytes(reader: PdfFileReader) -> bytes:
    return bytes(reader.stream.getvalue())


def _signature(reader: PdfFileReader, field_name: str) -> EmbeddedPdfSignature:
    sig = embedded_signature(reader, field_name)
    if sig is None:
        raise SignerUnavailable(f"kolom '{field_name}' tidak terisi tanda tangan",
                                f"field '{field_name}' is not signed")
    return sig
