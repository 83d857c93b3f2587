"""``lintas init-db`` and ``lintas org load|show``."""

from __future__ import annotations

import click

from web.cli.base import app_of, handles_errors, json_option, main
from web.cli.output import emit_json, lines


@main.command("init-db")
@json_option
@click.pass_context
@handles_errors
def init_db(ctx: click.Context, as_json: bool) -> None:
    """Buat/perbarui skema basis data (create or upgrade the database schema)."""
    app = app_of(ctx)
    revision = app.init_db()
    if as_json:
        emit_json({"revision": revision, "database": app.ctx.db.backend})
    else:
        click.echo(f"Basis data siap ({app.ctx.db.backend}, revisi {revision}) / database ready")


@main.group("org")
def org() -> None:
    """Organisasi: pemda, OPD, peran, pengguna (organisation)."""


@org.command("load")
@click.argument("file", type=click.Path(dir_okay=False))
@json_option
@click.pass_context
@handles_errors
def org_load(ctx: click.Context, file: str, as_json: bool) -> None:
    """Muat organisasi dari berkas YAML (load the organisation from a YAML file)."""
    result = app_of(ctx).org.load_file(file)
    if as_json:
        emit_json(result.as_dict())
        return
    click.echo(f"Organisasi dimuat / loaded: {result.tenants} pemda, {result.opds} OPD, {result.roles} peran, "
               f"{result.users} pengguna, {result.memberships} keanggotaan"
               + (f", {result.ended} diakhiri / ended" if result.ended else ""))


@org.command("show")
@click.option("--tenant", help="Kode pemda / tenant code.")
@json_option
@click.pass_context
@handles_errors
def org_show(ctx: click.Context, tenant: str | None, as_json: bool) -> None:
    """Tampilkan organisasi (show tenants, OPDs, roles and users)."""
    data = app_of(ctx).org.show(tenant)
    if as_json:
        emit_json(data)
        return
    for t in data:
        click.echo(f"{t['name']} [{t['code']}] — {t['timezone']}")
        for opd in t["opds"]:
            mark = "" if opd["active"] else " (tidak aktif)"
            click.echo(f"  {opd['code']}: {opd['name']}{mark}")
            lines(f"    - {r['name']}" + ("" if r["active"] else " (tidak aktif)") for r in opd["roles"])
        click.echo("  Pengguna / users:")
        for user in t["users"]:
            roles = ", ".join(
                r["role"] + ("" if r["capacity"] == "definitif" else f" [{r['capacity'].upper()}]")
                for r in user["roles"] if r["active"]
            )
            click.echo(f"    {user['username']:<20} {user['name']}" + (f" — {roles}" if roles else ""))
