"""The English catalog translates every string of the web app, and the committed .mo matches the .po.

Extraction uses Babel's API with the project's own mapping (web/babel.cfg), exactly as
``make translations`` does, so a new ``_()`` or ``{% trans %}`` without an English entry fails here.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

WEB = Path(__file__).resolve().parents[3] / "web"
CATALOG = WEB / "translations" / "en" / "LC_MESSAGES"
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}


def extracted() -> dict[str, str]:
    with (WEB / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg, str(WEB / "babel.cfg"))
    found: dict[str, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
            str(WEB), method_map, options_map, keywords=KEYWORDS):
        msgid = message[0] if isinstance(message, tuple) else message
        found.setdefault(msgid, f"web/{filename}:{lineno}")
    return found


def test_the_extraction_finds_the_layout_and_the_python_strings() -> None:
    found = extracted()
    assert {"Langsung ke konten utama", "Kotak Masuk", "Masuk", "Akses ditolak"} <= set(found)


def test_every_translatable_string_has_an_english_translation() -> None:
    with (CATALOG / "messages.po").open("rb") as po:
        catalog = read_po(po, locale="en")
    missing = [f"{where}: {msgid!r}" for msgid, where in sorted(extracted().items())
               if not (entry := catalog.get(msgid)) or not entry.string or entry.fuzzy]
    assert not missing, "untranslated (run `make translations` and fill in messages.po):\n" + "\n".join(missing)


def test_the_compiled_catalog_is_up_to_date() -> None:
    with (CATALOG / "messages.po").open("rb") as po, (CATALOG / "messages.mo").open("rb") as mo:
        source, compiled = read_po(po, locale="en"), read_mo(mo)
    wanted = {m.id: m.string for m in source if m.id and m.string and not m.fuzzy}
    assert {m.id: m.string for m in compiled if m.id} == wanted, "run `make translations` (pybabel compile)"
