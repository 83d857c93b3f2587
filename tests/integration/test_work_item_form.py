"""WorkItemService.form: the task page's form schema, current values and signing facts, with the same
access as reading the item (other OPDs refused, other pemdas told nothing)."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.bootstrap import Lintas
from engine.domain.errors import NotFound, PermissionDenied
from tests.integration.cases_support import FOREIGNER, OUTSIDER, STAF, deploy_berkas, load_org, open_item, start
from tests.integration.documents_support import add_acting_kadis, item, started_letter
from tests.signing_support import PASSPHRASE, SessionPki, enrol


def test_a_task_form_has_its_schema_and_the_values_entered_so_far(lintas: Lintas, tmp_path: Path) -> None:
    load_org(lintas, tmp_path)
    deploy_berkas(lintas, tmp_path)
    case = start(lintas)
    work = open_item(lintas, case)
    form = lintas.work_items.form(work, as_user=STAF)
    assert form.item.id == work and form.item.element_id == "tulis"
    assert form.schema is not None and set(form.schema["properties"]) == {"uraian", "lampiran", "foto"}
    assert form.data == {} and form.signing is None and form.document is None
    assert (form.role, form.capacity) == ("PUPR/Staf", "definitif")
    with pytest.raises(PermissionDenied):
        lintas.work_items.form(work, as_user=OUTSIDER)
    with pytest.raises(NotFound):
        lintas.work_items.form(work, as_user=FOREIGNER)
    lintas.work_items.complete(work, as_user=STAF, data={"uraian": "Selesai"})
    done = lintas.work_items.form(work, as_user=STAF)
    assert done.item.status == "completed" and done.data == {}


def test_a_signing_task_names_its_document_and_the_acting_capacity(lintas: Lintas, tmp_path: Path,
                                                                   session_pki: SessionPki) -> None:
    add_acting_kadis(lintas, tmp_path)
    case = started_letter(lintas, tmp_path)
    paraf = lintas.work_items.form(item(lintas, "kabid", case), as_user="kabid")
    assert paraf.signing is not None and (paraf.signing.kind, paraf.signing.field) == ("paraf", "paraf_kabid")
    assert paraf.document is not None and paraf.document.key == "surat" and paraf.document.status == "draft"
    assert paraf.item.kind == "paraf"
    enrol(lintas, session_pki, "kabid")
    lintas.documents.sign(paraf.item.id, as_user="kabid", passphrase=PASSPHRASE)
    ttd = lintas.work_items.form(item(lintas, "plt.kadis", case), as_user="plt.kadis")
    assert ttd.signing is not None and ttd.signing.kind == "sign"
    assert (ttd.role, ttd.capacity) == ("PUPR/Kepala Dinas", "plt")
    assert ttd.document is not None and ttd.document.revisions == paraf.document.revisions + 1
