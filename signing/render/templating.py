"""Designers' Jinja2 templates to HTML: sandboxed, autoescaped, strict, and limited to the bundle.

A template sees only what a document needs: ``data`` (read-only), ``kop``, ``nomor``, ``judul``,
the placeholder helpers for planned signatures and the Indonesian format filters. The sandbox
refuses attribute access that reaches Python internals (``''.__class__``) and every method that
would change ``data``. Templates load from the bundle's ``templates/`` folder (no ``..``, no
symlink out of it) plus Lintas's own layouts under ``lintas/``. Every failure becomes a
``TemplateError`` naming the template and line, in Bahasa Indonesia and English.
"""

from __future__ import annotations

import hashlib
import math
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, Environment, StrictUndefined, TemplateNotFound, TemplateSyntaxError, UndefinedError
from jinja2.loaders import split_template_path
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from signing.errors import TemplateError
from signing.render import formatting as fmt
from signing.render.footer import qr_data_uri, statement_en, statement_id
from signing.render.model import MAX_HTML_CHARS, MAX_TEMPLATE_BYTES, MAX_TEMPLATE_SECONDS, RenderRequest, zone
from signing.render.slots import NUMBER_ID, SlotBook, letterhead_view

BUILTIN_DIR = Path(__file__).resolve().parent / "templates"
BUILTIN_PREFIX = "lintas"


@dataclass(frozen=True)
class TemplateOutput:
    html: str
    template_sha256: str
    has_number_field: bool   # the template placed the empty number box (number assigned at signing)
    number_quadding: int     # its alignment as a PDF /Q value


class BundleLoader(BaseLoader):
    """Bundle templates by relative name; ``lintas/...`` from Lintas's built-in layouts."""

    def __init__(self, bundle_dir: Path) -> None:
        self._bundle = bundle_dir.resolve()
        self.names: dict[str, str] = {}      # filename -> template name, to report locations
        self.sha256: dict[str, str] = {}     # template name -> SHA-256 of its bytes

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)          # refuses '..' segments
        root = BUILTIN_DIR if pieces and pieces[0] == BUILTIN_PREFIX else self._bundle
        path = root.joinpath(*pieces)
        try:
            real = path.resolve(strict=True)
        except (OSError, RuntimeError):
            raise TemplateNotFound(template) from None
        if not real.is_relative_to(root) or not real.is_file():
            raise TemplateNotFound(template)
        if real.stat().st_size > MAX_TEMPLATE_BYTES:
            raise TemplateError(f"Templat {template} lebih dari {MAX_TEMPLATE_BYTES // 1024} KiB.",
                                f"Template {template} is larger than {MAX_TEMPLATE_BYTES // 1024} KiB.", template)
        raw = real.read_bytes()
        try:
            source = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise TemplateError(f"Templat {template} bukan teks UTF-8.", f"Template {template} is not UTF-8 text.",
                                template) from None
        self.names[str(path)] = template
        self.sha256[template] = hashlib.sha256(raw).hexdigest()
        return source, str(path), lambda: True


class TimedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with a time budget, checked where a runaway template must pass by."""

    deadline = math.inf

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateError(f"Templat berjalan lebih dari {MAX_TEMPLATE_SECONDS:g} detik.",
                                f"The template ran for more than {MAX_TEMPLATE_SECONDS:g} seconds.")

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.tick()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.tick()
        return super().getitem(obj, argument)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        __self.tick()
        return super().call(__context, __obj, *args, **kwargs)


def render_html(request: RenderRequest) -> TemplateOutput:
    """Run the request's template; check that every planned signature was placed exactly once."""
    if split_template_path(request.template)[:1] == [BUILTIN_PREFIX]:
        raise TemplateError(f"Templat dokumen harus dari bundel, bukan {request.template}.",
                            f"The document template must come from the bundle, not {request.template}.",
                            request.template)
    loader = BundleLoader(request.template_dir)
    book = SlotBook(request.signatures, request.number)
    env = _environment(loader, request, book)
    try:
        env.deadline = time.monotonic() + MAX_TEMPLATE_SECONDS
        template = env.get_template(request.template)
        html = _collect(template.generate(), env)
    except TemplateError as exc:
        if exc.line is not None:
            raise
        where, line = _location(exc, loader)
        raise _located(exc.message_id, exc.message_en, where or exc.template, line) from exc
    except TemplateNotFound as exc:
        where, line = _location(exc, loader)
        raise _located(f"Templat tidak ditemukan: {exc.name}.", f"Template not found: {exc.name}.",
                       where, line) from None
    except TemplateSyntaxError as exc:
        name = exc.name or loader.names.get(exc.filename or "", request.template)
        raise _located(f"Kesalahan sintaks templat: {_detail(exc)}.", f"Template syntax error: {_detail(exc)}.",
                       name, exc.lineno) from None
    except SecurityError as exc:
        where, line = _location(exc, loader)
        raise _located(f"Ditolak oleh sandbox templat: {_detail(exc)}.",
                       f"Refused by the template sandbox: {_detail(exc)}.", where, line) from None
    except UndefinedError as exc:
        where, line = _location(exc, loader)
        raise _located(f"Variabel atau kunci tidak dikenal: {_detail(exc)}.",
                       f"Unknown variable or key: {_detail(exc)}.", where, line) from None
    except fmt.FormatError as exc:
        where, line = _location(exc, loader)
        raise _located(exc.message_id, exc.message_en, where, line) from None
    except Exception as exc:  # a designer's mistake must never surface as a bare Python error
        where, line = _location(exc, loader)
        detail = f"{type(exc).__name__}: {_detail(exc)}"
        raise _located(f"Templat gagal dirender: {detail}.", f"The template failed to render: {detail}.",
                       where, line) from exc
    book.check_complete(html, request.template)
    return TemplateOutput(html=html, template_sha256=loader.sha256[request.template],
                          has_number_field=request.number is None and f'id="{NUMBER_ID}"' in html,
                          number_quadding=book.number_quadding)


def _environment(loader: BundleLoader, request: RenderRequest, book: SlotBook) -> TimedSandbox:
    # A fresh environment per document: the helpers hold this document's slot bookkeeping, and
    # globals (unlike render context) also reach macros imported from lintas/naskah.html.
    env = TimedSandbox(loader=loader, autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True, auto_reload=False)
    tz = zone(request.timezone)
    env.filters.update({
        "tanggal": lambda value: fmt.tanggal(value, tz),
        "tanggal_jam": lambda value: fmt.tanggal_jam(value, tz),
        "hari": lambda value: fmt.hari(value, tz),
        "bulan": lambda value: fmt.bulan(value, tz),
        "waktu": lambda value: fmt.as_moment(value, tz),
        "rupiah": fmt.rupiah,
        "angka": fmt.angka,
        "terbilang": fmt.terbilang,
    })
    globals_: dict[str, Any] = {
        "data": request.data,
        "kop": letterhead_view(request.letterhead),
        "judul": request.title,
        "nomor": book.number_markup(),
        "nomor_surat": book.number_markup,
        "tanda_tangan": lambda name: book.place("sign", name),
        "paraf": lambda name: book.place("paraf", name),
        "segel": lambda name: book.place("seal", name),
        "lintas": {
            "qr": qr_data_uri(request.verify_url),
            "pernyataan": statement_id(request.issuer_name, request.verify_url),
            "statement": statement_en(request.issuer_name, request.verify_url),
            "verify_url": request.verify_url,
        },
    }
    env.globals.update(globals_)
    book.number_quadding = 0   # computing ``nomor`` above is not a placement
    return env


def _collect(chunks: Iterator[str], env: TimedSandbox) -> str:
    parts: list[str] = []
    size = 0
    for chunk in chunks:
        env.tick()
        size += len(chunk)
        if size > MAX_HTML_CHARS:
            raise TemplateError(f"Templat menghasilkan lebih dari {MAX_HTML_CHARS // 1_048_576} MiB HTML.",
                                f"The template produces more than {MAX_HTML_CHARS // 1_048_576} MiB of HTML.")
        parts.append(chunk)
    return "".join(parts)


def _location(exc: BaseException, loader: BundleLoader) -> tuple[str | None, int | None]:
    """Where in the designer's templates it went wrong (Jinja rewrites frames to template lines).

    The innermost frame in a bundle template wins over one in Lintas's own layouts: a missing
    value passed into a ``lintas/naskah.html`` macro is the caller's mistake, and the designer can
    only change the bundle anyway.
    """
    found: tuple[str | None, int | None] = (None, None)
    for frame in traceback.extract_tb(exc.__traceback__):
        name = loader.names.get(frame.filename)
        if name is not None and (found[0] is None or not name.startswith(BUILTIN_PREFIX + "/")):
            found = (name, frame.lineno)
    return found


def _located(message_id: str, message_en: str, template: str | None, line: int | None) -> TemplateError:
    """Prefix the place, compiler style: 't.html baris 4: Kesalahan sintaks templat: ...'."""
    if template is None:
        return TemplateError(message_id, message_en)
    where_id = f"{template} baris {line}" if line else template
    where_en = f"{template} line {line}" if line else template
    return TemplateError(f"{where_id}: {message_id}", f"{where_en}: {message_en}", template, line)


def _detail(exc: BaseException) -> str:
    return str(exc).strip().rstrip(".")[:300]
