"""Signing in and out, and who the current request acts for.

The session holds only the username, a marker bound to the stored password hash and the moment of
sign-in; every request re-resolves the person through ``lintas.accounts.current`` (roles, access,
deactivation and a new password count at once). Views use::

    @login_required                      # anyone signed in
    @requires("supervisor")              # signed in and holding that access level (403 otherwise)
    actor = current_actor()              # engine.domain.org.Actor; pass actor.username to services
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from engine.domain.accounts import SignedIn
from engine.domain.errors import LintasError, PermissionDenied, SignInRefused, TooManyAttempts
from engine.domain.org import Actor, Tenant
from web.context import lintas
from web.errors import error_text
from web.security import MAX_SESSION_AGE

F = TypeVar("F", bound=Callable[..., Any])

auth = Blueprint("auth", __name__)

IDENTITY_KEYS = ("user", "marker", "since")       # cleared on sign-out; the language choice stays
ACCESS_NAMES = {"supervisor": _l("Supervisor unit"), "designer": _l("Perancang proses"), "auditor": _l("Auditor"),
                "admin": _l("Administrator")}
_UNSET = object()


# -- who is asking ------------------------------------------------------------------------------------
def current_signed_in() -> SignedIn | None:
    """The signed-in person of this request (resolved once per request), or None."""
    cached = g.get("lintas_user", _UNSET)
    if cached is not _UNSET:
        return cached  # type: ignore[return-value]
    signed: SignedIn | None = None
    username, marker = session.get("user"), session.get("marker")
    if isinstance(username, str) and isinstance(marker, str):
        try:
            if _too_old(session.get("since")):
                raise SignInRefused("sesi berakhir", "session too old")
            signed = lintas().accounts.current(username, marker)
        except SignInRefused:
            _forget()
            flash(_("Sesi Anda telah berakhir; silakan masuk lagi."), "info")
    g.lintas_user = signed
    return signed


def current_actor() -> Actor | None:
    signed = current_signed_in()
    return signed.actor if signed else None


def signed_in_username() -> str:
    """The signed-in person's username, for views behind ``@login_required`` or ``@requires(...)``."""
    actor = current_actor()
    if actor is None:               # a view that forgot its decorator acts for nobody
        abort(401)
    return actor.username


def current_tenant() -> Tenant | None:
    """The pemda of the signed-in person, else the one anonymous pages speak for (None if several)."""
    signed = current_signed_in()
    if signed is not None:
        return signed.tenant
    if "lintas_public_tenant" not in g:
        g.lintas_public_tenant = lintas().accounts.public_tenant()
    return g.lintas_public_tenant  # type: ignore[no-any-return]


def _too_old(since: object) -> bool:
    try:
        started = datetime.fromisoformat(str(since))
    except ValueError:
        return True
    return lintas().accounts.now() - started > MAX_SESSION_AGE


def _forget() -> None:
    for key in IDENTITY_KEYS:
        session.pop(key, None)


# -- decorators ---------------------------------------------------------------------------------------
def login_required(view: F) -> F:
    """Send anonymous visitors to the sign-in page, then back here (htmx requests get HX-Redirect)."""
    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if current_signed_in() is None:
            target = url_for("auth.login", next=_here()) if request.method == "GET" else url_for("auth.login")
            if request.headers.get("HX-Request"):
                return Response(status=401, headers={"HX-Redirect": target})
            return redirect(target, 303)
        return view(*args, **kwargs)
    return wrapper  # type: ignore[return-value]


def requires(access: str) -> Callable[[F], F]:
    """Signed in and holding ``access`` (supervisor, designer, auditor, admin); else 403."""
    def decorate(view: F) -> F:
        @wraps(view)
        def check(*args: Any, **kwargs: Any) -> Any:
            actor = current_actor()
            if actor is None or not actor.may(access):
                raise PermissionDenied(f"halaman ini hanya untuk pengguna dengan akses '{access}'",
                                       f"this page is only for users with '{access}' access")
            return view(*args, **kwargs)
        return login_required(check)  # type: ignore[return-value]
    return decorate


def _here() -> str:
    return request.full_path.rstrip("?")


def safe_target(target: str | None, default: str) -> str:
    """``target`` if it is a path on this site, else ``default``: never an open redirect."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return default
    parts = urlsplit(target)
    return default if parts.scheme or parts.netloc else target


def address() -> str:
    """The client's address for rate limiting (behind proxies: set LINTAS_TRUSTED_PROXIES)."""
    return request.remote_addr or "-"


# -- pages ----------------------------------------------------------------------------------------------
@auth.route("/masuk", methods=["GET", "POST"])
def login() -> Any:
    target = safe_target(request.values.get("next"), url_for("home"))
    if request.method == "GET":
        if current_signed_in() is not None:
            return redirect(target, 303)
        return render_template("auth/login.html", next=target, username="")
    username = request.form.get("username", "").strip()
    password = request.form.get("password", "")
    if not username or not password:
        return _login_again(target, username, _("Isi nama pengguna dan kata sandi."), 400)
    try:
        signed = lintas().accounts.authenticate(username, password, address())
    except TooManyAttempts as exc:
        response = _login_again(target, username, error_text(exc), 429)
        response.headers["Retry-After"] = str(exc.details.get("retry_after", 900))
        return response
    except SignInRefused as exc:
        return _login_again(target, username, error_text(exc), 401)
    language = session.get("lang")
    session.clear()                   # a fresh session (and CSRF token) for the signed-in person
    if language:
        session["lang"] = language
    session.update(user=signed.actor.username, marker=signed.marker, since=lintas().accounts.now().isoformat())
    session.permanent = True
    g.lintas_user = signed
    return redirect(target, 303)


def _login_again(target: str, username: str, message: str, status: int) -> Response:
    page = render_template("auth/login.html", next=target, username=username, error=message)
    return Response(page, status=status)


@auth.post("/keluar")
def logout() -> Any:
    _forget()
    g.lintas_user = None
    flash(_("Anda telah keluar."), "info")
    return redirect(url_for("auth.login"), 303)


def signed_in_context() -> dict[str, Any]:
    """Template globals: ``current_actor()``, ``current_tenant()``, ``current_page()``, ``access_names``."""
    def current_page() -> str:
        return _here() if request.method == "GET" else url_for("home")
    return {"current_actor": _quiet(current_actor), "current_tenant": _quiet(current_tenant),
            "current_page": current_page, "access_names": ACCESS_NAMES}


def _quiet(getter: Callable[[], Any]) -> Callable[[], Any]:
    # Error pages render the layout too; a database that is down must not turn them into a second error.
    def call() -> Any:
        try:
            return getter()
        except LintasError:
            return None
    return call
