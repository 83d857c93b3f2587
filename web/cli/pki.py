"""``lintas pki``: the development PKI and officials' signing credentials."""

from __future__ import annotations

from pathlib import Path

import click

from engine.domain.errors import InvalidInput
from web.cli.base import app_of, handles_errors, json_option, main
from web.cli.documents import read_passphrase
from web.cli.output import emit_json, table, when


@main.group("pki")
def pki() -> None:
    """PKI pengembangan dan kredensial tanda tangan (development PKI and signing credentials)."""


@pki.command("init")
@click.option("--demo-passphrase", metavar="TEKS",
              help="Terbitkan sertifikat DEV untuk setiap pejabat dengan frasa sandi ini (demo saja).")
@json_option
@click.pass_context
@handles_errors
def init(ctx: click.Context, demo_passphrase: str | None, as_json: bool) -> None:
    """Buat PKI DEV (root, CA penerbit, OCSP, TSA) dan segel tiap pemda (create the DEV PKI and seals)."""
    app = app_of(ctx)
    result = app.credentials.init_dev_pki(demo_passphrase=demo_passphrase)
    if as_json:
        emit_json({"created": result.created, "root": result.root, "seals": result.seals,
                   "issued": [u for u, _ in result.issued], "directory": str(app.settings.pki_path)})
        return
    if result.created:
        click.echo(f"PKI pengembangan dibuat / DEV PKI created: {result.root} di {app.settings.pki_path}")
        click.echo("PERINGATAN: hanya untuk pengembangan dan demo; tanda tangannya tidak sah secara hukum. "
                   "(development only; its signatures have no legal force)")
    else:
        click.echo(f"PKI pengembangan sudah ada / already exists: {app.settings.pki_path}")
    for code in result.seals:
        click.echo(f"Segel organisasi diterbitkan / seal issued: {code}")
    if result.issued:
        click.echo(f"Sertifikat DEV diterbitkan untuk {len(result.issued)} pejabat / certificates issued")


@pki.command("issue")
@click.argument("username")
@click.option("--passphrase-file", metavar="FILE", help="Frasa sandi dari berkas atau - (stdin).")
@click.pass_context
@handles_errors
def issue(ctx: click.Context, username: str, passphrase_file: str | None) -> None:
    """Terbitkan sertifikat DEV baru untuk seorang pejabat (issue a DEV certificate to an official)."""
    passphrase = read_passphrase(passphrase_file)
    if passphrase_file is None and click.prompt("Ulangi frasa sandi / repeat", hide_input=True, err=True) != passphrase:
        raise InvalidInput("frasa sandi tidak sama", "the passphrases do not match")
    record = app_of(ctx).credentials.issue(username, passphrase)
    click.echo(f"Sertifikat diterbitkan / issued: {record.subject} (seri {record.serial}, "
               f"berlaku s.d. {record.not_after:%d-%m-%Y})")


@pki.command("register")
@click.argument("username")
@click.option("--pkcs12", "pkcs12_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Berkas PKCS#12 (.p12/.pfx) dari CA / the official's PKCS#12.")
@click.option("--pkcs11-library", metavar="PATH", help="Pustaka PKCS#11 token (mis. libsofthsm2.so).")
@click.option("--token", metavar="LABEL", help="Label token PKCS#11.")
@click.option("--key", "key_label", metavar="LABEL", help="Label kunci di token.")
@click.option("--remote-nik", metavar="NIK", help="NIK pada layanan tanda tangan jarak jauh.")
@click.option("--certificate", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Sertifikat (PEM/DER) untuk token atau layanan jarak jauh.")
@click.option("--passphrase-file", metavar="FILE", help="Frasa sandi PKCS#12 dari berkas atau - (stdin).")
@click.pass_context
@handles_errors
def register(ctx: click.Context, username: str, pkcs12_file: Path | None, pkcs11_library: str | None,
             token: str | None, key_label: str | None, remote_nik: str | None, certificate: Path | None,
             passphrase_file: str | None) -> None:
    """Daftarkan kredensial pejabat: PKCS#12, token PKCS#11 atau layanan jarak jauh (register a credential)."""
    credentials = app_of(ctx).credentials
    chosen = [bool(pkcs12_file), bool(pkcs11_library), bool(remote_nik)]
    if sum(chosen) != 1:
        raise InvalidInput("pilih tepat satu: --pkcs12, --pkcs11-library atau --remote-nik",
                           "choose exactly one of --pkcs12, --pkcs11-library, --remote-nik")
    if pkcs12_file is not None:
        record = credentials.register_pkcs12(username, pkcs12_file.read_bytes(), read_passphrase(passphrase_file))
    else:
        if certificate is None:
            raise InvalidInput("--certificate wajib untuk token atau layanan jarak jauh",
                               "--certificate is required for a token or a remote service")
        if pkcs11_library:
            if not token or not key_label:
                raise InvalidInput("--token dan --key wajib untuk PKCS#11", "--token and --key are required")
            record = credentials.register_external(username, "pkcs11", certificate.read_bytes(), {
                "library": pkcs11_library, "token": token, "key": key_label})
        else:
            record = credentials.register_external(username, "remote", certificate.read_bytes(),
                                                   {"nik": remote_nik})
    click.echo(f"Kredensial terdaftar / registered: {record.kind} {record.subject} (seri {record.serial})")


@pki.command("revoke")
@click.argument("username")
@click.option("--reason", default="unspecified", show_default=True,
              type=click.Choice(["unspecified", "key_compromise", "affiliation_changed", "superseded",
                                 "cessation_of_operation"]))
@click.pass_context
@handles_errors
def revoke(ctx: click.Context, username: str, reason: str) -> None:
    """Cabut sertifikat DEV seorang pejabat (revoke an official's DEV certificate)."""
    record = app_of(ctx).credentials.revoke(username, reason)
    click.echo(f"Sertifikat dicabut / revoked: {record.subject} (seri {record.serial})")


@pki.command("list")
@click.option("--tenant", help="Kode pemda / tenant code.")
@json_option
@click.pass_context
@handles_errors
def listing(ctx: click.Context, tenant: str | None, as_json: bool) -> None:
    """Kredensial tanda tangan yang aktif (active signing credentials)."""
    rows = app_of(ctx).credentials.listing(tenant)
    if as_json:
        emit_json([{"username": u, "kind": r.kind, "subject": r.subject, "serial": r.serial,
                    "not_after": r.not_after} for u, r in rows])
        return
    table([(u or "(segel)", r.kind, r.subject, r.serial, when(r.not_after)) for u, r in rows],
          ["PEMEGANG", "JENIS", "SUBJEK", "SERI", "BERLAKU S.D."])
