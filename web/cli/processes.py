"""``lintas deploy``, ``lintas definitions``, ``lintas start`` and ``lintas show``."""

from __future__ import annotations

import click

from engine.domain.views import InstanceView
from web.cli.base import app_of, as_user_option, handles_errors, json_option, main, parse_data
from web.cli.output import emit_json, table, when


@main.command("deploy")
@click.argument("path", type=click.Path())
@click.option("--tenant", help="Kode pemda / tenant code.")
@json_option
@click.pass_context
@handles_errors
def deploy(ctx: click.Context, path: str, tenant: str | None, as_json: bool) -> None:
    """Deploy folder bundel proses atau berkas .bpmn (deploy a bundle folder or a .bpmn file)."""
    results = app_of(ctx).deployments.deploy(path, tenant=tenant)
    if as_json:
        emit_json([r.as_dict() for r in results])
        return
    for r in results:
        state = "versi baru / new version" if r.created else "tidak berubah / unchanged"
        click.echo(f"{r.key} v{r.version} ({state}) {r.content_hash[:12]}")


@main.command("definitions")
@click.option("--tenant", help="Kode pemda / tenant code.")
@json_option
@click.pass_context
@handles_errors
def definitions(ctx: click.Context, tenant: str | None, as_json: bool) -> None:
    """Daftar definisi proses yang ter-deploy (deployed process definitions)."""
    versions = app_of(ctx).deployments.list_versions(tenant)
    if as_json:
        emit_json([v.as_dict() for v in versions])
        return
    table([(v.key, v.version, v.name, v.process_id, when(v.deployed_at), v.content_hash[:12]) for v in versions],
          ["KUNCI/KEY", "VERSI", "NAMA", "PROSES", "DEPLOY", "HASH"])


@main.command("start")
@click.argument("key")
@as_user_option
@click.option("--data", help="Data awal JSON, @berkas.json, atau - (initial data).")
@click.option("--business-key", help="Kunci bisnis, mis. nomor tiket (business key).")
@json_option
@click.pass_context
@handles_errors
def start(ctx: click.Context, key: str, as_user: str, data: str | None, business_key: str | None,
          as_json: bool) -> None:
    """Mulai instans proses (start a process instance)."""
    view = app_of(ctx).instances.start(key, as_user=as_user, data=parse_data(data), business_key=business_key)
    _print_instance(view, as_json)


@main.command("show")
@click.argument("instance", type=int)
@json_option
@click.pass_context
@handles_errors
def show(ctx: click.Context, instance: int, as_json: bool) -> None:
    """Tampilkan instans: status, data, tugas terbuka (show an instance)."""
    _print_instance(app_of(ctx).instances.show(instance), as_json)


def _print_instance(view: InstanceView, as_json: bool) -> None:
    if as_json:
        emit_json(view.as_dict())
        return
    click.echo(f"Instans #{view.id}: {view.name} ({view.definition_key} v{view.definition_version})")
    click.echo(f"  Status: {view.status}   Dimulai / started: {when(view.started_at)} oleh {view.started_by or '-'}"
               + (f"   Selesai / ended: {when(view.ended_at)}" if view.ended_at else ""))
    if view.business_key:
        click.echo(f"  Kunci bisnis / business key: {view.business_key}")
    if view.open_work:
        click.echo("  Tugas terbuka / open tasks:")
        for item in view.open_work:
            who = item.claimed_by or item.assignee or ", ".join(item.candidate_roles) or "-"
            click.echo(f"    [{item.id}] {item.name} — {who}")
    if view.waiting_for:
        click.echo(f"  Menunggu pesan / waiting for messages: {', '.join(view.waiting_for)}")
    for incident in view.incidents:
        click.echo(f"  INSIDEN #{incident.id} {incident.element_id or ''}: {incident.message}")
    if view.data:
        click.echo("  Data:")
        for k, v in sorted(view.data.items()):
            text = str(v)
            click.echo(f"    {k}: {text if len(text) <= 100 else text[:100] + '…'}")
