"""What every page of a signed document says at its foot: the electronic-signature statement and a QR code.

The statement follows what BSrE-signed pemda documents print (UU ITE Art. 11, PP 71/2019): the
document was signed with an electronic certificate from the named issuer, and where to check it.
The QR code carries the verification address only, made locally with segno (no network).
"""

from __future__ import annotations

import segno
from markupsafe import Markup

# Error level M survives a crease or a stamp over a corner; segno raises it when the size allows.
QR_ERROR = "m"


def make_qr(url: str) -> segno.QRCode:
    """The QR code printed on every page (also used by tests to compare what the PDF shows)."""
    return segno.make(url, error=QR_ERROR, micro=False)


def qr_data_uri(url: str) -> str:
    """An SVG data URI of the QR code, without quiet zone (the footer's CSS leaves the margin)."""
    # unit="mm" makes segno write a viewBox, so the image scales to whatever size the CSS gives it.
    return str(make_qr(url).svg_data_uri(border=0, unit="mm", title="QR verifikasi"))


_STATEMENT_ID = ("Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang "
                 "diterbitkan oleh {issuer}. Keaslian dokumen dapat diperiksa di {url} atau dengan memindai kode QR.")
_STATEMENT_EN = ("This document has been signed electronically with an electronic certificate issued by "
                 "{issuer}. Its authenticity can be checked at {url} or by scanning the QR code.")


def statement_id(issuer_name: str, verify_url: str) -> Markup:
    """The statement in Bahasa Indonesia, as HTML with the address as a link."""
    return _statement(_STATEMENT_ID, issuer_name, verify_url)


def statement_en(issuer_name: str, verify_url: str) -> Markup:
    return _statement(_STATEMENT_EN, issuer_name, verify_url)


def _statement(text: str, issuer_name: str, verify_url: str) -> Markup:
    # Markup.format escapes the issuer and keeps the link markup; the link is a PDF URI action.
    link = Markup('<a href="{0}">{0}</a>').format(verify_url)
    return Markup(text).format(issuer=issuer_name, url=link)
