"""Messages between instances (same transaction, correlation, message start, buffering) and subprocesses."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.bootstrap import Lintas
from engine.domain.errors import Conflict
from tests import bpmn_builder as b
from tests.integration.conftest import deploy

SPIFF = 'xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core" xmlns:lintas='

MESSAGES = """
<bpmn:message id="m_minta" name="minta_data"/>
<bpmn:message id="m_jawab" name="jawab_data"/>
<bpmn:correlationProperty id="p_nomor" name="nomor">
  <bpmn:correlationPropertyRetrievalExpression messageRef="m_minta"><bpmn:messagePath>nomor</bpmn:messagePath>
  </bpmn:correlationPropertyRetrievalExpression>
  <bpmn:correlationPropertyRetrievalExpression messageRef="m_jawab"><bpmn:messagePath>nomor</bpmn:messagePath>
  </bpmn:correlationPropertyRetrievalExpression>
</bpmn:correlationProperty>
<bpmn:collaboration id="kolaborasi"><bpmn:correlationKey name="kunci">
  <bpmn:correlationPropertyRef>p_nomor</bpmn:correlationPropertyRef></bpmn:correlationKey></bpmn:collaboration>
"""

REQUESTER = b.process(
    "permintaan",
    b.start(form="awal"),
    '<bpmn:sendTask id="kirim" name="Kirim permintaan" messageRef="m_minta"><bpmn:extensionElements>'
    "<spiffworkflow:messagePayload>{'nomor': nomor, 'isi': isi}</spiffworkflow:messagePayload>"
    "</bpmn:extensionElements></bpmn:sendTask>",
    '<bpmn:receiveTask id="tunggu" name="Tunggu jawaban" messageRef="m_jawab"><bpmn:extensionElements>'
    "<spiffworkflow:messageVariable>balasan</spiffworkflow:messageVariable>"
    "</bpmn:extensionElements></bpmn:receiveTask>",
    b.user("tinjau", "Tinjau jawaban"), b.end(),
    b.flow("start", "kirim", "tunggu", "tinjau", "end"),
    extra=MESSAGES,
).replace("xmlns:lintas=", SPIFF)

RESPONDER = b.process(
    "layanan",
    '<bpmn:startEvent id="terima"><bpmn:messageEventDefinition id="md1" messageRef="m_minta">'
    "<bpmn:extensionElements><spiffworkflow:messageVariable>permintaan</spiffworkflow:messageVariable>"
    "</bpmn:extensionElements></bpmn:messageEventDefinition></bpmn:startEvent>",
    b.user("siapkan", "Siapkan jawaban", form="jawab", groups="PUPR/Staf"),
    '<bpmn:intermediateThrowEvent id="balas"><bpmn:messageEventDefinition id="md2" messageRef="m_jawab">'
    "<bpmn:extensionElements><spiffworkflow:messagePayload>{'nomor': permintaan['nomor'], 'jawaban': jawaban}"
    "</spiffworkflow:messagePayload></bpmn:extensionElements></bpmn:messageEventDefinition>"
    "</bpmn:intermediateThrowEvent>",
    b.end(), b.flow("terima", "siapkan", "balas", "end"),
    extra=MESSAGES,
).replace("xmlns:lintas=", SPIFF)

AWAL = b.form("nomor", "isi", nomor={"type": "integer"}, isi={"type": "string"})
JAWAB = b.form("jawaban", jawaban={"type": "string"})


@pytest.fixture
def messaging(app: Lintas, tmp_path: Path) -> Lintas:
    deploy(app, b.bundle(tmp_path, "permintaan", REQUESTER, {"awal": AWAL}))
    deploy(app, b.bundle(tmp_path, "layanan", RESPONDER, {"jawab": JAWAB}))
    return app


def responder_tasks(app: Lintas) -> dict[int, int]:
    """nomor of the request each open 'Siapkan jawaban' task answers -> work item id."""
    out = {}
    for item in app.work_items.inbox("budi"):
        out[app.instances.show(item.instance_id).data["permintaan"]["nomor"]] = item.id
    return out


def test_message_starts_an_instance_and_the_reply_correlates_back(messaging: Lintas) -> None:
    app = messaging
    first = app.instances.start("permintaan", as_user="admin", data={"nomor": 1, "isi": "data jalan A"})
    second = app.instances.start("permintaan", as_user="admin", data={"nomor": 2, "isi": "data jalan B"})
    assert first.waiting_for == ("jawab_data",) and second.waiting_for == ("jawab_data",)
    tasks = responder_tasks(app)
    assert sorted(tasks) == [1, 2]
    app.work_items.complete(tasks[2], as_user="budi", data={"jawaban": "jalan B sudah diperbaiki"})
    answered, waiting = app.instances.show(second.id), app.instances.show(first.id)
    assert answered.data["balasan"] == {"nomor": 2, "jawaban": "jalan B sudah diperbaiki"}
    assert [w.name for w in answered.open_work] == ["Tinjau jawaban"]
    assert waiting.waiting_for == ("jawab_data",) and waiting.open_work == ()
    trail = [e.action for e in app.instances.trail(second.id)]
    assert "message_sent" in trail and "message_received" in trail
    assert app.instances.verify_audit(first.id).ok and app.instances.verify_audit(second.id).ok


def test_ambiguous_correlation_is_refused_and_nothing_changes(messaging: Lintas) -> None:
    app = messaging
    for _ in range(2):
        app.instances.start("permintaan", as_user="admin", data={"nomor": 7, "isi": "sama"})
    item = next(iter(app.work_items.inbox("budi")))
    with pytest.raises(Conflict, match="beberapa instans"):
        app.work_items.complete(item.id, as_user="budi", data={"jawaban": "x"})
    assert app.instances.show(item.instance_id).open_work[0].id == item.id


def test_message_nobody_waits_for_is_buffered_then_delivered(app: Lintas, tmp_path: Path) -> None:
    sender = b.process(
        "pengirim", b.start(form="awal"),
        '<bpmn:intermediateThrowEvent id="kabari"><bpmn:messageEventDefinition id="k1" messageRef="m_kabar">'
        "<bpmn:extensionElements><spiffworkflow:messagePayload>{'isi': isi}</spiffworkflow:messagePayload>"
        "</bpmn:extensionElements></bpmn:messageEventDefinition></bpmn:intermediateThrowEvent>",
        b.end(), b.flow("start", "kabari", "end"), extra='<bpmn:message id="m_kabar" name="kabar"/>',
    ).replace("xmlns:lintas=", SPIFF)
    receiver = b.process(
        "penerima", b.start(),
        '<bpmn:intermediateCatchEvent id="dengar"><bpmn:messageEventDefinition id="k2" messageRef="m_kabar">'
        "<bpmn:extensionElements><spiffworkflow:messageVariable>kabar</spiffworkflow:messageVariable>"
        "</bpmn:extensionElements></bpmn:messageEventDefinition></bpmn:intermediateCatchEvent>",
        b.user("baca", "Baca kabar"), b.end(), b.flow("start", "dengar", "baca", "end"),
        extra='<bpmn:message id="m_kabar" name="kabar"/>',
    ).replace("xmlns:lintas=", SPIFF)
    deploy(app, b.bundle(tmp_path, "pengirim", sender, {"awal": b.form("isi", isi={"type": "string"})}))
    deploy(app, b.bundle(tmp_path, "penerima", receiver))
    sent = app.instances.start("pengirim", as_user="admin", data={"isi": "rapat besok"})
    assert sent.status == "completed"
    assert "message_buffered" in [e.action for e in app.instances.trail(sent.id)]
    got = app.instances.start("penerima", as_user="budi")
    assert got.data["kabar"] == {"isi": "rapat besok"}
    assert [w.name for w in got.open_work] == ["Baca kabar"]
    again = app.instances.start("penerima", as_user="budi")
    assert again.waiting_for == ("kabar",), "a buffered message is delivered once"


def test_embedded_subprocess_and_call_activity(app: Lintas, tmp_path: Path) -> None:
    callee = b.process(
        "pemeriksaan_proses", b.start(), b.user("periksa", "Periksa lapangan", groups="PUPR/Staf"),
        b.script("nilai", "skor = len(catatan) * 10"), b.end(), b.flow("start", "periksa", "nilai", "end"),
    )
    deploy(app, b.bundle(tmp_path, "pemeriksaan", callee))
    inner = ('<bpmn:subProcess id="sub" name="Persiapan">' + b.start("s_in")
             + b.user("siapkan", "Siapkan berkas", groups="PUPR/Staf") + b.script("tandai", "siap = True")
             + b.end("e_in") + b.flow("s_in", "siapkan", "tandai", "e_in", prefix="g") + "</bpmn:subProcess>")
    caller = b.process(
        "induk", b.start(), inner,
        '<bpmn:callActivity id="panggil" name="Pemeriksaan" calledElement="pemeriksaan_proses"/>',
        b.user("putuskan", "Putuskan", groups="PUPR/Kepala Bidang"), b.end(),
        b.flow("start", "sub", "panggil", "putuskan", "end"),
    )
    deploy(app, b.bundle(tmp_path, "induk", caller))
    view = app.instances.start("induk", as_user="admin")
    assert [w.name for w in view.open_work] == ["Siapkan berkas"]
    app.work_items.complete(view.open_work[0].id, as_user="budi")
    step = app.instances.show(view.id)
    assert step.data["siap"] is True and [w.name for w in step.open_work] == ["Periksa lapangan"]
    app.work_items.complete(step.open_work[0].id, as_user="ani", data={"catatan": "retak"})
    final = app.instances.show(view.id)
    assert final.data["skor"] == 50 and [w.name for w in final.open_work] == ["Putuskan"]
    history = {h.element_id for h in app.instances.history(view.id)}
    assert {"siapkan", "tandai", "periksa", "nilai"} <= history


def test_message_from_outside_reaches_the_correlated_instance(messaging: Lintas) -> None:
    app = messaging
    first = app.instances.start("permintaan", as_user="admin", data={"nomor": 11, "isi": "a"})
    second = app.instances.start("permintaan", as_user="admin", data={"nomor": 12, "isi": "b"})
    delivery = app.messages.send("jawab_data", as_user="admin", payload={"nomor": 12, "jawaban": "dari sistem lain"},
                                 correlations={"kunci": {"p_nomor": 12}})
    assert (delivery.outcome, delivery.instance_id) == ("delivered", second.id)
    assert app.instances.show(second.id).data["balasan"]["jawaban"] == "dari sistem lain"
    assert app.instances.show(first.id).waiting_for == ("jawab_data",)
    received = [e for e in app.instances.trail(second.id) if e.action == "message_received"][-1]
    assert received.actor == "admin" and received.summary["from"].startswith("luar")


def test_message_from_outside_starts_an_instance_or_is_kept(messaging: Lintas) -> None:
    app = messaging
    started = app.messages.send("minta_data", as_user="budi", payload={"nomor": 5, "isi": "lewat API"})
    assert started.outcome == "started"
    view = app.instances.show(started.instance_id or 0)
    assert view.definition_key == "layanan" and view.started_by == "budi"
    assert view.data["permintaan"] == {"nomor": 5, "isi": "lewat API"}
    kept = app.messages.send("pesan_lain", as_user="budi", payload={"x": 1})
    assert kept.outcome == "buffered" and kept.pending_message_id


def test_message_from_outside_bad_input(messaging: Lintas) -> None:
    from engine.domain.errors import InvalidInput, NotFound

    with pytest.raises(InvalidInput):
        messaging.messages.send(" ", as_user="budi")
    with pytest.raises(InvalidInput, match="korelasi"):
        messaging.messages.send("jawab_data", as_user="budi", correlations={"kunci": 12})  # type: ignore[dict-item]
    with pytest.raises(NotFound):
        messaging.messages.send("jawab_data", as_user="tidak.ada")


def test_message_the_receiver_cannot_read_is_refused_and_nothing_changes(messaging: Lintas) -> None:
    from engine.domain.errors import InvalidInput

    app = messaging
    waiting = app.instances.start("permintaan", as_user="admin", data={"nomor": 21, "isi": "c"})
    trail = len(app.instances.trail(waiting.id))
    with pytest.raises(InvalidInput, match="tidak dapat diterima instans"):
        app.messages.send("jawab_data", as_user="admin", payload={"jawaban": "tanpa nomor"},
                          correlations={"kunci": {"p_nomor": 21}})
    after = app.instances.show(waiting.id)
    assert after.waiting_for == ("jawab_data",) and "balasan" not in after.data
    assert len(app.instances.trail(waiting.id)) == trail
