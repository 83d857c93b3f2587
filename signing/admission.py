"""May this certificate sign now? Valid today, not revoked, chaining to a trusted root.

Checked before any key is used, against the same validation context (hard-fail revocation) that
later fills the document's DSS. A refusal says which certificate and since when, in the tenant's
time zone: "Sertifikat penanda tangan telah dicabut sejak 17 Maret 2026 09.30 WIB".
"""

from __future__ import annotations

from datetime import datetime

from asn1crypto import x509 as asn1_x509
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import (
    ExpiredError,
    InsufficientRevinfoError,
    NotYetValidError,
    PathBuildingError,
    PathValidationError,
    RevokedError,
    ValidationError,
)
from pyhanko_certvalidator.path import ValidationPath

from signing.errors import CertificateRefused
from signing.stamp import format_time

SIGNING_KEY_USAGE = frozenset({"non_repudiation"})
# RFC 5280 CRLReason, as (Indonesian, English).
REVOCATION_REASONS = {
    "unspecified": ("tidak disebutkan", "unspecified"),
    "key_compromise": ("kunci privat bocor", "key compromise"),
    "ca_compromise": ("kunci CA bocor", "CA compromise"),
    "affiliation_changed": ("perubahan jabatan/afiliasi", "affiliation changed"),
    "superseded": ("digantikan sertifikat baru", "superseded"),
    "cessation_of_operation": ("tidak digunakan lagi", "cessation of operation"),
    "certificate_hold": ("ditangguhkan", "certificate hold"),
    "remove_from_crl": ("dihapus dari CRL", "removed from CRL"),
    "privilege_withdrawn": ("kewenangan dicabut", "privilege withdrawn"),
    "aa_compromise": ("kunci AA bocor", "AA compromise"),
}


async def admit_certificate(certificate: asn1_x509.Certificate, others: tuple[asn1_x509.Certificate, ...],
                            context: ValidationContext, *, time_zone: str) -> ValidationPath:
    """The certificate's validation path, or ``CertificateRefused`` saying why not."""
    validator = CertificateValidator(certificate, intermediate_certs=list(others), validation_context=context)
    try:
        return await validator.async_validate_usage(set(SIGNING_KEY_USAGE))
    except RevokedError as exc:
        whose_id, whose_en = _whose(exc)
        code = str(exc.reason.native) if exc.reason is not None else "unspecified"
        reason_id, reason_en = REVOCATION_REASONS.get(code, (code, code))
        raise CertificateRefused(f"{whose_id} telah dicabut sejak {_id(exc.revocation_dt, time_zone)} "
                                 f"(alasan: {reason_id})",
                                 f"{whose_en} was revoked on {_en(exc.revocation_dt, time_zone)} "
                                 f"(reason: {reason_en})") from exc
    except ExpiredError as exc:
        whose_id, whose_en = _whose(exc)
        raise CertificateRefused(f"{whose_id} kedaluwarsa sejak {_id(exc.expired_dt, time_zone)}",
                                 f"{whose_en} expired on {_en(exc.expired_dt, time_zone)}") from exc
    except NotYetValidError as exc:
        whose_id, whose_en = _whose(exc)
        raise CertificateRefused(f"{whose_id} belum berlaku; berlaku mulai {_id(exc.valid_from, time_zone)}",
                                 f"{whose_en} is not valid yet; valid from {_en(exc.valid_from, time_zone)}") from exc
    except InsufficientRevinfoError as exc:
        raise CertificateRefused("status pencabutan sertifikat tidak dapat dipastikan (OCSP/CRL tidak tersedia)",
                                 "the certificate's revocation status cannot be established "
                                 "(no OCSP/CRL answer)") from exc
    except PathBuildingError as exc:
        raise CertificateRefused("sertifikat tidak diterbitkan oleh CA yang dipercaya",
                                 "the certificate was not issued by a trusted CA") from exc
    except (PathValidationError, ValidationError) as exc:
        raise CertificateRefused(f"sertifikat tidak sah untuk menandatangani: {exc.failure_msg}",
                                 f"the certificate may not sign: {exc.failure_msg}") from exc


def _whose(exc: PathValidationError) -> tuple[str, str]:
    if exc.is_ee_cert:
        return "Sertifikat penanda tangan", "The signer's certificate"
    return "Sertifikat CA penerbit", "The issuing CA's certificate"


def _id(moment: datetime, time_zone: str) -> str:
    return format_time(moment, time_zone)


def _en(moment: datetime, time_zone: str) -> str:
    return format_time(moment, time_zone, english=True)
