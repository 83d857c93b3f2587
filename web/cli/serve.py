"""``lintas serve``: run the web application (and, with --demo, seed demo data first)."""

from __future__ import annotations

import click

from engine.services.demo import seed
from engine.services.jobs import Worker
from web.app import create_app
from web.cli.base import app_of, handles_errors, main
from web.cli.output import table


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
    app.init_db()
    if demo:
        result = seed(app.org, app.deployments, app.settings.processes_dir)
        click.echo("Proses demo / demo processes: "
                   + ", ".join(f"{d.key} v{d.version}" for d in result.deployed))
        click.echo("Akun demo / demo accounts (use with --as USER):")
        table([(u, n, r) for u, n, r in result.accounts], ["USERNAME", "NAMA", "PERAN/ROLES"])
    if not no_worker:
        # One worker in this process, so timers fire without a second command; scale out with `lintas worker`.
        Worker(app.jobs).start_thread()
    click.echo(f"Lintas berjalan di / running at http://{host}:{port}/  (Ctrl+C untuk berhenti)")
    create_app(app).run(host=host, port=port, debug=False, use_reloader=False, threaded=True)
