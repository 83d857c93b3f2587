"""The clerk's web pages under load: GET /kotak-masuk with 100,000 open work items across 50 OPDs.

A SQLite database (the embedded default, in a temp dir) gets 50 OPDs and 100,000 open work items
spread over them, bulk-inserted with SQLAlchemy core on the engine's own tables (the service API
would take hours to produce them); one clerk's role is offered 200 of them. Then, through the Flask
test client signed in as that clerk (the whole web stack: session, CSRF, services, templates):

- GET /kotak-masuk (first page of 25, sorted by deadline), a filtered page, and a later page;
- GET /kotak-masuk/jumlah, the counters fragment the page polls every 30 seconds;
- for a supervisor of one OPD: GET /dasbor and GET /dasbor/antrean;
- a task completion round trip: POST on the task page when the app has ``tasks.complete``,
  otherwise ``lintas.work_items.complete`` (the output says which).

Target: inbox p95 < 100 ms.

Usage: python bench/web.py [--items 100000] [--opds 50] [--mine 200] [--requests 200] [--completions 50]
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Run as `python bench/web.py`, this file would shadow the `web` package: look in the repository instead.
if sys.path and Path(sys.path[0] or ".").resolve() == HERE:
    sys.path[0] = str(HERE.parent)

import argparse  # noqa: E402
import re  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from datetime import UTC, datetime, timedelta  # noqa: E402
from typing import Any  # noqa: E402

import yaml  # noqa: E402
from flask import url_for  # noqa: E402
from flask.testing import FlaskClient  # noqa: E402
from sqlalchemy import insert, select  # noqa: E402

from engine.bootstrap import Lintas, bootstrap  # noqa: E402
from engine.persistence.models import OpdRow, RoleRow, WorkItemCandidateRow, WorkItemRow  # noqa: E402
from engine.settings import Settings  # noqa: E402
from web.app import create_app  # noqa: E402

CLERK = "klerk"
SUPERVISOR = "kepala"          # supervises OPD01: 2,000 of the open items
PASSWORD = "sandi-bench-web-123"
BUCKETS = ("paraf", "tanda_tangan", "disposisi", "lainnya")
PROCESSES = ("loop", "perizinan", "pengaduan", "surat-masuk", "bansos")
BATCH = 5000
TARGET_MS = 100.0
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def org(opds: int) -> bytes:
    units = [{"code": f"OPD{n:02d}", "name": f"Dinas Uji {n:02d}", "roles": ["Staf", "Kepala"]}
             for n in range(1, opds + 1)]
    return yaml.safe_dump({"tenants": [{
        "code": "bench", "name": "Pemerintah Kabupaten Uji Kinerja", "timezone": "Asia/Jakarta", "opds": units,
        "users": [{"username": CLERK, "name": "Klerk Uji", "roles": ["OPD01/Staf"]},
                  {"username": SUPERVISOR, "name": "Kepala Uji", "roles": ["OPD01/Kepala"], "access": ["supervisor"]}],
    }]}, allow_unicode=True).encode("utf-8")


def prepare(items: int, opds: int, mine: int) -> Lintas:
    tmp = Path(tempfile.mkdtemp(prefix="lintas-web-"))
    app = bootstrap(Settings.from_env({"LINTAS_DATABASE_URL": f"sqlite:///{tmp / 'web.db'}",
                                       "LINTAS_INSTANCE_DIR": str(tmp)}))
    app.init_db()
    app.org.load_bytes(org(opds), source="bench-org.yaml")
    app.deployments.deploy(HERE / "models" / "loop")
    app.accounts.set_password(CLERK, PASSWORD)
    app.accounts.set_password(SUPERVISOR, PASSWORD)
    # One real instance the rows point at (the inbox reads rows, not instances).
    instance = app.instances.start("loop", as_user=CLERK, data={"batas": 10**9}).id
    now = datetime.now(UTC)
    with app.ctx.db.writer.begin() as conn:
        units = {code: opd_id for opd_id, code in conn.execute(select(OpdRow.id, OpdRow.code))}
        roles = {(opd_id, name): role_id for role_id, opd_id, name in conn.execute(
            select(RoleRow.id, RoleRow.opd_id, RoleRow.name))}
        clerk_opd = units["OPD01"]
        opd_ids = sorted(units.values())
        rows: list[dict[str, Any]] = []
        candidates: list[dict[str, Any]] = []
        for i in range(items):
            opd_id = clerk_opd if i < mine else opd_ids[i % len(opd_ids)]
            role = roles[(opd_id, "Staf" if i < mine or opd_id != clerk_opd else "Kepala")]
            due = None if i % 7 == 0 else now + timedelta(hours=(i % 40) * 12 - 96)   # some overdue
            item_id = 10_000_000 + i
            rows.append({
                "id": item_id, "tenant_id": 1, "instance_id": instance, "definition_key": PROCESSES[i % len(PROCESSES)],
                "business_key": f"BK-{i:06d}", "task_id": f"t{i}", "process_id": "bench_loop", "element_id": "langkah",
                "name": f"Langkah {i}", "kind": "user", "bucket": BUCKETS[i % len(BUCKETS)], "status": "open",
                "opd_id": opd_id, "created_at": now - timedelta(minutes=i), "due_at": due,
                "opened_at": None if i % 3 else now,
            })
            candidates.append({"work_item_id": item_id, "role_id": role, "active": True})
            if len(rows) == BATCH:
                conn.execute(insert(WorkItemRow), rows)
                conn.execute(insert(WorkItemCandidateRow), candidates)
                rows, candidates = [], []
        if rows:
            conn.execute(insert(WorkItemRow), rows)
            conn.execute(insert(WorkItemCandidateRow), candidates)
    return app


def signed_in(client: FlaskClient, username: str = CLERK) -> None:
    page = client.get("/masuk").get_data(as_text=True)
    token = TOKEN.search(page)
    assert token is not None
    done = client.post("/masuk", data={"username": username, "password": PASSWORD, "csrf_token": token.group(1)})
    assert done.status_code == 303, done.get_data(as_text=True)[:500]


def timed(call: Callable[[], Any], rounds: int, warmup: int = 10) -> list[float]:
    for _ in range(warmup):
        call()
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        call()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def figures(times: list[float]) -> tuple[float, float, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]
    return statistics.median(ordered), p95, ordered[-1]


def get(client: FlaskClient, path: str, expect: str) -> Callable[[], None]:
    def call() -> None:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        assert expect in response.get_data(as_text=True), (path, expect)
    return call


def completion(app: Lintas, flask_app: Any, client: FlaskClient, rounds: int) -> tuple[str, list[float]]:
    """Start ``rounds`` one-step instances (not timed), then complete each item and time that."""
    items: list[int] = []
    for _ in range(rounds + 5):
        view = app.instances.start("loop", as_user=CLERK, data={"batas": 1})
        items.extend(w.id for w in view.open_work)
    web = "tasks.complete" in flask_app.view_functions
    times = []
    for n, item_id in enumerate(items):
        if web:
            with flask_app.test_request_context():
                show, action = url_for("tasks.show", item_id=item_id), url_for("tasks.complete", item_id=item_id)
            token = TOKEN.search(client.get(show).get_data(as_text=True))
            assert token is not None
            t0 = time.perf_counter()
            response = client.post(action, data={"csrf_token": token.group(1)})
            elapsed = (time.perf_counter() - t0) * 1000
            assert response.status_code in (302, 303), response.status_code
        else:
            t0 = time.perf_counter()
            app.work_items.complete(item_id, as_user=CLERK)
            elapsed = (time.perf_counter() - t0) * 1000
        if n >= 5:                      # the first few warm the caches
            times.append(elapsed)
    how = ("POST on the task page (tasks.complete)" if web else
           "lintas.work_items.complete (no tasks.complete page in this app yet)")
    return how, times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--opds", type=int, default=50)
    parser.add_argument("--mine", type=int, default=200)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--completions", type=int, default=50)
    args = parser.parse_args()
    t0 = time.perf_counter()
    app = prepare(args.items, args.opds, args.mine)
    print(f"{args.items:,} open work items across {args.opds} OPDs, {args.mine} for the clerk's role "
          f"(SQLite, built in {time.perf_counter() - t0:.1f} s)")
    flask_app = create_app(app, {"TESTING": True})
    client = flask_app.test_client()
    signed_in(client)
    print(f"\nFlask test client signed in as {CLERK!r}, {args.requests} requests each (after 10 warm-up)")
    print(f"{'request':<44} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    results = {}
    for label, path, expect in (
            ("GET /kotak-masuk", "/kotak-masuk", "Langkah"),
            ("GET /kotak-masuk?bucket=paraf&process=loop", "/kotak-masuk?bucket=paraf&process=loop", "Langkah"),
            ("GET /kotak-masuk?scope=queue&page=5", "/kotak-masuk?scope=queue&page=5", "Langkah"),
            ("GET /kotak-masuk/jumlah (counters fragment)", "/kotak-masuk/jumlah", "inbox-counts")):
        results[label] = p50, p95, top = figures(timed(get(client, path, expect), args.requests))
        print(f"{label:<44} {p50:>8.1f} {p95:>8.1f} {top:>8.1f}")
    boss = flask_app.test_client()
    signed_in(boss, SUPERVISOR)
    rounds = max(1, args.requests // 4)
    print(f"\nSupervisor {SUPERVISOR!r} of OPD01 ({args.items // args.opds:,} open items), {rounds} requests each")
    for label, path, expect in (("GET /dasbor", "/dasbor", "OPD01"),
                                ("GET /dasbor/antrean (20 rows with receivers)", "/dasbor/antrean", "Alihkan")):
        p50, p95, top = figures(timed(get(boss, path, expect), rounds, warmup=3))
        print(f"{label:<44} {p50:>8.1f} {p95:>8.1f} {top:>8.1f}")
    how, times = completion(app, flask_app, client, args.completions)
    p50, p95, top = figures(times)
    print(f"\nTask completion round trip, {len(times)} tasks, via {how}")
    print(f"{'complete one user task':<44} {p50:>8.1f} {p95:>8.1f} {top:>8.1f}")
    inbox_p95 = results["GET /kotak-masuk"][1]
    verdict = "MET" if inbox_p95 < TARGET_MS else "NOT MET"
    print(f"\nTarget: inbox p95 < {TARGET_MS:.0f} ms -> {inbox_p95:.1f} ms: {verdict}")
    app.close()


if __name__ == "__main__":
    main()
