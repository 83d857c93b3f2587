"""Deploying bundles: versions by content hash, and every kind of bad input refused with nothing stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.bootstrap import Lintas
from engine.domain.errors import DeploymentRejected
from tests import bpmn_builder as b
from tests.integration.conftest import TENANT, deploy

SIMPLE = b.process(
    "sederhana",
    b.start(), b.user("periksa", "Periksa", groups="PUPR/Staf"), b.end(),
    b.flow("start", "periksa", "end"),
)


def versions(app: Lintas) -> list[tuple[str, int]]:
    return [(v.key, v.version) for v in app.deployments.list_versions(TENANT)]


def refused(app: Lintas, path: Path) -> str:
    before = versions(app)
    with pytest.raises(DeploymentRejected) as info:
        app.deployments.deploy(path, tenant=TENANT)
    assert versions(app) == before, "a refused deployment must store nothing"
    return str(info.value)


def test_redeploying_identical_content_creates_no_new_version(app: Lintas, tmp_path: Path) -> None:
    folder = b.bundle(tmp_path, "sederhana", SIMPLE)
    first = app.deployments.deploy(folder, tenant=TENANT)[0]
    again = app.deployments.deploy(folder, tenant=TENANT)[0]
    assert (first.version, first.created) == (1, True)
    assert (again.version, again.created, again.content_hash) == (1, False, first.content_hash)
    (folder / "process.bpmn").write_text(SIMPLE.replace('name="Periksa"', 'name="Periksa ulang"'))
    changed = app.deployments.deploy(folder, tenant=TENANT)[0]
    assert (changed.version, changed.created) == (2, True)
    assert versions(app) == [("sederhana", 1), ("sederhana", 2)]


def test_running_instances_stay_on_their_version(app: Lintas, tmp_path: Path) -> None:
    folder = b.bundle(tmp_path, "sederhana", SIMPLE)
    deploy(app, folder)
    old = app.instances.start("sederhana", as_user="budi")
    two_steps = b.process(
        "sederhana",
        b.start(), b.user("periksa", "Periksa", groups="PUPR/Staf"),
        b.user("setujui", "Setujui", groups="PUPR/Kepala Bidang"), b.end(),
        b.flow("start", "periksa", "setujui", "end"),
    )
    (folder / "process.bpmn").write_text(two_steps)
    assert deploy(app, folder) == 2
    new = app.instances.start("sederhana", as_user="budi")
    assert (old.definition_version, new.definition_version) == (1, 2)
    app.work_items.complete(old.open_work[0].id, as_user="budi")
    app.work_items.complete(new.open_work[0].id, as_user="budi")
    assert app.instances.show(old.id).status == "completed"
    assert [w.name for w in app.instances.show(new.id).open_work] == ["Setujui"]


def test_single_bpmn_file_deploys_each_executable_process(app: Lintas, tmp_path: Path) -> None:
    path = tmp_path / "dua.bpmn"
    path.write_text(SIMPLE.replace("</bpmn:definitions>", "").replace(
        '</bpmn:process>',
        '</bpmn:process><bpmn:process id="kedua" isExecutable="true">'
        '<bpmn:startEvent id="s2"/><bpmn:endEvent id="e2"/>'
        '<bpmn:sequenceFlow id="g" sourceRef="s2" targetRef="e2"/></bpmn:process></bpmn:definitions>'))
    keys = sorted(r.key for r in app.deployments.deploy(path, tenant=TENANT))
    assert keys == ["kedua", "sederhana"]


def test_malformed_xml(app: Lintas, tmp_path: Path) -> None:
    folder = b.bundle(tmp_path, "rusak", SIMPLE[:-40])
    assert "XML tidak valid" in refused(app, folder)


def test_external_entity_is_refused_before_parsing(app: Lintas, tmp_path: Path) -> None:
    xxe = SIMPLE.replace(
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        '<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n',
    ).replace('name="Periksa"', 'name="&x;"')
    message = refused(app, b.bundle(tmp_path, "xxe", xxe))
    assert "DOCTYPE" in message and "root:" not in message


def test_billion_laughs_is_refused(app: Lintas, tmp_path: Path) -> None:
    entities = '<!ENTITY a "ha">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)
    )
    bomb = SIMPLE.replace('<?xml version="1.0" encoding="UTF-8"?>\n',
                          f'<?xml version="1.0"?>\n<!DOCTYPE d [{entities}]>\n')
    assert "DOCTYPE" in refused(app, b.bundle(tmp_path, "bom", bomb.replace('name="Periksa"', 'name="&j;"')))


def test_oversized_file_is_refused_unread(app: Lintas, tmp_path: Path) -> None:
    folder = b.bundle(tmp_path, "besar", SIMPLE)
    with open(folder / "process.bpmn", "a") as handle:
        handle.write("<!--" + " " * (50 * 1024 * 1024) + "-->")
    assert "terlalu besar" in refused(app, folder)


def test_no_executable_process(app: Lintas, tmp_path: Path) -> None:
    bpmn = b.process("diagram", b.start(), b.end(), b.flow("start", "end"), executable=False)
    message = refused(app, b.bundle(tmp_path, "diagram", bpmn))
    assert "non-executable process" in message and "diagram" in message


def test_unknown_form_id(app: Lintas, tmp_path: Path) -> None:
    bpmn = b.process("berformulir", b.start(), b.user("isi", form="tidak_ada", groups="PUPR/Staf"), b.end(),
                     b.flow("start", "isi", "end"))
    assert "unknown form id 'tidak_ada'" in refused(app, b.bundle(tmp_path, "berformulir", bpmn))


def test_invalid_form_schema(app: Lintas, tmp_path: Path) -> None:
    bpmn = b.process("berformulir", b.start(), b.user("isi", form="isian", groups="PUPR/Staf"), b.end(),
                     b.flow("start", "isi", "end"))
    bad = {"type": "object", "properties": {"x": {"type": "nonsense"}}}
    assert "forms/isian.json" in refused(app, b.bundle(tmp_path, "berformulir", bpmn, {"isian": bad}))


def test_lane_must_name_a_known_role(app: Lintas, tmp_path: Path) -> None:
    bpmn = b.process("berlajur", b.lanes({"PUPR/Juru Masak": ["isi"]}), b.start(), b.user("isi"), b.end(),
                     b.flow("start", "isi", "end"))
    assert "PUPR/Juru Masak" in refused(app, b.bundle(tmp_path, "berlajur", bpmn))


def test_bare_role_name_must_be_unambiguous(app: Lintas, tmp_path: Path) -> None:
    bpmn = b.process("ambigu", b.start(), b.user("isi", groups="Staf"), b.end(), b.flow("start", "isi", "end"))
    assert "ambigu" in refused(app, b.bundle(tmp_path, "ambigu", bpmn))
    unique = bpmn.replace('lintas:candidateGroups="Staf"', 'lintas:candidateGroups="Admin Koordinator"')
    assert deploy(app, b.bundle(tmp_path / "ok", "ambigu", unique)) == 1


@pytest.mark.parametrize("code", [
    "__import__('os').system('id')",
    "x = ().__class__.__bases__[0].__subclasses__()",
    "data = open('/etc/passwd').read()",
    "eval('1')",
])
def test_unsafe_scripts_are_refused_at_deploy(app: Lintas, tmp_path: Path, code: str) -> None:
    bpmn = b.process("skrip", b.start(), b.script("hitung", code), b.end(), b.flow("start", "hitung", "end"))
    assert "script/expression refused" in refused(app, b.bundle(tmp_path, "skrip", bpmn))


def test_unsafe_condition_is_refused_at_deploy(app: Lintas, tmp_path: Path) -> None:
    bpmn = b.process(
        "kondisi", b.start(), b.xor("gw", default="f_b"), b.user("a", groups="PUPR/Staf"),
        b.user("c", groups="PUPR/Staf"), b.end(),
        b.seq("f0", "start", "gw"), b.seq("f_a", "gw", "a", "'{0.__class__}'.format(x)"), b.seq("f_b", "gw", "c"),
        b.seq("f1", "a", "end"), b.seq("f2", "c", "end"),
    )
    assert "script/expression refused" in refused(app, b.bundle(tmp_path, "kondisi", bpmn))


def test_service_task_without_connector(app: Lintas, tmp_path: Path) -> None:
    task = ('<bpmn:serviceTask id="kirim"><bpmn:extensionElements>'
            '<spiffworkflow:serviceTaskOperator id="kirim_surat"><spiffworkflow:parameters/>'
            '</spiffworkflow:serviceTaskOperator></bpmn:extensionElements></bpmn:serviceTask>')
    bpmn = b.process("layanan", b.start(), task, b.end(), b.flow("start", "kirim", "end")).replace(
        'xmlns:lintas=', 'xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core" xmlns:lintas=')
    assert "service task has no implementation" in refused(app, b.bundle(tmp_path, "layanan", bpmn))


def test_call_activity_to_an_unknown_process(app: Lintas, tmp_path: Path) -> None:
    bpmn = b.process("pemanggil", b.start(), '<bpmn:callActivity id="panggil" calledElement="tidak_ada"/>',
                     b.end(), b.flow("start", "panggil", "end"))
    assert "tidak_ada" in refused(app, b.bundle(tmp_path, "pemanggil", bpmn))


def test_not_bpmn_at_all(app: Lintas, tmp_path: Path) -> None:
    folder = b.bundle(tmp_path, "bukan", '<?xml version="1.0"?><html><body>hai</body></html>')
    assert "bpmn:definitions" in refused(app, folder)


def test_missing_path(app: Lintas, tmp_path: Path) -> None:
    assert "no such file" in refused(app, tmp_path / "tidak-ada")
