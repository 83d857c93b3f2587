"""Work for the inbox and dashboard page tests: the test organisation (budi and ani in PUPR/Staf, dedi in
DISHUB, kadis supervising PUPR) with a process per inbox bucket."""

from __future__ import annotations

from pathlib import Path

from engine.bootstrap import Lintas
from tests import bpmn_builder as b
from tests.e2e.web_support import Browser
from tests.integration.conftest import deploy
from tests.integration.work_support import PROCESSES, load_org, one_task_process, start, task

EXTRA = {
    "verifikasi": one_task_process("verifikasi", "Verifikasi Berkas",
                              task("kerja", "Paraf nota dinas", "PUPR/Staf", due="5 hari kerja", bucket="paraf")),
    "ttd": one_task_process("ttd", "Tanda Tangan Surat",
                            task("kerja", "Tandatangani surat", "PUPR/Staf", due="2 hari kerja",
                                 bucket="tanda_tangan")),
}


def prepare(lintas: Lintas, tmp_path: Path) -> Lintas:
    load_org(lintas)
    for key, bpmn in {**PROCESSES, **EXTRA}.items():
        deploy(lintas, b.bundle(tmp_path, key, bpmn))
    return lintas


def work(lintas: Lintas) -> dict[str, int]:
    """One item per bucket for PUPR/Staf (surat: disposisi, layanan: lainnya, verifikasi: paraf, ttd:
    tanda_tangan), a second layanan item, and one for DISHUB."""
    return {"surat": start(lintas, "surat"), "layanan": start(lintas, "layanan"),
            "layanan2": start(lintas, "layanan"), "paraf": start(lintas, "verifikasi"),
            "ttd": start(lintas, "ttd"), "uji": start(lintas, "uji")}


def signed_in(lintas: Lintas, username: str) -> Browser:
    return Browser(lintas).signed_in_as(username)
