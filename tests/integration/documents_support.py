"""A small letter process for the document tests: render, paraf by the Kepala Bidang, signature by
the Kepala Dinas, with the test organisation (tests/fixtures/org.yaml, tenant kab-uji)."""

from __future__ import annotations

from pathlib import Path

from engine.bootstrap import Lintas
from tests import bpmn_builder as b
from tests.integration.conftest import ORG, deploy

TEMPLATE = """{% extends "lintas/surat.html" %}
{% block isi %}
<p>Nomor: {{ nomor_surat() }}</p>
<p>Perihal: {{ data.perihal }}</p>
<p>Paraf: {{ paraf("paraf_kabid") }}</p>
<p>{{ tanda_tangan("ttd_kadis") }}</p>
{% endblock %}
"""


def letter_bpmn(*, seal: bool = False, sign_first: bool = False) -> str:
    doc = b.document("buat", "surat.html", lintas__documentKey="surat", lintas__title="Surat Uji",
                     lintas__classification="600.1", lintas__letterhead="PUPR",
                     **({"lintas__seal": "true"} if seal else {}))
    paraf = b.user("paraf", "Paraf surat", lintas__sign="surat", lintas__signField="paraf_kabid",
                   lintas__signKind="paraf")
    ttd = b.user("ttd", "Tanda tangani surat", lintas__sign="surat", lintas__signField="ttd_kadis",
                 lintas__signKind="sign")
    order = ("start", "buat", "ttd", "paraf", "end") if sign_first else ("start", "buat", "paraf", "ttd", "end")
    return b.process("surat_uji", b.lanes({"PUPR/Kepala Bidang": ["paraf"], "PUPR/Kepala Dinas": ["ttd", "buat"],
                                           "PUPR/Staf": ["start", "end"]}),
                     b.start(), doc, paraf, ttd, b.end(), b.flow(*order))


def letter_bundle(tmp_path: Path, bpmn: str | None = None, template: str = TEMPLATE, key: str = "surat-uji") -> Path:
    return b.bundle(tmp_path, key, bpmn or letter_bpmn(), extra_files={"templates/surat.html": template})


def started_letter(app: Lintas, tmp_path: Path, **options: bool) -> int:
    """Deploy the letter process, start it as a clerk and let the job render the letter."""
    deploy(app, letter_bundle(tmp_path, letter_bpmn(**options)))
    case = app.instances.start("surat-uji", as_user="budi", data={"perihal": "Perbaikan jalan"})
    app.jobs.run_due()
    return case.id


def item(app: Lintas, username: str, instance_id: int) -> int:
    [found] = [w for w in app.work_items.inbox(username) if w.instance_id == instance_id]
    return found.id


def add_acting_kadis(app: Lintas, tmp_path: Path) -> None:
    """The test organisation plus ``plt.kadis``, who holds PUPR/Kepala Dinas as Plt."""
    org = ORG.read_text(encoding="utf-8").replace(
        "      - {username: kabid, name: Kepala Bidang, roles: [PUPR/Kepala Bidang]}",
        "      - {username: kabid, name: Kepala Bidang, roles: [PUPR/Kepala Bidang]}\n"
        "      - {username: plt.kadis, name: Rina Pelaksana, roles: [{role: PUPR/Kepala Dinas, capacity: plt}]}")
    (tmp_path / "org.yaml").write_text(org, encoding="utf-8")
    app.org.load_file(tmp_path / "org.yaml")
