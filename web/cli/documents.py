"""``lintas sign``, ``documents``, ``document`` and ``verify``: signed output documents from the terminal."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from engine.domain.errors import InvalidInput
from engine.ports import Verified
from web.cli.base import app_of, as_user_option, handles_errors, json_option, main, parse_data
from web.cli.output import emit_json, table, when

VERDICT_WORDS = {"VALID": "SAH", "INVALID": "TIDAK SAH", "INDETERMINATE": "BELUM DAPAT DIPASTIKAN"}
VERDICT_EXIT = {"VALID": 0, "INVALID": 1, "INDETERMINATE": 2}


def read_passphrase(passphrase_file: str | None) -> str:
    """From a file (``-`` = standard input, first line) or typed at a hidden prompt; never an argument."""
    if passphrase_file == "-":
        return sys.stdin.readline().rstrip("\n")
    if passphrase_file:
        try:
            return Path(passphrase_file).read_text(encoding="utf-8").splitlines()[0]
        except (OSError, IndexError) as exc:
            raise InvalidInput(f"berkas frasa sandi tidak dapat dibaca: {passphrase_file}",
                               f"cannot read the passphrase file: {passphrase_file}") from exc
    return str(click.prompt("Frasa sandi / passphrase", hide_input=True, err=True))


passphrase_option = click.option("--passphrase-file", metavar="FILE",
                                 help="Baca frasa sandi dari berkas atau - (stdin); tanpa ini: ditanya.")


@main.command("sign")
@click.argument("task", type=int)
@as_user_option
@click.option("--data", help="Isian formulir tugas (JSON), bila ada.")
@passphrase_option
@json_option
@click.pass_context
@handles_errors
def sign(ctx: click.Context, task: int, as_user: str, data: str | None, passphrase_file: str | None,
         as_json: bool) -> None:
    """Paraf atau tanda tangani dokumen tugas (initial or sign a task's document with your passphrase)."""
    outcome = app_of(ctx).documents.sign(task, as_user=as_user, passphrase=read_passphrase(passphrase_file),
                                         data=parse_data(data))
    doc = outcome.document
    if as_json:
        emit_json({"work_item": outcome.work_item.as_dict(), "document": _doc_dict(doc)})
        return
    number = f", nomor {doc.number}" if doc.number else ""
    click.echo(f"Ditandatangani / signed: dokumen {doc.id} '{doc.title}' ({doc.status}{number}); "
               f"tugas {outcome.work_item.id} selesai")


@main.command("documents")
@click.argument("instance", type=int)
@click.option("--no-verify", is_flag=True, help="Tanpa verifikasi tanda tangan / skip verification.")
@json_option
@click.pass_context
@handles_errors
def documents(ctx: click.Context, instance: int, no_verify: bool, as_json: bool) -> None:
    """Dokumen sebuah instans dengan hasil verifikasinya (an instance's documents and their verdicts)."""
    app = app_of(ctx)
    docs = app.documents.for_instance(instance)
    verdicts = {d.id: (None if no_verify else app.documents.verify(d.id)) for d in docs}
    if as_json:
        emit_json([{**_doc_dict(d), "verification": _verdict_dict(verdicts[d.id])} for d in docs])
        return
    if not docs:
        click.echo("Belum ada dokumen / no documents")
        return
    table([(d.id, d.title, d.number or "-", d.status, d.revisions - 1, _verdict_word(verdicts[d.id]),
            when(d.updated_at)) for d in docs], ["ID", "DOKUMEN", "NOMOR", "STATUS", "TTD", "VERIFIKASI", "DIPERBARUI"])


@main.command("document")
@click.argument("document_id", type=int)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Simpan PDF ke berkas / save the PDF.")
@click.option("--revision", type=int, help="Revisi tertentu (1 = hasil render) / a given revision.")
@json_option
@click.pass_context
@handles_errors
def document(ctx: click.Context, document_id: int, out: Path | None, revision: int | None, as_json: bool) -> None:
    """Rincian dan revisi sebuah dokumen; --out menyimpan PDF-nya (details, revisions, and the PDF)."""
    app = app_of(ctx)
    if out is not None:
        name, content = app.documents.content(document_id, seq=revision)
        out.write_bytes(content)
        click.echo(f"Disimpan / saved: {out} ({len(content):,} byte, {name})", err=True)
        return
    detail = app.documents.detail(document_id)
    if as_json:
        emit_json({**_doc_dict(detail.document), "verify_url": detail.verify_url,
                   "revisions": [r.__dict__ for r in detail.revisions]})
        return
    doc = detail.document
    click.echo(f"Dokumen {doc.id}: {doc.title} — nomor {doc.number or '-'} — status {doc.status}")
    click.echo(f"Verifikasi / verify: {detail.verify_url}")
    table([(r.seq, r.kind, r.field or "", r.signer or "", (r.signer_role or "").replace("\n", " / "), r.level or "",
            r.number or "", r.sha256[:16], when(r.created_at)) for r in detail.revisions],
          ["REV", "JENIS", "KOLOM", "OLEH", "JABATAN", "LEVEL", "NOMOR", "SHA-256", "WAKTU"])


@main.command("verify")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@json_option
@click.pass_context
@handles_errors
def verify(ctx: click.Context, file: Path, as_json: bool) -> None:
    """Periksa tanda tangan PDF: keluar 0 SAH, 1 TIDAK SAH, 2 BELUM DAPAT DIPASTIKAN (verify a signed PDF)."""
    report = app_of(ctx).documents.verify_pdf(file.read_bytes())
    if as_json:
        emit_json(dict(report.report))
    else:
        click.echo(str(report.report.get("text") or f"{_verdict_word(report)}: {report.summary_id} "
                                                    f"({report.summary_en})"))
    sys.exit(VERDICT_EXIT.get(report.verdict, 2))


def _doc_dict(doc: object) -> dict[str, object]:
    fields = ("id", "instance_id", "public_id", "key", "title", "number", "status", "revisions", "current_sha256",
              "created_at", "updated_at")
    return {name: getattr(doc, name) for name in fields}


def _verdict_word(report: Verified | None) -> str:
    if report is None:
        return "-"
    return f"{VERDICT_WORDS.get(report.verdict, report.verdict)} ({report.verdict})"


def _verdict_dict(report: Verified | None) -> dict[str, object] | None:
    if report is None:
        return None
    return {"verdict": report.verdict, "summary_id": report.summary_id, "summary_en": report.summary_en}
