"""Web security settings in one place: the secret key, session cookies, CSRF and response headers.

The Content-Security-Policy allows only files served by Lintas itself: no inline scripts or styles,
no CDNs, no framing. A view that needs more (a PDF shown in a same-site frame) widens it for its
own responses with ``@csp(...)``; nothing else may.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

from flask import Flask, Response, current_app, g, request
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from engine.settings import Settings

F = TypeVar("F", bound=Callable[..., Any])

IDLE_TIMEOUT = timedelta(hours=2)          # the signed cookie is refused after this long without a request
MAX_SESSION_AGE = timedelta(hours=10)      # and a sign-in never outlives a working day
MIN_SECRET_LENGTH = 32

POLICY: dict[str, str] = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}

csrf = CSRFProtect()


def secret_key(settings: Settings) -> str:
    """``LINTAS_SECRET_KEY``, else a key generated once into ``<instance>/secret_key`` (mode 0600).

    Written with an exclusive create of a temporary file and a hard link, so web processes starting
    together agree on one key and never read a half-written file.
    """
    if settings.secret_key:
        if len(settings.secret_key) < MIN_SECRET_LENGTH:
            raise ValueError(f"LINTAS_SECRET_KEY must have at least {MIN_SECRET_LENGTH} characters")
        return settings.secret_key
    path = Path(settings.instance_dir) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".secret_key.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="ascii") as out:
                out.write(secrets.token_hex(32) + "\n")
            try:
                os.link(temp, path)
            except FileExistsError:
                pass                          # another process won the race; use its key
        finally:
            temp.unlink(missing_ok=True)
    return path.read_text(encoding="ascii").strip()


def configure(app: Flask, settings: Settings) -> None:
    """Session cookie, CSRF and headers; called by ``create_app`` before the caller's overrides."""
    https = settings.public_url.startswith("https://")
    app.config.update(
        SECRET_KEY=secret_key(settings),
        SESSION_COOKIE_NAME="lintas_sesi",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=https,
        PERMANENT_SESSION_LIFETIME=IDLE_TIMEOUT,
        SESSION_REFRESH_EACH_REQUEST=True,
        # A form may stay open as long as the session lives; the token is bound to the session anyway.
        WTF_CSRF_TIME_LIMIT=int(MAX_SESSION_AGE.total_seconds()),
        LINTAS_HSTS=https,
    )
    if settings.trusted_proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=settings.trusted_proxies,   # type: ignore[method-assign]
                                x_proto=settings.trusted_proxies, x_host=settings.trusted_proxies)
    app.after_request(_headers)


def init_csrf(app: Flask) -> None:
    csrf.init_app(app)


def csp(**directives: str) -> Callable[[F], F]:
    """Widen the Content-Security-Policy for one view, e.g. ``@csp(frame_ancestors="'self'")``."""
    def decorate(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            g.lintas_csp = {name.replace("_", "-"): value for name, value in directives.items()}
            return view(*args, **kwargs)
        return wrapper  # type: ignore[return-value]
    return decorate


def policy_text(extra: dict[str, str] | None = None) -> str:
    merged = {**POLICY, **(extra or {})}
    return "; ".join(f"{name} {value}" for name, value in merged.items())


def _headers(response: Response) -> Response:
    extra: dict[str, str] = g.get("lintas_csp") or {}
    headers = response.headers
    if response.mimetype == "application/pdf":
        # Browsers show a PDF with their own viewer, which a page policy (object-src 'none') would
        # block; the app's own pages may frame it (the signing task shows the letter it signs).
        extra = {"frame-ancestors": "'self'"}
        headers.setdefault("Content-Security-Policy", "frame-ancestors 'self'")
    headers.setdefault("Content-Security-Policy", policy_text(extra))
    headers.setdefault("X-Content-Type-Options", "nosniff")
    # same-origin keeps task and case URLs out of other sites' logs, and still lets Flask-WTF check
    # the Referer of HTTPS form posts.
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("X-Frame-Options", "SAMEORIGIN" if "'self'" in extra.get("frame-ancestors", "") else "DENY")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if current_app.config.get("LINTAS_HSTS"):
        headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    if g.get("lintas_user") is not None and not request.path.startswith("/static/"):
        # Pages of a signed-in person are never cached: the back button after signing out on a
        # shared office computer must not show them.
        headers["Cache-Control"] = "no-store"
    return response
