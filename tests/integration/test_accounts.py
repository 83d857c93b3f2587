"""Account service on SQLite and PostgreSQL: argon2id hashes, rehashing, the sign-in lock, sessions."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from argon2 import PasswordHasher

from engine.bootstrap import Lintas
from engine.domain.errors import InvalidInput, NotFound, SignInRefused, TooManyAttempts
from engine.services.accounts import AccountService
from tests.conftest import FixedClock

PASSWORD = "rahasia-uji-123"
HERE, THERE = "10.0.0.1", "10.0.0.2"


@pytest.fixture
def accounts(app: Lintas) -> AccountService:
    app.accounts.set_password("budi", PASSWORD)
    return app.accounts


def stored_hash(app: Lintas, username: str) -> str | None:
    with app.ctx.uow(write=False) as uow:
        found = uow.accounts.password_hash(username)
    return found[1] if found else None


def test_the_password_is_stored_as_an_argon2id_hash(app: Lintas, accounts: AccountService) -> None:
    stored = stored_hash(app, "budi")
    assert stored is not None and stored.startswith("$argon2id$") and PASSWORD not in stored
    signed = accounts.authenticate("budi", PASSWORD, HERE)
    assert (signed.actor.username, signed.tenant.code, signed.actor.role_paths) == ("budi", "kab-uji", ("PUPR/Staf",))
    assert accounts.current("budi", signed.marker).actor.user_id == signed.actor.user_id


def test_short_passwords_and_unknown_users_are_refused(app: Lintas) -> None:
    with pytest.raises(InvalidInput, match="minimal 10 karakter"):
        app.accounts.set_password("budi", "pendek")
    with pytest.raises(NotFound):
        app.accounts.set_password("tidak.ada", PASSWORD)
    assert stored_hash(app, "budi") is None


def test_one_message_for_wrong_password_unknown_user_inactive_account_and_no_password(
        app: Lintas, accounts: AccountService) -> None:
    app.accounts.set_password("nonaktif", PASSWORD)
    messages = set()
    for username, password in (("budi", "salah-sekali-123"), ("tidak.ada", PASSWORD), ("nonaktif", PASSWORD),
                               ("ani", PASSWORD)):
        with pytest.raises(SignInRefused) as refused:
            accounts.authenticate(username, password, HERE)
        messages.add((refused.value.message_id, refused.value.message_en))
    assert messages == {("nama pengguna atau kata sandi salah, atau akun tidak aktif",
                         "wrong username or password, or the account is not active")}


class CountingHasher:
    """Wraps the real hasher and records which hashes were checked."""

    def __init__(self, real: PasswordHasher) -> None:
        self.real = real
        self.checked: list[str] = []

    def verify(self, stored: str, password: str) -> bool:
        self.checked.append(stored)
        return self.real.verify(stored, password)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def test_unknown_users_cost_a_real_verification(app: Lintas, accounts: AccountService,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    spy = CountingHasher(accounts.hasher)
    monkeypatch.setattr(accounts, "hasher", spy)
    checked = spy.checked
    with pytest.raises(SignInRefused):
        accounts.authenticate("tidak.ada", PASSWORD, HERE)
    with pytest.raises(SignInRefused):
        accounts.authenticate("ani", PASSWORD, HERE)               # exists, but has no password
    assert len(checked) == 2 and all(h.startswith("$argon2id$") for h in checked)


def test_five_failures_lock_the_pair_for_fifteen_minutes(app: Lintas, accounts: AccountService,
                                                         clock: FixedClock) -> None:
    for _ in range(5):
        clock.advance(minutes=2)
        with pytest.raises(SignInRefused):
            accounts.authenticate("budi", "salah-sekali-123", HERE)
    with pytest.raises(TooManyAttempts) as locked:                  # even the right password
        accounts.authenticate("budi", PASSWORD, HERE)
    assert "15 menit" in locked.value.message_id and locked.value.details["retry_after"] == 900
    accounts.authenticate("budi", PASSWORD, THERE)                  # another computer is not locked
    clock.advance(minutes=14)
    with pytest.raises(TooManyAttempts, match="1 menit"):
        accounts.authenticate("budi", PASSWORD, HERE)
    clock.advance(minutes=1)
    assert accounts.authenticate("budi", PASSWORD, HERE).actor.username == "budi"


def test_a_success_resets_the_count(app: Lintas, accounts: AccountService, clock: FixedClock) -> None:
    for _ in range(4):
        with pytest.raises(SignInRefused):
            accounts.authenticate("budi", "salah-sekali-123", HERE)
    accounts.authenticate("budi", PASSWORD, HERE)
    for _ in range(4):
        with pytest.raises(SignInRefused):
            accounts.authenticate("budi", "salah-sekali-123", HERE)
    accounts.authenticate("budi", PASSWORD, HERE)


def test_unknown_usernames_are_locked_like_real_ones(app: Lintas, accounts: AccountService) -> None:
    for _ in range(5):
        with pytest.raises(SignInRefused):
            accounts.authenticate("tidak.ada", PASSWORD, HERE)
    with pytest.raises(TooManyAttempts):
        accounts.authenticate("tidak.ada", PASSWORD, HERE)


def test_a_hash_made_with_other_costs_is_redone_at_sign_in(app: Lintas, accounts: AccountService) -> None:
    old = stored_hash(app, "budi")
    assert old is not None and "m=1024,t=1,p=1" in old
    stronger = AccountService(replace(app.ctx, settings=replace(app.settings, argon2_memory_kib=2048,
                                                                argon2_time_cost=2)))
    signed = stronger.authenticate("budi", PASSWORD, HERE)
    new = stored_hash(app, "budi")
    assert new is not None and "m=2048,t=2,p=1" in new and new != old
    assert stronger.current("budi", signed.marker).actor.username == "budi"
    stronger.authenticate("budi", PASSWORD, HERE)
    assert stored_hash(app, "budi") == new                          # no rehash once the costs match


def test_a_new_password_or_deactivation_ends_existing_sessions(app: Lintas, accounts: AccountService,
                                                              clock: FixedClock) -> None:
    signed = accounts.authenticate("budi", PASSWORD, HERE)
    accounts.set_password("budi", "kata-sandi-baru-456")
    with pytest.raises(SignInRefused, match="sesi Anda telah berakhir"):
        accounts.current("budi", signed.marker)
    with pytest.raises(SignInRefused):
        accounts.authenticate("budi", PASSWORD, HERE)
    again = accounts.authenticate("budi", "kata-sandi-baru-456", HERE)
    accounts.current("budi", again.marker)
    app.accounts.set_password("lama", PASSWORD)                     # membership ended 2025-12-31
    assert accounts.authenticate("lama", PASSWORD, HERE).actor.role_ids == frozenset()


def test_the_account_list_shows_roles_access_and_whether_a_password_is_set(app: Lintas,
                                                                          accounts: AccountService) -> None:
    listed = {a.username: a for a in accounts.accounts("kab-uji")}
    assert listed["budi"].has_password and not listed["ani"].has_password
    assert listed["budi"].roles == ("PUPR/Staf",) and listed["lama"].roles == ()
    assert not listed["nonaktif"].active
    assert {a.tenant_code for a in accounts.accounts()} == {"kab-uji", "kota-lain"}
    assert accounts.public_tenant() is None                         # two tenants and no default
