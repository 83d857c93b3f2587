"""What a template may make WeasyPrint load: data: URIs and files inside its own bundle, nothing else.

The network tests listen on a local port and check that no connection ever reached it, so a
refusal is proven to happen before anything leaves the process.
"""

from __future__ import annotations

import base64
import dataclasses
import io
import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import segno
from render_helpers import KOP, bundle_request, letter_request, page_template, pdf_tool

from signing.errors import RenderError, TemplateError
from signing.render import render_document

Bundle = Callable[..., Path]


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A local TCP port nobody should ever connect to."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        server.setblocking(False)
        yield server


def _no_connection(server: socket.socket) -> bool:
    try:
        connection, _ = server.accept()
    except BlockingIOError:
        return True
    connection.close()
    return False


def _png() -> bytes:
    out = io.BytesIO()
    segno.make("logo").save(out, kind="png", scale=4)
    return out.getvalue()


@pytest.mark.parametrize("markup", [
    '<img src="http://127.0.0.1:{port}/logo.png">',
    '<img src="https://127.0.0.1:{port}/logo.png">',
    '<link rel="stylesheet" href="http://127.0.0.1:{port}/gaya.css">',
    '<style>@import url(http://127.0.0.1:{port}/gaya.css);</style>',
    '<style>body {{ background: url("http://127.0.0.1:{port}/latar.png") }}</style>',
    '<style>@font-face {{ font-family: X; src: url(http://127.0.0.1:{port}/x.ttf) }} p {{ font-family: X }}</style>',
    '<object data="http://127.0.0.1:{port}/x.svg" type="image/svg+xml"></object>',
    '<a rel="attachment" href="http://127.0.0.1:{port}/lampiran.pdf">lampiran</a>',
])
def test_network_resources_are_refused_before_any_connection(
        bundle: Bundle, listener: socket.socket, markup: str) -> None:
    port = listener.getsockname()[1]
    folder = bundle(**{"t.html": page_template("<p>isi</p>" + markup.format(port=port))})
    with pytest.raises(TemplateError) as caught:
        render_document(bundle_request(folder))
    assert f"127.0.0.1:{port}" in str(caught.value)
    assert "bundel" in caught.value.message_id and "bundle" in caught.value.message_en
    assert _no_connection(listener)


@pytest.mark.parametrize("markup", [
    '<img src="file:///etc/passwd">',
    '<img src="file:///etc/hostname">',
    '<link rel="stylesheet" href="file:///etc/passwd">',
    '<style>@import url(file:///etc/passwd);</style>',
    '<img src="../rahasia.png">',
    '<img src="gambar/../../rahasia.png">',
    '<img src="file://server.lan/share/logo.png">',
])
def test_files_outside_the_bundle_are_refused(bundle: Bundle, markup: str) -> None:
    folder = bundle(**{"t.html": page_template("<p>isi</p>" + markup)})
    (folder.parent / "rahasia.png").write_bytes(_png())
    with pytest.raises(TemplateError) as caught:
        render_document(bundle_request(folder))
    assert "ditolak" in caught.value.message_id or "tidak ditemukan" in caught.value.message_id


def test_base_element_cannot_move_relative_urls_out_of_the_bundle(bundle: Bundle) -> None:
    head = '<base href="file:///etc/">'
    folder = bundle(**{"t.html": page_template('<img src="passwd">', head=head)})
    with pytest.raises(TemplateError, match="passwd"):
        render_document(bundle_request(folder))


def test_symlink_inside_the_bundle_pointing_out_is_refused(bundle: Bundle) -> None:
    folder = bundle(**{"t.html": page_template('<img src="logo.png">')})
    outside = folder.parent / "rahasia.png"
    outside.write_bytes(_png())
    os.symlink(outside, folder / "logo.png")
    with pytest.raises(TemplateError, match="ditolak"):
        render_document(bundle_request(folder))


def test_svg_in_the_bundle_cannot_reach_out_either(bundle: Bundle, listener: socket.socket) -> None:
    # WeasyPrint swallows errors while drawing SVG; the fetcher's own record still fails the render.
    port = listener.getsockname()[1]
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
           f'width="10" height="10"><image href="http://127.0.0.1:{port}/x.png" width="10" height="10"/></svg>')
    folder = bundle(**{"t.html": page_template('<img src="gambar.svg" style="width: 10mm">'), "gambar.svg": svg})
    with pytest.raises(TemplateError, match=str(port)):
        render_document(bundle_request(folder))
    assert _no_connection(listener)


def test_missing_bundle_file_is_an_error_not_a_blank(bundle: Bundle) -> None:
    folder = bundle(**{"t.html": page_template('<img src="tidak-ada.png">')})
    with pytest.raises(TemplateError, match="tidak ditemukan"):
        render_document(bundle_request(folder))


def test_bundle_files_and_data_uris_are_allowed(bundle: Bundle, tmp_path: Path) -> None:
    png = _png()
    data_uri = "data:image/png;base64," + base64.b64encode(png).decode()
    folder = bundle(**{
        "t.html": page_template('<p class="gaya-bundel">Bagian bergaya</p><img src="gambar/logo.png" '
                                f'style="width: 15mm"><img src="{data_uri}" style="width: 15mm">',
                                head='<link rel="stylesheet" href="gaya.css">'),
        "gaya.css": ".gaya-bundel { font-weight: bold; }",
    })
    (folder / "gambar").mkdir()
    (folder / "gambar" / "logo.png").write_bytes(png)
    doc = render_document(bundle_request(folder))
    listing = pdf_tool("pdfimages", doc.pdf, "-list", tmp=tmp_path)
    assert len([line for line in listing.splitlines()[2:] if line.strip()]) == 2
    assert "Noto-Sans-Bold" in pdf_tool("pdffonts", doc.pdf, tmp=tmp_path)


def test_letterhead_logo_png_and_svg(tmp_path: Path) -> None:

    svg = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="20" height="24">'
           b'<rect width="20" height="24" fill="#c00"/></svg>')
    for logo in (_png(), svg):
        doc = render_document(letter_request(letterhead=dataclasses.replace(KOP, logo=logo)))
        assert doc.page_count == 1
    with pytest.raises(RenderError, match="PNG atau SVG"):
        render_document(letter_request(letterhead=dataclasses.replace(KOP, logo=b"GIF89a....")))
