"""Deploy-time checks of a process's documents: templates, keys, fields and the tasks that sign them.

A mistake here would otherwise surface weeks later, when a case reaches its signing step; so a
bundle whose document steps or signing tasks do not fit together is refused at deploy.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from engine.domain.documents import SIGN_KINDS, key_problem
from engine.domain.errors import Problem
from engine.domain.process import Catalogue
from engine.ports import DocumentEngine


def document_problems(catalogue: Catalogue, templates: Mapping[str, bytes], engine: DocumentEngine | None,
                      opd_codes: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    steps = list(catalogue.documents.values())
    for key, count in Counter(step.key for step in steps).items():
        if count > 1:
            problems.append(Problem(f"lintas:documentKey {key}", f"kunci dokumen '{key}' dipakai {count} langkah",
                                    f"document key '{key}' is used by {count} steps"))
    for step in steps:
        where = f"{step.process_id} {step.element_id} ({step.name})"
        if (why := key_problem(step.key)) is not None:
            problems.append(Problem(f"{where} lintas:documentKey", f"kunci dokumen '{step.key}': {why}",
                                    f"document key '{step.key}': {why}"))
        if step.letterhead_opd and step.letterhead_opd not in opd_codes:
            problems.append(Problem(f"{where} lintas:letterhead", f"OPD '{step.letterhead_opd}' tidak dikenal",
                                    f"unknown OPD '{step.letterhead_opd}'"))
        if step.template not in templates:
            problems.append(Problem(f"{where} lintas:document", f"templat '{step.template}' tidak ada di templates/",
                                    f"template '{step.template}' is not in templates/"))
        elif engine is not None:
            for message_id, message_en in engine.template_problems(templates, step.template, step.slots):
                problems.append(Problem(f"templates/{step.template}", message_id, message_en))
        fields = Counter(slot.field for slot in step.slots)
        for name, count in fields.items():
            if count > 1:
                problems.append(Problem(where, f"kolom tanda tangan '{name}' direncanakan {count} kali",
                                        f"signature field '{name}' is planned {count} times"))
    keys = {step.key for step in steps}
    for info in catalogue.tasks.values():
        signing = info.signing
        if signing is None:
            continue
        where = f"{info.process_id} {info.element_id} ({info.name})"
        if info.kind != "user":
            problems.append(Problem(f"{where} lintas:sign", "hanya tugas pengguna (userTask) yang dapat menandatangani",
                                    "only a user task can sign"))
        if signing.document_key not in keys:
            problems.append(Problem(f"{where} lintas:sign",
                                    f"dokumen '{signing.document_key}' tidak dibuat oleh langkah "
                                    "lintas:document mana pun",
                                    f"no lintas:document step makes document '{signing.document_key}'"))
        if signing.kind not in SIGN_KINDS:
            problems.append(Problem(f"{where} lintas:signKind", f"jenis '{signing.kind}' tidak dikenal (paraf, sign)",
                                    f"unknown kind '{signing.kind}' (paraf, sign)"))
        if not signing.field or (why := key_problem(signing.field)) is not None:
            problems.append(Problem(f"{where} lintas:signField",
                                    f"nama kolom tanda tangan wajib diisi: {why or 'kosong'}",
                                    f"a signature field name is required: {why or 'empty'}"))
    return problems
