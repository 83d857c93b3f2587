"""The vendored front-end files are exactly the pinned releases listed in web/static/vendor/SHA256SUMS."""

from __future__ import annotations

import hashlib
from pathlib import Path

VENDOR = Path(__file__).resolve().parents[2] / "web" / "static" / "vendor"


def test_vendored_files_match_their_checksums() -> None:
    listed = {}
    for line in (VENDOR / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split(maxsplit=1)
        listed[name.lstrip("*")] = digest
    present = {str(p.relative_to(VENDOR)) for p in VENDOR.rglob("*") if p.is_file()} - {"SHA256SUMS", "README.md"}
    assert present == set(listed), "every vendored file is listed in SHA256SUMS, and only those"
    for name, digest in listed.items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, f"{name} was changed"


def test_readme_names_every_checksum() -> None:
    readme = (VENDOR / "README.md").read_text()
    for line in (VENDOR / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split(maxsplit=1)
        assert digest in readme and name.lstrip("*") in readme
