"""``lintas worker`` and ``lintas incidents [retry ID]``."""

from __future__ import annotations

import logging
import signal

import click

from engine.services.jobs import Worker
from web.cli.base import app_of, handles_errors, json_option, main
from web.cli.output import emit_json, table, when


@main.command("worker")
@click.option("--poll", default=1.0, show_default=True, type=float, help="Detik antar-periksa / seconds between polls.")
@click.option("--batch", default=50, show_default=True, type=int, help="Tugas per transaksi / jobs per transaction.")
@click.option("--once", is_flag=True, help="Jalankan yang jatuh tempo sekali lalu keluar / run due jobs once.")
@click.pass_context
@handles_errors
def worker(ctx: click.Context, poll: float, batch: int, once: bool) -> None:
    """Jalankan timer dan tugas latar yang jatuh tempo (run due timers and background jobs)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    # SpiffWorkflow logs every task state change at INFO: a dozen lines per timer is noise here.
    logging.getLogger("spiff").setLevel(logging.WARNING)
    app = app_of(ctx)
    runner = Worker(app.jobs, poll=poll, batch=batch)
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: runner.stop.set())
    if not once:
        click.echo(f"Pekerja {app.jobs.worker_id} berjalan / worker running (poll {poll:g} s, {app.ctx.db.backend})")
    total = runner.run(once=once)
    click.echo(f"Selesai: {total} tugas latar diproses / done: {total} jobs processed")


@main.group("incidents", invoke_without_command=True)
@click.option("--tenant", help="Kode pemda / tenant code.")
@click.option("--all", "include_resolved", is_flag=True, help="Termasuk yang sudah ditangani / include resolved.")
@json_option
@click.pass_context
@handles_errors
def incidents(ctx: click.Context, tenant: str | None, include_resolved: bool, as_json: bool) -> None:
    """Daftar insiden: langkah atau tugas latar yang gagal (failed steps and jobs)."""
    if ctx.invoked_subcommand is not None:
        return
    found = app_of(ctx).incidents.list(tenant=tenant, include_resolved=include_resolved)
    if as_json:
        emit_json([i.as_dict() for i in found])
        return
    if not found:
        click.echo("Tidak ada insiden / no incidents")
        return
    table([(i.id, i.instance_id or "-", i.kind, i.element_id or "-", when(i.created_at),
            "ditangani" if i.resolved_at else "terbuka", i.message[:70]) for i in found],
          ["ID", "INSTANS", "JENIS", "ELEMEN", "WAKTU", "STATUS", "PESAN/MESSAGE"])


@incidents.command("retry")
@click.argument("incident", type=int)
@json_option
@click.pass_context
@handles_errors
def retry(ctx: click.Context, incident: int, as_json: bool) -> None:
    """Ulangi langkah atau tugas latar yang gagal (retry a failed step or job)."""
    result = app_of(ctx).incidents.retry(incident)
    if as_json:
        emit_json(result.as_dict())
    else:
        click.echo(f"Insiden #{result.id} diulang / retried; lihat `lintas show {result.instance_id}`"
                   if result.instance_id else f"Insiden #{result.id} diulang / retried")
