"""``lintas tasks``, ``claim``, ``unclaim`` and ``complete``: a clerk's inbox from the terminal."""

from __future__ import annotations

import click

from engine.domain.views import WorkItem
from web.cli.base import app_of, as_user_option, handles_errors, json_option, main, parse_data
from web.cli.output import emit_json, table, when


@main.command("tasks")
@as_user_option
@click.option("--mine", "scope", flag_value="mine", help="Hanya tugas saya / only my tasks.")
@click.option("--queue", "scope", flag_value="queue", help="Hanya antrean unit / only my unit's queue.")
@json_option
@click.pass_context
@handles_errors
def tasks(ctx: click.Context, as_user: str, scope: str | None, as_json: bool) -> None:
    """Kotak masuk: tugas saya dan antrean unit (inbox: my tasks and my unit's queue)."""
    items = app_of(ctx).work_items.inbox(as_user, mine=scope != "queue", queue=scope != "mine")
    if as_json:
        emit_json([i.as_dict() for i in items])
        return
    if not items:
        click.echo("Tidak ada tugas / no tasks")
        return
    table([(i.id, i.name, i.definition_key, i.instance_id, _who(i), when(i.created_at)) for i in items],
          ["ID", "TUGAS/TASK", "PROSES", "INSTANS", "UNTUK/FOR", "SEJAK/SINCE"])


def _who(item: WorkItem) -> str:
    if item.claimed_by:
        return f"diambil {item.claimed_by}"
    if item.assignee:
        return item.assignee
    return ", ".join(item.candidate_roles)


def _print_item(item: WorkItem, as_json: bool, message: str) -> None:
    if as_json:
        emit_json(item.as_dict())
    else:
        click.echo(f"{message}: [{item.id}] {item.name} (instans {item.instance_id}, status {item.status})")


@main.command("claim")
@click.argument("task", type=int)
@as_user_option
@json_option
@click.pass_context
@handles_errors
def claim(ctx: click.Context, task: int, as_user: str, as_json: bool) -> None:
    """Ambil tugas dari antrean (claim a task)."""
    _print_item(app_of(ctx).work_items.claim(task, as_user=as_user), as_json, "Tugas diambil / claimed")


@main.command("unclaim")
@click.argument("task", type=int)
@as_user_option
@json_option
@click.pass_context
@handles_errors
def unclaim(ctx: click.Context, task: int, as_user: str, as_json: bool) -> None:
    """Kembalikan tugas ke antrean (release a claimed task)."""
    _print_item(app_of(ctx).work_items.unclaim(task, as_user=as_user), as_json, "Tugas dilepas / released")


@main.command("complete")
@click.argument("task", type=int)
@as_user_option
@click.option("--data", help="Isian formulir JSON, @berkas.json, atau - (form data).")
@json_option
@click.pass_context
@handles_errors
def complete(ctx: click.Context, task: int, as_user: str, data: str | None, as_json: bool) -> None:
    """Selesaikan tugas dengan isian formulir (complete a task with form data)."""
    item = app_of(ctx).work_items.complete(task, as_user=as_user, data=parse_data(data))
    _print_item(item, as_json, "Tugas selesai / completed")
