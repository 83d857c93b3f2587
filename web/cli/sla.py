"""``lintas sla report`` and ``lintas notifications``."""

from __future__ import annotations

from datetime import timedelta

import click

from engine.services.sla_report import SCOPES
from web.cli.base import app_of, as_user_option, handles_errors, json_option, main
from web.cli.calendar import parse_day_arg
from web.cli.output import emit_json, table, when


@main.group("sla")
def sla() -> None:
    """Kepatuhan tenggat layanan (service-level compliance)."""


@sla.command("report")
@click.option("--opd", help="Kode OPD, mis. PUPR / OPD code.")
@click.option("--from", "start", help="Tanggal awal TTTT-BB-HH (default: 30 hari lalu).")
@click.option("--to", "end", help="Tanggal akhir TTTT-BB-HH (default: hari ini).")
@click.option("--tenant", help="Kode pemda / tenant code.")
@json_option
@click.pass_context
@handles_errors
def report(ctx: click.Context, opd: str | None, start: str | None, end: str | None, tenant: str | None,
           as_json: bool) -> None:
    """Kepatuhan SLA per OPD dalam satu periode (per-OPD compliance over a period)."""
    app = app_of(ctx)
    until = parse_day_arg(end) if end else app.ctx.now().date()
    since = parse_day_arg(start) if start else until - timedelta(days=30)
    rows = app.sla.report(start=since, end=until, opd=opd, tenant=tenant)
    if as_json:
        emit_json({"from": since.isoformat(), "to": until.isoformat(), "rows": [r.as_dict() for r in rows]})
        return
    click.echo(f"Kepatuhan SLA {since:%d/%m/%Y} – {until:%d/%m/%Y}" + (f", OPD {opd.upper()}" if opd else ""))
    if not rows:
        click.echo("Belum ada tenggat yang selesai pada periode ini / no deadlines closed in this period")
        return
    table([(r.opd, SCOPES.get(r.scope, r.scope), r.total, r.met, r.breached, f"{r.compliance:.0%}",
            f"{r.overdue_hours:g}") for r in rows],
          ["OPD", "LINGKUP", "JUMLAH", "TEPAT", "TERLAMBAT", "KEPATUHAN", "JAM TERLAMBAT"])


@main.command("notifications")
@as_user_option
@click.option("--unread", is_flag=True, help="Hanya yang belum dibaca / unread only.")
@click.option("--mark-read", is_flag=True, help="Tandai semua sudah dibaca / mark all as read.")
@json_option
@click.pass_context
@handles_errors
def notifications(ctx: click.Context, as_user: str, unread: bool, mark_read: bool, as_json: bool) -> None:
    """Notifikasi: pengingat, eskalasi, tenggat terlewati (notifications)."""
    app = app_of(ctx)
    found = app.notifications.inbox(as_user, unread_only=unread)
    if mark_read:
        app.notifications.mark_read(as_user)
    if as_json:
        emit_json([n.__dict__ for n in found])
        return
    if not found:
        click.echo("Tidak ada notifikasi / no notifications")
        return
    table([(n.id, when(n.created_at), "" if n.read_at else "BARU", n.title, n.instance_id or "") for n in found],
          ["ID", "WAKTU", "", "JUDUL/TITLE", "INSTANS"])


