"""Account service: passwords (argon2id), sign-in with rate limiting, and re-resolving a session.

The web app keeps only a username and a marker in its session; every request asks ``current`` who
that is today, so roles, access levels, deactivation and a new password take effect at once.
Password hashing runs outside database transactions: it is deliberately slow and must not hold
SQLite's write lock.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
from datetime import datetime

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

from engine.domain.accounts import Account, SignedIn, check_password, locked_until, lookback
from engine.domain.errors import NotFound, PermissionDenied, SignInRefused, TooManyAttempts
from engine.domain.org import Tenant
from engine.services.context import ServiceContext, local_day, pick_tenant, resolve_actor


def refused() -> SignInRefused:
    # One message for unknown user, wrong password and inactive account: nothing to probe with.
    return SignInRefused("nama pengguna atau kata sandi salah, atau akun tidak aktif",
                         "wrong username or password, or the account is not active")


def session_ended() -> SignInRefused:
    return SignInRefused("sesi Anda telah berakhir; silakan masuk lagi", "your session has ended; please sign in again")


def marker_of(password_hash: str) -> str:
    """A session marker bound to one stored hash (its salt makes every new password's marker new)."""
    return hashlib.sha256(b"lintas-session:" + password_hash.encode()).hexdigest()[:32]


class AccountService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        s = ctx.settings
        self.hasher = PasswordHasher(time_cost=s.argon2_time_cost, memory_cost=s.argon2_memory_kib,
                                     parallelism=s.argon2_parallelism, type=Type.ID)
        self._dummy: str | None = None

    # -- passwords ----------------------------------------------------------------------------------
    def set_password(self, username: str, password: str) -> None:
        """Set a user's password (any previous sessions of theirs end)."""
        check_password(username, password)
        with self.ctx.uow(write=False) as uow:
            if uow.accounts.password_hash(username) is None:
                raise NotFound(f"pengguna '{username}' tidak ditemukan", f"user '{username}' not found")
        new_hash = self.hasher.hash(password)
        with self.ctx.uow() as uow:
            found = uow.accounts.password_hash(username)
            if found is None:
                raise NotFound(f"pengguna '{username}' tidak ditemukan", f"user '{username}' not found")
            uow.accounts.set_password_hash(found[0], new_hash)
            uow.commit()

    # -- signing in ---------------------------------------------------------------------------------
    def authenticate(self, username: str, password: str, address: str) -> SignedIn:
        """Check a password; raises ``TooManyAttempts`` while the (username, address) pair is locked,
        else ``SignInRefused`` with one message for every reason."""
        username = username.strip()
        now = self.ctx.now()
        with self.ctx.uow(write=False) as uow:
            until = locked_until(uow.accounts.failures_since(username, address, now - lookback()))
            found = uow.accounts.password_hash(username)
        if until is not None and until > now:
            minutes = math.ceil((until - now).total_seconds() / 60)
            raise TooManyAttempts(
                f"terlalu banyak percobaan masuk yang gagal; coba lagi dalam {minutes} menit",
                f"too many failed sign-in attempts; try again in {minutes} minutes", retry_after=minutes * 60)
        stored = found[1] if found else None
        ok = self._verify(stored, password)
        with self.ctx.uow() as uow:
            signed: SignedIn | None = None
            if ok and stored is not None:
                try:
                    actor = resolve_actor(uow, username, now)
                    current = stored
                    if self.hasher.check_needs_rehash(stored):
                        # Cost settings changed: redo the hash now that we know the password, unless
                        # the password itself was changed since we read it.
                        fresh = self.hasher.hash(password)
                        if uow.accounts.set_password_hash(actor.user_id, fresh, expected=stored, check_expected=True):
                            current = fresh
                    signed = SignedIn(actor, uow.org.tenant(actor.tenant_id), marker_of(current))
                except (NotFound, PermissionDenied):
                    signed = None
            uow.accounts.record_attempt(username, address, now, signed is not None)
            uow.commit()
        if signed is None:
            raise refused()
        return signed

    def current(self, username: str, marker: str) -> SignedIn:
        """Who a session's user is now; ``SignInRefused`` when the password changed, the account was
        deactivated or the user is gone."""
        with self.ctx.uow(write=False) as uow:
            found = uow.accounts.password_hash(username)
            if found is None or found[1] is None or not hmac.compare_digest(marker_of(found[1]), marker):
                raise session_ended()
            try:
                actor = resolve_actor(uow, username, self.ctx.now())
            except (NotFound, PermissionDenied) as exc:
                raise session_ended() from exc
            return SignedIn(actor, uow.org.tenant(actor.tenant_id), marker)

    def _verify(self, stored: str | None, password: str) -> bool:
        if stored is None:
            # Unknown user or no password yet: spend the same time as a real check.
            self._verify_quietly(self._dummy_hash(), password)
            return False
        return self._verify_quietly(stored, password)

    def _verify_quietly(self, stored: str, password: str) -> bool:
        try:
            return bool(self.hasher.verify(stored, password))
        except (VerificationError, InvalidHashError):
            return False

    def _dummy_hash(self) -> str:
        if self._dummy is None:
            self._dummy = self.hasher.hash(secrets.token_urlsafe(16))
        return self._dummy

    # -- reading ------------------------------------------------------------------------------------
    def accounts(self, tenant_code: str | None = None) -> list[Account]:
        """Every user of a tenant (all tenants when none is given) with today's roles and access."""
        with self.ctx.uow(write=False) as uow:
            tenants = [pick_tenant(uow, tenant_code, None)] if tenant_code else uow.org.tenants()
            out: list[Account] = []
            for tenant in tenants:
                day = local_day(tenant, self.ctx.now())
                users = uow.org.users(tenant.id)
                with_password = uow.accounts.with_password({u.id for u in users})
                for u in users:
                    roles = tuple(m.role_path + ("" if m.capacity == "definitif" else f" ({m.capacity.upper()})")
                                  for m in u.memberships if m.validity.covers(day))
                    out.append(Account(u.username, u.full_name, tenant.code, roles, tuple(sorted(u.access)),
                                       u.active and u.validity.covers(day), u.id in with_password))
            return out

    def public_tenant(self) -> Tenant | None:
        """The pemda an anonymous page speaks for: the configured default, else the only one loaded."""
        with self.ctx.uow(write=False) as uow:
            if self.ctx.settings.default_tenant:
                return uow.org.tenant_by_code(self.ctx.settings.default_tenant)
            tenants = uow.org.tenants()
            return tenants[0] if len(tenants) == 1 else None

    def now(self) -> datetime:
        """The service clock (tests inject one); the web app uses it for session age."""
        return self.ctx.now()
