"""Reads a process bundle folder or a single BPMN file from disk, refusing oversized files unread.

A bundle is ``processes/<key>/`` with ``process.bpmn`` (plus optional extra ``*.bpmn`` files for
called processes and ``*.dmn`` decision tables), ``forms/*.json``, ``templates/`` (document
templates ``*.html`` with their ``*.css`` and images) and ``README.md``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from engine.bpmn.compiler import SourceFile
from engine.domain.errors import DeploymentRejected, Problem

KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{0,127}$")
BPMN_SUFFIXES = (".bpmn", ".bpmn20.xml", ".bpmn2")
MAX_FORM_BYTES = 256 * 1024
MAX_TEMPLATE_BYTES = 2 * 1024 * 1024
TEMPLATE_SUFFIXES = (".html", ".css", ".png", ".jpg", ".jpeg", ".svg")


@dataclass
class Bundle:
    key: str | None                      # None for a single file: one definition per process id
    bpmn: list[SourceFile]
    dmn: list[SourceFile] = field(default_factory=list)
    forms: dict[str, bytes] = field(default_factory=dict)
    templates: dict[str, bytes] = field(default_factory=dict)   # path under templates/ -> content
    readme: str | None = None

    def content_hash(self, process_id: str) -> str:
        digest = hashlib.sha256()
        digest.update(f"process:{process_id}\n".encode())
        parts = [("bpmn/" + f.name, f.content) for f in self.bpmn] + [("dmn/" + f.name, f.content) for f in self.dmn]
        parts += [("forms/" + name, data) for name, data in self.forms.items()]
        parts += [("templates/" + name, data) for name, data in self.templates.items()]
        for name, data in sorted(parts):
            digest.update(f"{name}:{len(data)}\n".encode())
            digest.update(data)
        return digest.hexdigest()


def _read(path: Path, limit: int, problems: list[Problem], label: str) -> bytes | None:
    size = path.stat().st_size
    if size > limit:
        problems.append(Problem(label, f"berkas terlalu besar: {size:,} byte, batas {limit:,} byte",
                                f"file too large: {size:,} bytes, limit {limit:,} bytes"))
        return None
    return path.read_bytes()


def read_bundle(path: str | Path, max_bytes: int) -> Bundle:
    target = Path(path)
    problems: list[Problem] = []
    if target.is_file():
        data = _read(target, max_bytes, problems, target.name)
        if problems or data is None:
            raise DeploymentRejected("Deploy ditolak", "deployment refused", problems)
        return Bundle(key=None, bpmn=[SourceFile(target.name, data)])
    if not target.is_dir():
        raise DeploymentRejected("Deploy ditolak", "deployment refused",
                                 [Problem(str(target), "berkas atau folder tidak ditemukan", "no such file or folder")])
    key = target.name
    if not KEY.match(key):
        problems.append(Problem(key, "nama folder bundel harus huruf kecil, angka, '-' atau '_'",
                                "a bundle folder name must be lower-case letters, digits, '-' or '_'"))
    main = target / "process.bpmn"
    if not main.is_file():
        problems.append(Problem(key, "process.bpmn tidak ada", "process.bpmn is missing"))
    bundle = Bundle(key=key, bpmn=[])
    for file in sorted(target.iterdir()):
        if file.is_file() and file.name.lower().endswith(BPMN_SUFFIXES):
            data = _read(file, max_bytes, problems, f"{key}/{file.name}")
            if data is not None:
                bundle.bpmn.append(SourceFile(file.name, data))
        elif file.is_file() and file.suffix.lower() == ".dmn":
            data = _read(file, max_bytes, problems, f"{key}/{file.name}")
            if data is not None:
                bundle.dmn.append(SourceFile(file.name, data))
    forms_dir = target / "forms"
    if forms_dir.is_dir():
        for file in sorted(forms_dir.glob("*.json")):
            data = _read(file, MAX_FORM_BYTES, problems, f"{key}/forms/{file.name}")
            if data is not None:
                bundle.forms[file.stem] = data
    _read_templates(target, key, bundle, problems)
    readme = target / "README.md"
    if readme.is_file():
        raw = _read(readme, 1024 * 1024, problems, f"{key}/README.md")
        bundle.readme = raw.decode("utf-8", errors="replace") if raw is not None else None
    if problems:
        raise DeploymentRejected("Deploy ditolak", "deployment refused", problems)
    # process.bpmn first: its executable root is the bundle's main process.
    bundle.bpmn.sort(key=lambda f: (f.name != "process.bpmn", f.name))
    return bundle


def _read_templates(target: Path, key: str, bundle: Bundle, problems: list[Problem]) -> None:
    folder = target / "templates"
    if not folder.is_dir():
        return
    for file in sorted(folder.rglob("*")):
        if not file.is_file() or file.is_symlink():
            continue
        name = file.relative_to(folder).as_posix()
        if file.suffix.lower() not in TEMPLATE_SUFFIXES:
            problems.append(Problem(f"{key}/templates/{name}", "jenis berkas templat tidak didukung "
                                    f"(pakai {', '.join(TEMPLATE_SUFFIXES)})",
                                    f"unsupported template file type (use {', '.join(TEMPLATE_SUFFIXES)})"))
            continue
        data = _read(file, MAX_TEMPLATE_BYTES, problems, f"{key}/templates/{name}")
        if data is not None:
            bundle.templates[name] = data
