"""The only way WeasyPrint may load anything while Lintas renders a document.

Templates are written by process designers, so what they ask WeasyPrint to load is untrusted.
Allowed: ``data:`` URIs, and regular files inside the allowed folders (the vendored fonts and the
bundle's template folder), checked after resolving symlinks and ``..``. Everything else -- http,
https, ftp, files elsewhere -- is refused without being opened, so nothing leaves the machine and
nothing outside the bundle is read.

A refusal raises WeasyPrint's ``FatalURLFetchingError`` to stop the layout, and is also recorded,
because WeasyPrint swallows every exception raised while it draws an SVG image.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import NoReturn
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

# Anything a page legitimately loads (a logo, a font, a stylesheet) is far below this.
MAX_RESOURCE_BYTES = 16 * 1024 * 1024
_TYPES = {".css": "text/css", ".svg": "image/svg+xml", ".ttf": "font/ttf", ".otf": "font/otf",
          ".woff": "font/woff", ".woff2": "font/woff2", ".png": "image/png", ".jpg": "image/jpeg",
          ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp"}


class Refusal:
    """Why a URL was not loaded, in both languages."""

    def __init__(self, url: str, message_id: str, message_en: str) -> None:
        self.url = url
        self.message_id = message_id
        self.message_en = message_en


class GuardedFetcher(URLFetcher):  # type: ignore[misc]
    """A WeasyPrint URL fetcher limited to data: URIs and files under ``roots``."""

    def __init__(self, roots: tuple[Path, ...]) -> None:
        super().__init__(timeout=1, allowed_protocols=("data",), allow_redirects=False, fail_on_errors=True)
        self._roots = tuple(root.resolve() for root in roots)
        self.refusals: list[Refusal] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            return self._local(url)
        short = _short(url)
        self._refuse(url, f"Templat meminta sumber di luar bundel (hanya data: dan berkas bundel): {short}",
                     f"The template asks for a resource outside the bundle (only data: and bundle files): {short}")

    def _local(self, url: str) -> URLFetcherResponse:
        parts = urlsplit(url)
        short = _short(url)
        if parts.netloc not in ("", "localhost"):
            self._refuse(url, f"Berkas di mesin lain ditolak: {short}", f"A file on another host is refused: {short}")
        path = Path(url2pathname(unquote(parts.path)))
        try:
            real = path.resolve(strict=True)
        except (OSError, RuntimeError):
            self._refuse(url, f"Berkas tidak ditemukan: {short}", f"File not found: {short}")
        if not any(real.is_relative_to(root) for root in self._roots) or not real.is_file():
            self._refuse(url, f"Berkas di luar folder templat bundel ditolak: {short}",
                         f"A file outside the bundle's template folder is refused: {short}")
        if real.stat().st_size > MAX_RESOURCE_BYTES:
            self._refuse(url, f"Berkas terlalu besar: {short}", f"File too large: {short}")
        content_type = _TYPES.get(real.suffix.lower()) or mimetypes.guess_type(real.name)[0]
        return URLFetcherResponse(url, body=real.read_bytes(),
                                  headers={"Content-Type": content_type or "application/octet-stream"})

    def _refuse(self, url: str, message_id: str, message_en: str) -> NoReturn:
        self.refusals.append(Refusal(url, message_id, message_en))
        raise FatalURLFetchingError(message_en)


def _short(url: str) -> str:
    return url if len(url) <= 120 else url[:117] + "..."
