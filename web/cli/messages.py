"""``lintas message``: deliver a message from outside, as another system would."""

from __future__ import annotations

import json

import click

from engine.domain.errors import InvalidInput
from web.cli.base import app_of, as_user_option, handles_errors, json_option, main, parse_data
from web.cli.output import emit_json


@main.command("message")
@click.argument("name")
@as_user_option
@click.option("--data", help="Isi pesan JSON, @berkas.json, atau - (payload).")
@click.option("--correlation", help='Korelasi JSON {kunci: {id properti: nilai}}, mis. {"kunci": {"p_nomor": 12}}.')
@json_option
@click.pass_context
@handles_errors
def message(ctx: click.Context, name: str, as_user: str, data: str | None, correlation: str | None,
            as_json: bool) -> None:
    """Kirim pesan ke instans yang menunggu (send a message to a waiting instance or a message start)."""
    try:
        correlations = json.loads(correlation) if correlation else None
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"--correlation bukan JSON: {exc}", f"--correlation is not JSON: {exc}") from exc
    delivery = app_of(ctx).messages.send(name, as_user=as_user, payload=parse_data(data), correlations=correlations)
    if as_json:
        emit_json(delivery.as_dict())
    elif delivery.outcome == "delivered":
        click.echo(f"Pesan diterima instans #{delivery.instance_id} / delivered to instance {delivery.instance_id}")
    elif delivery.outcome == "started":
        click.echo(f"Pesan memulai instans #{delivery.instance_id} / started instance {delivery.instance_id}")
    else:
        click.echo(f"Belum ada yang menunggu; pesan disimpan (#{delivery.pending_message_id}) / "
                   "nobody waits yet; message kept")
