"""Inbox query cost against table size: a clerk's inbox with 10,000 vs 200,000 work items in the table.

The inbox is a projection indexed by claimant, assignee and a role's open queue; a clerk's query
should cost the same whether the table holds ten thousand or two hundred thousand items (most of
them finished history, the rest open in other units). The rows are bulk-inserted directly (the
service API would take hours to produce them); the query goes through WorkItemService.inbox.

Usage: python bench/inbox.py [--sizes 10000,200000] [--database-url URL]
With --database-url (an empty database, e.g. a fresh PostgreSQL schema) give one size per run.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from engine.bootstrap import Lintas, bootstrap
from engine.persistence.models import RoleRow, WorkItemCandidateRow, WorkItemRow
from engine.settings import Settings

HERE = Path(__file__).resolve().parent
OPEN_FOR_CLERK = 25
OPEN_ELSEWHERE_SHARE = 0.2


def prepare(total: int, url: str | None) -> Lintas:
    tmp = Path(tempfile.mkdtemp(prefix="lintas-inbox-"))
    app = bootstrap(Settings.from_env({"LINTAS_DATABASE_URL": url or f"sqlite:///{tmp / 'inbox.db'}",
                                       "LINTAS_INSTANCE_DIR": str(tmp)}))
    app.init_db()
    app.org.load_file(HERE / "org.yaml")
    app.deployments.deploy(HERE / "models" / "loop")
    instance = app.instances.start("loop", as_user="pelaksana", data={"batas": 10**9}).id
    with app.ctx.db.writer.begin() as conn:
        role = conn.execute(select(RoleRow.id)).scalar_one()
        other_role = role + 1000   # a role no clerk here holds; rows only need a distinct id
        conn.execute(insert(RoleRow), [{"id": other_role, "opd_id": 1, "name": "Lain", "name_key": "lain"}])
        start = datetime(2026, 1, 1, tzinfo=UTC)
        batch: list[dict[str, object]] = []
        candidates: list[dict[str, object]] = []
        for i in range(total):
            done = i >= OPEN_FOR_CLERK and i % int(1 / OPEN_ELSEWHERE_SHARE) != 0
            mine = i < OPEN_FOR_CLERK
            batch.append({
                "id": 10_000_000 + i, "tenant_id": 1, "instance_id": instance, "definition_key": "loop",
                "task_id": f"t{i}", "process_id": "bench_loop", "element_id": "langkah", "name": "Langkah",
                "kind": "user", "status": "completed" if done else "open",
                "created_at": start + timedelta(seconds=i), "due_at": start + timedelta(days=i % 30),
            })
            candidates.append({"work_item_id": 10_000_000 + i, "role_id": role if (mine or done) else other_role,
                               "active": not done})
            if len(batch) == 5000:
                conn.execute(insert(WorkItemRow), batch)
                conn.execute(insert(WorkItemCandidateRow), candidates)
                batch, candidates = [], []
        if batch:
            conn.execute(insert(WorkItemRow), batch)
            conn.execute(insert(WorkItemCandidateRow), candidates)
    return app


def measure(app: Lintas, rounds: int = 200) -> tuple[float, int]:
    for _ in range(10):
        app.work_items.inbox("pelaksana")
    times = []
    count = 0
    for _ in range(rounds):
        t0 = time.perf_counter()
        count = len(app.work_items.inbox("pelaksana"))
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,200000")
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.database_url and len(sizes) > 1:
        parser.error("with --database-url, give one size per run (each run needs an empty database)")
    print(f"Inbox of one clerk ({OPEN_FOR_CLERK} open items for their role + 1 assigned), median of 200 calls")
    print(f"{'items in table':>15}  {'open elsewhere':>15}  {'inbox ms':>9}  {'rows':>5}")
    for total in sizes:
        app = prepare(total, args.database_url)
        ms, rows = measure(app)
        open_elsewhere = sum(1 for i in range(OPEN_FOR_CLERK, total) if i % int(1 / OPEN_ELSEWHERE_SHARE) == 0)
        print(f"{total:>15,}  {open_elsewhere:>15,}  {ms:>9.2f}  {rows:>5}")
        app.close()


if __name__ == "__main__":
    main()
