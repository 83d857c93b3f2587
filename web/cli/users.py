"""``lintas user password|list``: web app accounts (passwords are argon2id hashes; never printed)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from engine.domain.errors import InvalidInput
from web.cli.base import app_of, handles_errors, json_option, main
from web.cli.output import emit_json, table


@main.group("user")
def user() -> None:
    """Akun aplikasi web (web app accounts)."""


def read_password(password_file: str | None) -> str:
    """From a file (``-`` = standard input; first line) or typed twice at a hidden prompt; never an argument."""
    if password_file == "-":
        return sys.stdin.readline().rstrip("\r\n")
    if password_file:
        try:
            return Path(password_file).read_text(encoding="utf-8").splitlines()[0]
        except (OSError, IndexError) as exc:
            raise InvalidInput(f"berkas kata sandi tidak dapat dibaca: {password_file}",
                               f"cannot read the password file: {password_file}") from exc
    return str(click.prompt("Kata sandi baru / new password", hide_input=True, err=True,
                            confirmation_prompt="Ulangi kata sandi / repeat the password"))


@user.command("password")
@click.argument("username")
@click.option("--password-file", metavar="FILE", help="Baca kata sandi dari berkas atau - (stdin); tanpa ini: ditanya.")
@click.pass_context
@handles_errors
def user_password(ctx: click.Context, username: str, password_file: str | None) -> None:
    """Tetapkan kata sandi pengguna (set a user's password; their existing sessions end)."""
    app_of(ctx).accounts.set_password(username, read_password(password_file))
    click.echo(f"Kata sandi '{username}' disimpan; sesi lamanya berakhir / password set, old sessions ended")


@user.command("list")
@click.option("--tenant", help="Kode pemda / tenant code.")
@json_option
@click.pass_context
@handles_errors
def user_list(ctx: click.Context, tenant: str | None, as_json: bool) -> None:
    """Daftar akun: peran, akses, ada kata sandi atau belum (accounts with roles, access, password set)."""
    accounts = app_of(ctx).accounts.accounts(tenant)
    if as_json:
        emit_json([a.as_dict() for a in accounts])
        return
    table([(a.username, a.full_name, ", ".join(a.roles) or "-", ", ".join(a.access) or "-",
            "ya" if a.has_password else "belum", "ya" if a.active else "tidak") for a in accounts],
          ["USERNAME", "NAMA", "PERAN/ROLES", "AKSES/ACCESS", "SANDI/PASSWORD", "AKTIF/ACTIVE"])
