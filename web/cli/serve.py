"""``lintas serve``: run the web application (and, with --demo, seed demo data first)."""

from __future__ import annotations

import os
from dataclasses import replace

import click

from engine.bootstrap import Lintas
from engine.services.demo import DEMO_GUIDE, DemoSeed, accounts_without_password, seed, set_demo_passwords
from engine.services.demo_walk import REPORT, walk_guide, walk_sample_complaint
from engine.services.jobs import Worker
from web.app import create_app
from web.cli.base import app_of, handles_errors, main
from web.cli.output import table

# The demo officials' signing passphrase. Not a secret: the demo keys behind it are generated at
# run time by `serve --demo`, under a development CA nobody else trusts.
DEMO_PASSPHRASE = "frasa-sandi-demo"
# The demo accounts' web password: printed by `serve --demo`, public, only ever set on the demo
# organisation's accounts that have none. Real installations set passwords with `lintas user password`.
DEMO_PASSWORD = "sandi-demo-lintas"
SAMPLE_KEY = REPORT["nomor_tiket_lapor"]


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8080, show_default=True, type=int)
@click.option("--demo", is_flag=True, help="Siapkan data demo (demo organisation and processes).")
@click.option("--no-worker", is_flag=True, help="Tanpa pekerja timer di dalam proses / no in-process worker.")
@click.pass_context
@handles_errors
def serve(ctx: click.Context, host: str, port: int, demo: bool, no_worker: bool) -> None:
    """Jalankan Lintas (run Lintas: web app on the embedded database by default)."""
    app = app_of(ctx)
    if not os.environ.get("LINTAS_PUBLIC_URL"):
        # Verification links (QR codes) point at this server unless a public address is configured.
        app.ctx.settings = replace(app.ctx.settings, public_url=f"http://{host}:{port}")
    app.init_db()
    if demo:
        _demo(app)
    if not no_worker:
        # One worker in this process, so timers fire without a second command; scale out with `lintas worker`.
        Worker(app.jobs).start_thread()
    click.echo(f"Lintas berjalan di / running at http://{host}:{port}/  (Ctrl+C untuk berhenti)")
    create_app(app).run(host=host, port=port, debug=False, use_reloader=False, threaded=True)


def _demo(app: Lintas) -> None:
    result = seed(app.org, app.deployments, app.settings.processes_dir)
    click.echo("Proses demo / demo processes: " + ", ".join(f"{d.key} v{d.version}" for d in result.deployed))
    pki = app.credentials.init_dev_pki(demo_passphrase=DEMO_PASSPHRASE)
    if pki.created:
        click.echo(f"PKI pengembangan dibuat / development PKI created in {app.settings.pki_path} "
                   "(DEV — tidak sah secara hukum / not legally valid)")
    demo_accounts(app, result)
    click.echo(f"Frasa sandi TTE semua pejabat demo / signing passphrase of every demo official: {DEMO_PASSPHRASE}")
    if not app.instances.by_business_key(SAMPLE_KEY):
        sample = walk_sample_complaint(app.instances, app.work_items, app.jobs, app.documents, DEMO_PASSPHRASE)
        click.echo(f"Contoh pengaduan #{sample.instance_id} selesai ditandatangani (sample complaint signed): "
                   f"Berita Acara nomor {sample.document.number} — verifikasi / verify: "
                   f"{app.settings.public_url}/v/{sample.document.public_id}")


def demo_accounts(app: Lintas, seeded: DemoSeed) -> None:
    """Set the demo password where none is set, then print the accounts and whom to try what as."""
    missing = len(accounts_without_password(app.accounts, seeded.tenants))
    if missing:
        click.echo(f"Menyiapkan kata sandi {missing} akun demo / setting demo passwords (argon2id)...")
    set_demo_passwords(app.accounts, DEMO_PASSWORD, seeded.tenants)
    click.echo("Akun demo / demo accounts (web: masuk dengan / sign in with USERNAME; CLI: --as USER):")
    table([(u, n, r, a or "-") for u, n, r, a in seeded.accounts], ["USERNAME", "NAMA", "PERAN/ROLES", "AKSES/ACCESS"])
    click.echo(f"Kata sandi web semua akun demo / web password of every demo account: {DEMO_PASSWORD}")
    click.echo("Coba sebagai / try as:")
    for what, username, _access in DEMO_GUIDE:
        click.echo(f"  {what:<44} {username}")
    click.echo("Jalur demo: satu pengaduan baru sampai Berita Acara bertanda tangan / demo walk, step by step:")
    for number, (username, what) in enumerate(walk_guide(), start=1):
        click.echo(f"  {number:>2}. {username:<17} {what}")
