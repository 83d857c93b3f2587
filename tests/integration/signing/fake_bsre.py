"""A fake national signing service (BSrE style) for the remote-signer tests.

It listens on 127.0.0.1 on a random port in a background thread, holds one encrypted PKCS#12 per
NIK, and signs the uploaded PDF with pyHanko into the requested field, with a signature time
stamp from the test PKI's TSA. ``behaviour`` makes it misbehave the ways a real service might:
answer with a rewritten (non-incremental) PDF, alter the bytes it was sent, change the page
while signing, fill another field, sign with another holder's key, skip the time stamp, fail
with HTTP 500, or never answer.
"""

from __future__ import annotations

import asyncio
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from aiohttp import web
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.pdf_utils.writer import copy_into_new_writer
from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter
from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner, SimpleSigner
from pyhanko.stamp import TextStamp, TextStampStyle

from signing.trust import TrustSettings
from signing.typeface import StampFont

BEHAVIOURS = ("normal", "rewrite", "tamper_prefix", "change_page", "other_field", "other_holder", "no_timestamp",
              "error_500", "hang")


@dataclass
class FakeBsre:
    trust: TrustSettings
    holders: dict[str, bytes]                      # NIK -> encrypted PKCS#12
    behaviour: str = "normal"
    impostor: tuple[bytes, str] | None = None     # a PKCS#12 and its passphrase, for "other_holder"
    requests: list[dict[str, str]] = field(default_factory=list)
    url: str = ""
    _loop: asyncio.AbstractEventLoop | None = None
    _release: asyncio.Event | None = None

    async def handle(self, request: web.Request) -> web.Response:
        form = await request.post()
        values = {k: v for k, v in form.items() if isinstance(v, str)}
        self.requests.append({k: v for k, v in values.items() if k != "passphrase"})
        upload = form.get("file")
        pdf = upload.file.read() if isinstance(upload, web.FileField) else b""
        if self.behaviour == "hang":
            assert self._release is not None
            await self._release.wait()
            return web.json_response({"error": "Service stopping"}, status=503)
        if self.behaviour == "error_500":
            return web.json_response({"error": "Internal server error"}, status=500)
        nik = values.get("nik", "")
        if nik not in self.holders:
            return web.json_response({"error": "NIK tidak terdaftar", "code": "unknown_nik"}, status=404)
        try:
            signer = SimpleSigner.load_pkcs12_data(self.holders[nik], (), values.get("passphrase", "").encode())
        except ValueError:
            return web.json_response({"error": "Passphrase anda salah", "code": "wrong_passphrase"}, status=400)
        if self.behaviour == "other_holder":
            assert self.impostor is not None
            signer = SimpleSigner.load_pkcs12_data(self.impostor[0], (), self.impostor[1].encode())
        signed = await self._sign(pdf, values, signer)
        return web.Response(body=self._misbehave(pdf, signed), content_type="application/pdf")

    async def _sign(self, pdf: bytes, values: dict[str, str], signer: SimpleSigner) -> bytes:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        if self.behaviour == "change_page":
            style = TextStampStyle(stamp_text="DIUBAH", text_box_style=TextBoxStyle(font=StampFont()))
            TextStamp(writer, style).apply(0, 50, 50)
        field_name = "ttd_lain" if self.behaviour == "other_field" else values["field"]
        meta = PdfSignatureMetadata(field_name=field_name, subfilter=SigSeedSubFilter.PADES, md_algorithm="sha256",
                                    certify=values.get("certify") == "true", docmdp_permissions=MDPPerm.FILL_FORMS)
        style = TextStampStyle(stamp_text="%(text)s\n%(url)s", text_box_style=TextBoxStyle(font=StampFont()))
        async with self.trust.session() as session:
            timestamper = None if self.behaviour == "no_timestamp" else self.trust.timestamper(session)
            out = await PdfSigner(meta, signer, timestamper=timestamper, stamp_style=style).async_sign_pdf(
                writer, existing_fields_only=self.behaviour != "other_field",
                appearance_text_params={"text": values.get("text", ""), "url": values.get("linkQR", "")})
        return bytes(out.getvalue())

    def _misbehave(self, sent: bytes, signed: bytes) -> bytes:
        if self.behaviour == "rewrite":
            out = io.BytesIO()
            copy_into_new_writer(PdfFileReader(io.BytesIO(signed), strict=False)).write(out)
            return out.getvalue()
        if self.behaviour == "tamper_prefix":
            at = sent.index(b"Halaman") if b"Halaman" in sent else len(sent) // 2
            return signed[:at] + bytes([signed[at] ^ 0x01]) + signed[at + 1:]
        return signed

    # -- running in a thread ----------------------------------------------------------------------
    @contextmanager
    def running(self) -> Iterator[FakeBsre]:
        ready = threading.Event()
        stop: list[asyncio.Event] = []

        async def serve() -> None:
            app = web.Application(client_max_size=50 * 1024 * 1024)
            app.router.add_post("/api/sign/pdf", self.handle)
            runner = web.AppRunner(app)
            await runner.setup()
            site = web.TCPSite(runner, "127.0.0.1", 0)
            await site.start()
            host, port = runner.addresses[0][:2]
            self.url = f"http://{host}:{port}/api/sign/pdf"
            self._loop, self._release = asyncio.get_running_loop(), asyncio.Event()
            stop.append(asyncio.Event())
            ready.set()
            await stop[0].wait()
            self._release.set()
            await runner.cleanup()

        thread = threading.Thread(target=asyncio.run, args=(serve(),), name="fake-bsre", daemon=True)
        thread.start()
        assert ready.wait(10), "the fake BSrE service did not start"
        try:
            yield self
        finally:
            assert self._loop is not None
            self._loop.call_soon_threadsafe(stop[0].set)
            thread.join(10)
