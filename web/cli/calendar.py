"""``lintas calendar add|holidays|set``: the tenant's working-day calendar."""

from __future__ import annotations

from datetime import date

import click

from engine.domain.errors import InvalidInput
from web.cli.base import app_of, handles_errors, json_option, main
from web.cli.output import emit_json, table

KINDS = {"public": "libur nasional", "joint_leave": "cuti bersama", "local": "libur daerah"}
WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def parse_day_arg(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise InvalidInput(f"tanggal tidak valid: {text!r} (format TTTT-BB-HH)",
                           f"invalid date: {text!r} (YYYY-MM-DD)") from exc


@main.group("calendar")
def calendar() -> None:
    """Kalender hari kerja pemda (the tenant's working-day calendar)."""


@calendar.command("add", context_settings={"ignore_unknown_options": True})
@click.argument("start")
@click.argument("days", type=int)
@click.option("--tenant", help="Kode pemda / tenant code.")
@click.option("--cuti-bersama/--tanpa-cuti-bersama", "joint_leave", default=None,
              help="Cuti bersama dihitung libur atau tidak (default: kebijakan pemda).")
@json_option
@click.pass_context
@handles_errors
def add(ctx: click.Context, start: str, days: int, tenant: str | None, joint_leave: bool | None,
        as_json: bool) -> None:
    """Tanggal DATE + N hari kerja (the date N working days after DATE)."""
    answer = app_of(ctx).calendars.add(parse_day_arg(start), days, tenant=tenant, joint_leave_is_day_off=joint_leave)
    if as_json:
        emit_json(answer.as_dict())
        return
    click.echo(f"{answer.result.isoformat()} ({WEEKDAYS[answer.result.weekday()]})")
    skipped = ", ".join(f"{d.day:%d/%m} {d.name}" for d in answer.skipped)
    policy = "libur" if answer.joint_leave_is_day_off else "hari kerja"
    # The date alone goes to stdout so scripts can use it; the explanation goes to stderr.
    click.echo(f"  tenggat / due: {answer.due.isoformat()}; cuti bersama {policy}"
               + (f"; dilewati: {skipped}" if skipped else ""), err=True)


@calendar.command("holidays")
@click.argument("year", type=int)
@click.option("--tenant", help="Kode pemda / tenant code.")
@json_option
@click.pass_context
@handles_errors
def holidays(ctx: click.Context, year: int, tenant: str | None, as_json: bool) -> None:
    """Hari libur setahun: nasional, cuti bersama, daerah (days off in YEAR)."""
    days = app_of(ctx).calendars.holidays(year, tenant=tenant)
    if as_json:
        emit_json([{"date": d.day.isoformat(), "name": d.name, "kind": d.kind, "estimated": d.estimated,
                    "office_closed_anyway": closed} for d, closed in days])
        return
    table([(d.day.isoformat(), WEEKDAYS[d.day.weekday()], KINDS.get(d.kind, d.kind),
            d.name + (" (perkiraan)" if d.estimated else "") + (" — kantor memang tutup" if closed else ""))
           for d, closed in days], ["TANGGAL", "HARI", "JENIS", "NAMA"])


@calendar.command("set")
@click.argument("day")
@click.option("--off", "off_name", metavar="NAMA", help="Jadikan hari libur daerah / a local day off.")
@click.option("--work", is_flag=True, help="Cabut hari libur (hari kerja) / revoke a day off.")
@click.option("--clear", is_flag=True, help="Hapus perubahan tanggal ini / remove the override.")
@click.option("--tenant", help="Kode pemda / tenant code.")
@click.pass_context
@handles_errors
def set_day(ctx: click.Context, day: str, off_name: str | None, work: bool, clear: bool,
            tenant: str | None) -> None:
    """Ubah status satu tanggal karena keputusan daerah (override one date by local decree)."""
    app_of(ctx).calendars.set_day(parse_day_arg(day), off=off_name, work=work, clear=clear, tenant=tenant)
    click.echo(f"Kalender diperbarui untuk {day} / calendar updated")
