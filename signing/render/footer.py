"""What every page of a signed document says at its foot: the electronic-signature statement and a QR code.

The statement follows what BSrE-signed pemda documents print (UU ITE Art. 11, PP 71/2019): the
document was signed with an electronic certificate from the named issuer, and where to check it.
The QR code carries the verification address only, made locally with segno (no network).
"""

from __future__ import annotations

import segno

# Error level M survives a crease or a stamp over a corner; segno raises it when the size allows.
QR_ERROR = "m"


def make_qr(url: str) -> segno.QRCode:
    """The QR code printed on every page (also used by tests to compare what the PDF shows)."""
    return segno.make(url, error=QR_ERROR, micro=False)


def qr_data_uri(url: str) -> str:
    """An SVG data URI of the QR code, without quiet zone (the footer's CSS leaves the margin)."""
    # unit="mm" makes segno write a viewBox, so the image scales to whatever size the CSS gives it.
    return str(make_qr(url).svg_data_uri(border=0, unit="mm", title="QR verifikasi"))


def statement_id(issuer_name: str, verify_url: str) -> str:
    return (f"Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang "
            f"diterbitkan oleh {issuer_name}. Keaslian dokumen dapat diperiksa di {verify_url} "
            f"atau dengan memindai kode QR.")


def statement_en(issuer_name: str, verify_url: str) -> str:
    return (f"This document has been signed electronically with an electronic certificate issued by "
            f"{issuer_name}. Its authenticity can be checked at {verify_url} or by scanning the QR code.")
