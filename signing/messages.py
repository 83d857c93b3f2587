"""What the ETSI sub-indications and the verdicts mean, in words an auditor reads (ID / EN)."""

from __future__ import annotations

from datetime import UTC, datetime

from signing.report import Text

SUB_INDICATIONS: dict[str, Text] = {
    "HASH_FAILURE": Text("isi yang ditandatangani telah berubah (nilai hash tidak cocok)",
                         "the signed content has changed (hash mismatch)"),
    "SIG_CRYPTO_FAILURE": Text("nilai tanda tangan tidak cocok dengan kunci publik sertifikat penanda tangan",
                               "the signature value does not verify with the signer's public key"),
    "FORMAT_FAILURE": Text("tanda tangan rusak atau formatnya tidak dapat dibaca",
                           "the signature is damaged or its format cannot be read"),
    "REVOKED": Text("sertifikat penanda tangan dicabut sebelum waktu penandatanganan",
                    "the signer's certificate was revoked before the signing time"),
    "REVOKED_NO_POE": Text("sertifikat penanda tangan telah dicabut dan tidak ada bukti bahwa tanda tangan "
                           "dibuat sebelum pencabutan",
                           "the signer's certificate is revoked and nothing proves the signature existed "
                           "before the revocation"),
    "REVOKED_CA_NO_POE": Text("sertifikat CA penerbit telah dicabut dan tidak ada bukti waktu sebelum pencabutan",
                              "an issuing CA certificate is revoked and nothing proves an earlier signing time"),
    "NOT_YET_VALID": Text("sertifikat belum berlaku pada waktu penandatanganan",
                          "the certificate was not yet valid at the signing time"),
    "EXPIRED": Text("sertifikat sudah kedaluwarsa", "the certificate has expired"),
    "OUT_OF_BOUNDS_NO_POE": Text("sertifikat di luar masa berlakunya dan tidak ada bukti penandatanganan "
                                 "dalam masa berlaku",
                                 "the certificate is outside its validity and nothing proves the signature was "
                                 "made within it"),
    "OUT_OF_BOUNDS_NOT_REVOKED": Text("sertifikat di luar masa berlakunya (tidak dicabut)",
                                      "the certificate is outside its validity (not revoked)"),
    "NO_CERTIFICATE_CHAIN_FOUND": Text("sertifikat penanda tangan tidak berantai ke jangkar kepercayaan yang "
                                       "ditetapkan", "the signer's certificate does not chain to a configured "
                                       "trust anchor"),
    "NO_SIGNING_CERTIFICATE_FOUND": Text("sertifikat penanda tangan tidak ditemukan dalam tanda tangan",
                                         "the signer's certificate is not in the signature"),
    "CHAIN_CONSTRAINTS_FAILURE": Text("rantai sertifikat tidak memenuhi batasan validasi",
                                      "the certificate chain does not meet the validation constraints"),
    "CERTIFICATE_CHAIN_GENERAL_FAILURE": Text("rantai sertifikat tidak dapat divalidasi",
                                              "the certificate chain could not be validated"),
    "TRY_LATER": Text("status pencabutan sertifikat tidak dapat dipastikan sekarang (tidak ada data pencabutan "
                      "yang berlaku); coba lagi dengan akses ke layanan OCSP/CRL",
                      "the certificate's revocation status cannot be established now (no usable revocation "
                      "data); try again with access to the OCSP/CRL services"),
    "REVOCATION_OUT_OF_BOUNDS_NO_POE": Text("data pencabutan di luar masa berlakunya",
                                            "the revocation data is outside its validity"),
    "SIG_CONSTRAINTS_FAILURE": Text("tanda tangan tidak memenuhi batasan validasi (mis. penggunaan kunci, "
                                    "format)", "the signature does not meet the validation constraints (e.g. "
                                    "key usage, format)"),
    "CRYPTO_CONSTRAINTS_FAILURE": Text("algoritma kriptografi yang dipakai tidak lagi diterima",
                                       "a cryptographic algorithm used is no longer accepted"),
    "CRYPTO_CONSTRAINTS_FAILURE_NO_POE": Text("algoritma kriptografi sudah tidak diterima dan tidak ada bukti "
                                              "waktu sebelumnya", "a cryptographic algorithm is no longer "
                                              "accepted and nothing proves an earlier time"),
    "TIMESTAMP_ORDER_FAILURE": Text("urutan cap waktu tidak konsisten", "the time stamps are out of order"),
    "NO_POE": Text("tidak ada bukti keberadaan (cap waktu) yang cukup untuk validasi jangka panjang",
                   "not enough proof of existence (time stamps) for long-term validation"),
    "POLICY_PROCESSING_ERROR": Text("kebijakan tanda tangan tidak dapat diproses",
                                    "the signature policy could not be processed"),
    "SIGNATURE_POLICY_NOT_AVAILABLE": Text("kebijakan tanda tangan tidak tersedia",
                                           "the signature policy is not available"),
    "SIGNED_DATA_NOT_FOUND": Text("data yang ditandatangani tidak ditemukan", "the signed data was not found"),
    "GENERIC": Text("validasi tidak dapat diselesaikan", "validation could not be completed"),
}

NO_SIGNATURE = Text("tidak ada tanda tangan pada dokumen ini", "this document has no signature")
ONLY_TIMESTAMPS = Text("dokumen hanya memuat cap waktu dokumen, tanpa tanda tangan",
                       "the document carries document timestamps only, no signature")
ALL_VALID = Text("semua tanda tangan sah dan tidak ada perubahan tidak sah setelah penandatanganan",
                 "every signature is valid and no illegal change was made after signing")
LENIENT = Text("struktur PDF rusak; berkas hanya dapat dibaca dalam mode longgar, sehingga hasil tidak dapat "
               "dipastikan", "the PDF structure is damaged; the file could only be parsed leniently, so the "
               "result cannot be relied on")
LENIENT_COVERED = Text("struktur PDF tidak sepenuhnya sesuai standar dan dibaca dalam mode longgar; tanda "
                       "tangan mencakup seluruh berkas, sehingga hal ini tidak mengubah hasil",
                       "the PDF structure is not fully standard-conformant and was parsed leniently; the "
                       "signature covers the entire file, so this does not change the result")
NO_REVOCATION_DATA = Text("status pencabutan sertifikat tidak dapat diperoleh (tidak ada respons OCSP atau CRL yang "
                          "berlaku)", "the certificate's revocation status could not be obtained (no usable OCSP "
                          "response or CRL)")
NO_REVOCATION_DATA_OFFLINE = Text("status pencabutan sertifikat tidak diketahui: dokumen tidak memuat data "
                                  "pencabutan dan pengambilan daring tidak diizinkan",
                                  "the certificate's revocation status is unknown: the document embeds no "
                                  "revocation data and online fetching is not allowed")
UNREADABLE = Text("berkas tidak dapat dibaca sebagai PDF", "the file cannot be read as a PDF")
INTERNAL = Text("verifikasi tidak dapat diselesaikan karena kesalahan internal",
                "verification could not be completed because of an internal error")
UNSUPPORTED = Text("format tanda tangan tidak didukung", "the signature format is not supported")
NOT_VALIDATED = Text("tanda tangan tidak dapat divalidasi", "the signature could not be validated")


def sub_indication_text(name: str | None) -> Text:
    return SUB_INDICATIONS.get(name or "GENERIC", SUB_INDICATIONS["GENERIC"])


def revoked_later(when: datetime | None) -> Text:
    moment = when.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC") if when else "?"
    return Text(f"sertifikat penanda tangan dicabut pada {moment}, setelah waktu penandatanganan yang terbukti "
                "oleh cap waktu; tanda tangan tetap sah",
                f"the signer's certificate was revoked at {moment}, after the proven signing time; the "
                "signature stands")


def about(field_name: str, text: Text) -> Text:
    return Text(f"{field_name}: {text.id}", f"{field_name}: {text.en}")
