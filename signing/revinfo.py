"""Revocation information in a signed PDF and what it says about one certificate.

``Embedded`` gathers the OCSP responses, CRLs and certificates a document carries (in a
signature's revocation-info-archival attribute or in the Document Security Store) so validation
can use them offline. ``revocation_of`` then says, for the signer's certificate, which responses
speak about it, where each came from (signature, DSS, or fetched during this verification),
when it was issued and what it says.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from asn1crypto import cms, crl, ocsp, x509
from pyhanko.pdf_utils.decode_limits import DecodePurpose
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.general import MultivaluedAttributeError, NonexistentAttributeError, find_unique_cms_attribute
from pyhanko.sign.validation import DocumentSecurityStore
from pyhanko.sign.validation.errors import NoDSSFoundError
from pyhanko.sign.validation.policy_decl import LocalKnowledge
from pyhanko_certvalidator.ltv.poe import ValidationObject, ValidationObjectType
from pyhanko_certvalidator.revinfo.archival import CRLContainer, OCSPContainer

from signing.report import Revocation, RevocationSource


@dataclass
class Embedded:
    """Validation data found in the document, each item tagged with where it was found."""

    ocsps: list[tuple[str, ocsp.OCSPResponse]] = field(default_factory=list)
    crls: list[tuple[str, crl.CertificateList]] = field(default_factory=list)
    certs: list[x509.Certificate] = field(default_factory=list)

    def origin_of(self, der: bytes) -> str | None:
        digest = hashlib.sha256(der).digest()
        for origin, item in [*self.ocsps, *self.crls]:
            if hashlib.sha256(item.dump()).digest() == digest:
                return origin
        return None

    def knowledge(self) -> LocalKnowledge:
        return LocalKnowledge(
            known_ocsps=[c for _, resp in self.ocsps for c in OCSPContainer.load_multi(resp)],
            known_crls=[CRLContainer(item) for _, item in self.crls], known_certs=list(self.certs))

    def covers(self, cert: x509.Certificate) -> bool:
        return any(_ocsp_single(resp, cert) is not None for _, resp in self.ocsps) or any(
            item["tbs_cert_list"]["issuer"] == cert.issuer for _, item in self.crls)


def embedded_in(reader: PdfFileReader, signer_infos: Iterable[cms.SignerInfo]) -> Embedded:
    """What the final revision's DSS and the signatures' archival attributes carry."""
    found = Embedded()
    for signer_info in signer_infos:
        try:
            archival = find_unique_cms_attribute(signer_info["signed_attrs"], "adobe_revocation_info_archival")
        except (NonexistentAttributeError, MultivaluedAttributeError):
            continue
        found.ocsps += [("signature", item) for item in archival["ocsp"] or ()]
        found.crls += [("signature", item) for item in archival["crl"] or ()]
    try:
        dss = DocumentSecurityStore.read_dss(reader)
    except NoDSSFoundError:
        return found
    found.ocsps += [("dss", ocsp.OCSPResponse.load(ref.get_object().read_data(DecodePurpose.OCSP_RESPONSE)))
                    for ref in dss.ocsps]
    found.crls += [("dss", crl.CertificateList.load(ref.get_object().read_data(DecodePurpose.CRL)))
                   for ref in dss.crls]
    found.certs += list(dss.load_certs())
    return found


def revocation_of(cert: x509.Certificate, objects: Iterable[ValidationObject], embedded: Embedded,
                  revoked: tuple[datetime, str | None] | None) -> Revocation:
    """The revocation status of ``cert`` from the validation objects a validation used or found."""
    sources: dict[bytes, RevocationSource] = {}
    candidates: list[ocsp.OCSPResponse | crl.CertificateList] = []
    for vo in objects:
        if vo.object_type == ValidationObjectType.OCSP_RESPONSE:
            candidates.append(vo.value.ocsp_response_data)
        elif vo.object_type == ValidationObjectType.CRL:
            candidates.append(vo.value.crl_data)
    candidates += [item for _, item in embedded.ocsps] + [item for _, item in embedded.crls]
    for item in candidates:
        der = item.dump()
        key = hashlib.sha256(der).digest()
        if key in sources:
            continue
        origin = embedded.origin_of(der) or "fetched"
        source = (_ocsp_source(item, cert, origin) if isinstance(item, ocsp.OCSPResponse)
                  else _crl_source(item, cert, origin))
        if source is not None:
            sources[key] = source
    ordered = tuple(sorted(sources.values(), key=lambda s: (s.origin, s.kind)))
    if revoked is not None:
        return Revocation("revoked", revoked[0], revoked[1], ordered)
    listed = [s for s in ordered if s.status == "revoked"]
    if listed:
        return Revocation("revoked", listed[0].revoked_at, listed[0].reason, ordered)
    status = "good" if any(s.status == "good" for s in ordered) else "unknown"
    return Revocation(status, sources=ordered)


def _ocsp_single(response: ocsp.OCSPResponse, cert: x509.Certificate) -> ocsp.SingleResponse | None:
    try:
        if response["response_status"].native != "successful":
            return None
        basic = response["response_bytes"]["response"].parsed
        for single in basic["tbs_response_data"]["responses"]:
            cert_id = single["cert_id"]
            if cert_id["serial_number"].native != cert.serial_number:
                continue
            algorithm = cert_id["hash_algorithm"]["algorithm"].native
            if cert_id["issuer_name_hash"].native == hashlib.new(algorithm, cert.issuer.dump()).digest():
                return single
    except (ValueError, KeyError, TypeError):
        return None
    return None


def _ocsp_source(response: ocsp.OCSPResponse, cert: x509.Certificate, origin: str) -> RevocationSource | None:
    single = _ocsp_single(response, cert)
    if single is None:
        return None
    basic = response["response_bytes"]["response"].parsed
    data = basic["tbs_response_data"]
    status = single["cert_status"]
    revoked_at = reason = None
    if status.name == "revoked":
        revoked_at = status.chosen["revocation_time"].native
        reason = status.chosen["revocation_reason"].native
    return RevocationSource("ocsp", origin, _responder_name(basic), data["produced_at"].native,
                            single["this_update"].native, single["next_update"].native,
                            {"good": "good", "revoked": "revoked"}.get(status.name, "unknown"), revoked_at, reason)


def _crl_source(item: crl.CertificateList, cert: x509.Certificate, origin: str) -> RevocationSource | None:
    tbs = item["tbs_cert_list"]
    if tbs["issuer"] != cert.issuer:
        return None
    status, revoked_at, reason = "good", None, None
    for entry in tbs["revoked_certificates"] or ():
        if entry["user_certificate"].native == cert.serial_number:
            status, revoked_at = "revoked", entry["revocation_date"].native
            reason = entry.crl_reason_value.native if entry.crl_reason_value else None
    return RevocationSource("crl", origin, tbs["issuer"].native.get("common_name") or tbs["issuer"].human_friendly,
                            None, tbs["this_update"].native, tbs["next_update"].native, status, revoked_at, reason)


def _responder_name(basic: ocsp.BasicOCSPResponse) -> str:
    responder = basic["tbs_response_data"]["responder_id"]
    if responder.name == "by_name":
        return str(responder.chosen.native.get("common_name") or responder.chosen.human_friendly)
    key_hash = responder.chosen.native
    for cert in basic["certs"] or ():
        if cert.public_key.sha1 == key_hash:
            return str(cert.subject.native.get("common_name") or cert.subject.human_friendly)
    return f"OCSP responder {key_hash.hex()}"
