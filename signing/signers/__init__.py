"""Signer backends: an encrypted PKCS#12, a PKCS#11 token, a remote signing service."""

from signing.signers.base import KeyStoreSigner, RemoteAppearance, SignatureJob, SignerBackend
from signing.signers.pkcs11 import Pkcs11Signer
from signing.signers.pkcs12 import Pkcs12Signer
from signing.signers.remote import RemoteServiceSigner

__all__ = ["KeyStoreSigner", "Pkcs11Signer", "Pkcs12Signer", "RemoteAppearance", "RemoteServiceSigner",
           "SignatureJob", "SignerBackend"]
