"""``lintas audit verify|show``: the hash-chained audit trail of an instance."""

from __future__ import annotations

import sys

import click

from web.cli.base import app_of, handles_errors, json_option, main
from web.cli.output import emit_json, table, when


@main.group("audit")
def audit() -> None:
    """Jejak audit (audit trail)."""


@audit.command("verify")
@click.argument("instance", type=int)
@json_option
@click.pass_context
@handles_errors
def verify(ctx: click.Context, instance: int, as_json: bool) -> None:
    """Periksa rantai hash jejak audit; keluar 1 bila rusak (verify the hash chain; exit 1 if broken)."""
    report = app_of(ctx).instances.verify_audit(instance)
    if as_json:
        emit_json(report.__dict__)
    elif report.ok:
        click.echo(f"Jejak audit instans {instance} utuh: {report.entries} entri / audit trail intact")
    else:
        click.echo(f"lintas: jejak audit instans {instance} RUSAK pada entri #{report.first_broken_seq}: "
                   f"{report.reason_id} ({report.reason_en})", err=True)
    if not report.ok:
        sys.exit(1)


@audit.command("show")
@click.argument("instance", type=int)
@json_option
@click.pass_context
@handles_errors
def show(ctx: click.Context, instance: int, as_json: bool) -> None:
    """Tampilkan jejak audit (show the audit trail)."""
    entries = app_of(ctx).instances.trail(instance)
    if as_json:
        emit_json([e.as_dict() for e in entries])
        return
    table([(e.seq, when(e.at), e.actor or "sistem", e.action, e.element_id or "", _summary(e.summary))
           for e in entries], ["#", "WAKTU/TIME", "OLEH/BY", "AKSI/ACTION", "ELEMEN", "RINGKASAN/SUMMARY"])


def _summary(summary: dict) -> str:  # type: ignore[type-arg]
    text = ", ".join(f"{k}={v}" for k, v in summary.items())
    return text if len(text) <= 80 else text[:80] + "…"
