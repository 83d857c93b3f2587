"""Designers' templates: their mistakes and their attempts to escape the sandbox are clear errors.

These run only the template stage (``render_html``), which is where every such error is caught,
before any layout work.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from render_helpers import PARAF, TEMPLATES, TTD, bundle_request, letter_request, page_template

from signing.errors import RenderError, TemplateError
from signing.render import SignatureSlot, templating
from signing.render import model as render_model
from signing.render.templating import render_html

Bundle = Callable[..., Path]


def test_the_sample_letter_renders_with_every_part(bundle: Bundle) -> None:
    html = render_html(letter_request()).html
    assert "PEMERINTAH KABUPATEN CONTOH" in html and "17 Maret 2026" in html and "Rp1.250.000" in html
    assert 'id="lintas-slot-paraf_kabid"' in html and 'id="lintas-slot-ttd_kadis"' in html
    assert 'id="lintas-field-nomor_surat"' in html
    assert "Kepala Bidang Bina Marga" in html and "Bupati Contoh" in html


def test_template_hash_is_the_sha256_of_the_requested_file() -> None:
    expected = hashlib.sha256((TEMPLATES / "surat.html").read_bytes()).hexdigest()
    assert render_html(letter_request()).template_sha256 == expected


def test_data_is_escaped(bundle: Bundle) -> None:
    folder = bundle(**{"t.html": page_template("<p>{{ data.nama }}</p>")})
    html = render_html(bundle_request(folder, data={"nama": "<script>alert(1)</script>"})).html
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_syntax_error_names_template_and_line(bundle: Bundle) -> None:
    folder = bundle(**{"t.html": '{% extends "lintas/surat.html" %}\n{% block isi %}\n<p>\n{% if %}\n{% endblock %}'})
    with pytest.raises(TemplateError) as caught:
        render_html(bundle_request(folder))
    assert (caught.value.template, caught.value.line) == ("t.html", 4)
    assert "t.html baris 4" in caught.value.message_id and "t.html line 4" in caught.value.message_en


def test_misspelt_variable_names_it_template_and_line(bundle: Bundle) -> None:
    body = '\n<p>{{ data.nama_pelapor }}</p>\n<p>{{ data.nama_pelapr }}</p>\n'
    folder = bundle(**{"t.html": page_template(body)})
    with pytest.raises(TemplateError) as caught:
        render_html(bundle_request(folder, data={"nama_pelapor": "Rudi"}))
    assert caught.value.template == "t.html" and caught.value.line == 3
    assert "nama_pelapr" in str(caught.value)


def test_undefined_top_level_name(bundle: Bundle) -> None:
    folder = bundle(**{"t.html": page_template("{{ pelapor }}")})
    with pytest.raises(TemplateError, match="pelapor"):
        render_html(bundle_request(folder))


def test_error_inside_an_included_partial_points_at_the_partial(bundle: Bundle) -> None:
    folder = bundle(**{"t.html": page_template('{% include "bagian/isi.html" %}'),
                       "bagian/isi.html": "<p>ok</p>\n<p>{{ data.tidak_ada }}</p>"})
    with pytest.raises(TemplateError) as caught:
        render_html(bundle_request(folder))
    assert (caught.value.template, caught.value.line) == ("bagian/isi.html", 2)


@pytest.mark.parametrize("expression", [
    "''.__class__.__mro__",
    "''.__class__.__mro__[1].__subclasses__()",
    "data.__class__",
    "kop.__init__.__globals__",
    "tanda_tangan.__globals__",
    "lipsum.__globals__",
    "cycler.__init__.__globals__",
    "'{0.__class__}'.format(data)",
])
def test_sandbox_refuses_python_internals(bundle: Bundle, expression: str) -> None:
    folder = bundle(**{"t.html": page_template("{{ " + expression + " }}")})
    with pytest.raises(TemplateError) as caught:
        render_html(bundle_request(folder))
    assert caught.value.template == "t.html"
    assert "sandbox" in caught.value.message_en.lower() or "unknown" in caught.value.message_en.lower()


def test_templates_cannot_change_the_callers_data(bundle: Bundle) -> None:
    data = {"daftar": [1, 2], "peta": {"a": 1}}
    folder = bundle(**{"t.html": page_template("{{ data.daftar.append(3) }}{{ data.peta.update(b=2) }}")})
    with pytest.raises(TemplateError, match="sandbox"):
        render_html(bundle_request(folder, data=data))
    assert data == {"daftar": [1, 2], "peta": {"a": 1}}


def test_unknown_slot_name_is_refused_with_the_planned_names(bundle: Bundle) -> None:
    folder = bundle(**{"t.html": page_template('\n{{ tanda_tangan("ttd_sekda") }}')})
    with pytest.raises(TemplateError) as caught:
        render_html(bundle_request(folder))
    assert "ttd_sekda" in str(caught.value) and "ttd_kadis" in str(caught.value)
    assert caught.value.line == 2


def test_planned_slot_not_placed_is_refused(bundle: Bundle) -> None:
    folder = bundle(**{"t.html": page_template("<p>isi</p>")})
    with pytest.raises(TemplateError) as caught:
        render_html(bundle_request(folder, signatures=(TTD, PARAF)))
    assert "paraf('paraf_kabid')" in str(caught.value)


def test_slot_placed_twice_is_refused(bundle: Bundle) -> None:
    folder = bundle(**{"t.html": page_template('{{ tanda_tangan("ttd_kadis") }}')})
    with pytest.raises(TemplateError, match="dua kali"):
        render_html(bundle_request(folder))


def test_helper_of_the_wrong_kind_is_refused(bundle: Bundle) -> None:
    folder = bundle(**{"t.html": page_template('{{ paraf("ttd_kadis") }}')})
    with pytest.raises(TemplateError, match="tanda_tangan"):
        render_html(bundle_request(folder))


def test_seal_slot(bundle: Bundle) -> None:
    folder = bundle(**{"t.html": page_template('{{ segel("cap_dinas") }}')})
    html = render_html(bundle_request(folder, signatures=(TTD, SignatureSlot("cap_dinas", "seal", "Cap Dinas")))).html
    assert 'class="lintas-slot lintas-slot--seal" id="lintas-slot-cap_dinas"' in html


def test_number_placeholder_at_most_once(bundle: Bundle) -> None:
    folder = bundle(**{"t.html": page_template("{{ nomor }} {{ nomor_surat() }}")})
    with pytest.raises(TemplateError, match="satu kali"):
        render_html(bundle_request(folder))
    html = render_html(bundle_request(folder, number="600/15/PUPR/2026")).html
    assert html.count("600/15/PUPR/2026") == 2 and "lintas-field-nomor_surat" not in html


def test_given_number_is_text_and_escaped(bundle: Bundle) -> None:
    folder = bundle(**{"t.html": page_template("Nomor: {{ nomor_surat() }}")})
    html = render_html(bundle_request(folder, number="600/<b>15</b>")).html
    assert "600/&lt;b&gt;15&lt;/b&gt;" in html


def test_filter_error_names_the_line(bundle: Bundle) -> None:
    folder = bundle(**{"t.html": page_template("\n\n{{ data.tgl | tanggal }}")})
    with pytest.raises(TemplateError) as caught:
        render_html(bundle_request(folder, data={"tgl": "kemarin"}))
    assert caught.value.line == 3 and "ISO 8601" in caught.value.message_en


def test_python_errors_in_templates_become_template_errors(bundle: Bundle) -> None:
    folder = bundle(**{"t.html": page_template("{{ 1 / 0 }}")})
    with pytest.raises(TemplateError, match="ZeroDivisionError"):
        render_html(bundle_request(folder))


def test_missing_template(bundle: Bundle) -> None:
    folder = bundle()
    with pytest.raises(TemplateError, match="tidak ditemukan"):
        render_html(bundle_request(folder, template="tidak-ada.html"))


@pytest.mark.parametrize("name", ["../rahasia.html", "bagian/../../rahasia.html"])
def test_templates_cannot_climb_out_of_the_bundle(bundle: Bundle, name: str) -> None:
    folder = bundle(**{"t.html": page_template('{% include "' + name + '" %}')})
    (folder.parent / "rahasia.html").write_text("RAHASIA", encoding="utf-8")
    with pytest.raises(TemplateError, match="tidak ditemukan"):
        render_html(bundle_request(folder))


def test_symlink_out_of_the_bundle_is_not_followed(bundle: Bundle) -> None:
    folder = bundle(**{"t.html": page_template('{% include "tautan.html" %}')})
    outside = folder.parent / "rahasia.html"
    outside.write_text("RAHASIA", encoding="utf-8")
    os.symlink(outside, folder / "tautan.html")
    with pytest.raises(TemplateError, match="tidak ditemukan"):
        render_html(bundle_request(folder))


def test_main_template_must_come_from_the_bundle(bundle: Bundle) -> None:
    with pytest.raises(TemplateError, match="bundel"):
        render_html(bundle_request(bundle(), template="lintas/surat.html"))


def test_bundle_cannot_shadow_the_base_layout(bundle: Bundle) -> None:
    folder = bundle(**{"t.html": page_template("<p>isi</p>"), "lintas/surat.html": "PALSU"})
    assert "PALSU" not in render_html(bundle_request(folder)).html


def test_oversized_template_is_refused(bundle: Bundle) -> None:
    folder = bundle(**{"t.html": page_template("x" * render_model.MAX_TEMPLATE_BYTES)})
    with pytest.raises(TemplateError, match="KiB"):
        render_html(bundle_request(folder))


def test_template_producing_too_much_html_is_stopped(bundle: Bundle, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(templating, "MAX_HTML_CHARS", 50_000)
    folder = bundle(**{"t.html": page_template("{% for i in range(100000) %}<p>baris {{ i }}</p>{% endfor %}")})
    with pytest.raises(TemplateError, match="MiB|HTML"):
        render_html(bundle_request(folder))


def test_non_utf8_template_is_refused(bundle: Bundle) -> None:
    folder = bundle()
    (folder / "t.html").write_bytes(b"\xff\xfe<p>\x00</p>")
    with pytest.raises(TemplateError, match="UTF-8"):
        render_html(bundle_request(folder))


@pytest.mark.parametrize("changes", [
    {"verify_url": "javascript:alert(1)"},
    {"verify_url": "https://contoh.go.id/v/1 2"},
    {"issuer_name": "  "},
    {"timezone": "Asia/Bandung"},
    {"signatures": (TTD, TTD)},
])
def test_bad_requests_fail_before_any_template_runs(changes: dict[str, object]) -> None:
    with pytest.raises(RenderError):
        letter_request(**changes)


@pytest.mark.parametrize("name", ["ttd.kadis", "1ttd", "ttd kadis", "", "nomor_surat", "a" * 64])
def test_slot_names_must_be_plain_field_names(name: str) -> None:
    with pytest.raises(RenderError):
        SignatureSlot(name, "sign", "Kepala Dinas")


def test_unknown_slot_kind() -> None:
    with pytest.raises(RenderError, match="sign, paraf, seal"):
        SignatureSlot("ttd", "stempel", "Kepala Dinas")  # type: ignore[arg-type]


@pytest.mark.parametrize(("zone", "shown"), [("Asia/Jakarta", "17 Maret 2026 09.30 WIB"),
                                             ("Asia/Makassar", "17 Maret 2026 10.30 WITA"),
                                             ("Asia/Jayapura", "17 Maret 2026 11.30 WIT")])
def test_filters_use_the_requests_time_zone(bundle: Bundle, zone: str, shown: str) -> None:
    body = "<p>{{ data.waktu | tanggal_jam }}|{{ data.waktu | hari }}|{{ data.nilai | rupiah }}</p>"
    folder = bundle(**{"t.html": page_template(body)})
    html = render_html(bundle_request(folder, timezone=zone, data={"waktu": "2026-03-17T02:30:00Z", "nilai": 5e6})).html
    assert f"<p>{shown}|Selasa|Rp5.000.000</p>" in html


def test_letter_parts_from_the_naskah_macros(bundle: Bundle) -> None:
    body = ('{% import "lintas/naskah.html" as naskah %}'
            '{{ naskah.tempat_tanggal("Contoh", "2026-03-17") }}'
            '{{ naskah.kepala_surat(sifat="Segera", lampiran="1 (satu) berkas", hal="Undangan") }}'
            '{{ naskah.rincian([("Nama", "Rudi"), ("Lokasi", "Jl. Merdeka")]) }}'
            '{{ naskah.tembusan(["Bupati Contoh"]) }}')
    html = render_html(bundle_request(bundle(**{"t.html": page_template(body)}))).html
    for part in ("Contoh, 17 Maret 2026", "<td>Sifat</td><td>:</td><td>Segera</td>", "1 (satu) berkas",
                 'id="lintas-field-nomor_surat"', "<td>Nama</td><td>:</td><td>Rudi</td>", "<li>Bupati Contoh</li>"):
        assert part in html, part


def test_runaway_template_is_stopped(bundle: Bundle, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(templating, "MAX_TEMPLATE_SECONDS", 0.3)
    loops = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    folder = bundle(**{"t.html": page_template(loops)})
    with pytest.raises(TemplateError, match="detik"):
        render_html(bundle_request(folder))
