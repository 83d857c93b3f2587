"""Render -> what a browser submits -> parse gives back the data shown, and it validates the same.

Covers every form shipped in processes/*/forms and a synthetic form with every widget, in both
languages, plus property tests for text, numbers and choices.
"""

from __future__ import annotations

import string
from typing import Any

import pytest
from bundle_samples import BUNDLE_FORMS, SAMPLES
from form_submit import as_lists, parse_html, submit
from form_widgets_example import ATTACHMENTS, full_data, schema
from hypothesis import given, settings
from hypothesis import strategies as st

from forms import FieldError, Form, load_form
from forms.parse import parse_form
from forms.render import render_form


def round_trip(form: Form | dict[str, Any], data: dict[str, Any] | None, **options: Any) -> Any:
    html = render_form(form, data, locale=options.get("locale", "id"), attachments=options.get("attachments"))
    return parse_form(form, submit(html), **options)


def test_there_are_bundle_forms() -> None:
    assert len(BUNDLE_FORMS) >= 9


@pytest.mark.parametrize(("process", "form_id", "form"), BUNDLE_FORMS, ids=[f"{p}/{f}" for p, f, _ in BUNDLE_FORMS])
class TestBundleForms:
    def test_renders_fresh_filled_and_with_errors(self, process: str, form_id: str, form: Form) -> None:
        for locale in ("id", "en"):
            assert "<label" in render_form(form, locale=locale)
            assert render_form(form, SAMPLES[form_id], locale=locale)
            assert "lintas-ringkasan-galat" in render_form(form, {}, form.validate({}), locale=locale)

    def test_sample_round_trips(self, process: str, form_id: str, form: Form) -> None:
        sample = SAMPLES[form_id]
        assert form.validate(sample) == []
        for locale in ("id", "en"):
            parsed = round_trip(form, sample, locale=locale)
            assert (parsed.data, parsed.errors, parsed.action) == (sample, [], None)

    def test_empty_form_gives_the_same_errors_as_no_data(self, process: str, form_id: str, form: Form) -> None:
        parsed = round_trip(form, None)
        assert parsed.data == {}
        assert form.validate(parsed.data) == form.validate({})


class TestEveryWidget:
    def test_full_data_is_valid(self) -> None:
        assert load_form("bantuan", schema()).validate(full_data()) == []

    @pytest.mark.parametrize("locale", ["id", "en"])
    def test_round_trip(self, locale: str) -> None:
        form, data = load_form("bantuan", schema()), full_data()
        parsed = round_trip(form, data, locale=locale, attachments=ATTACHMENTS, current=data)
        assert parsed.errors == [] and parsed.files == {} and parsed.action is None
        assert parsed.data == data
        assert form.validate(parsed.data) == []

    def test_plain_mapping_of_lists_reads_like_a_multidict(self) -> None:
        form, data = load_form("bantuan", schema()), full_data()
        html = render_form(form, data, attachments=ATTACHMENTS)
        parsed = parse_form(form, as_lists(submit(html)), attachments=ATTACHMENTS, current=data)
        assert parsed.data == data

    def test_fresh_form_submits_defaults_and_nothing_else(self) -> None:
        form = load_form("bantuan", schema())
        parsed = round_trip(form, None)
        # Unticked boxes are answers (False); one row is shown because minItems is 1, its
        # "baru" box ticked by its default.
        assert parsed.data == {"mendesak": False, "pernyataan": False, "barang": [{"baru": True}]}
        codes = {(e.path, e.code) for e in form.validate(parsed.data)}
        assert ("nama", "required") in codes and ("barang[0].nama_barang", "required") in codes
        assert ("pernyataan", "const") in codes


# Control characters other than line breaks and tabs are left out: HTML parsers drop or replace them.
PRINTABLE = st.characters(blacklist_categories=("Cc", "Cs"))
MARKUP = st.sampled_from(["<script>alert(1)</script>", "</textarea>", '"', "'", "&amp;", "<!--", "]]>"])
ONE_LINE = st.lists(st.one_of(st.text(PRINTABLE, max_size=20), MARKUP), max_size=8).map("".join)
MULTI_LINE = st.lists(st.one_of(st.text(PRINTABLE, max_size=20), MARKUP, st.sampled_from(["\n", "\t", "\n\n"])),
                      max_size=10).map("".join)


@settings(max_examples=200, deadline=None)
@given(value=ONE_LINE, long_text=MULTI_LINE)
def test_any_text_survives_escaped(value: str, long_text: str) -> None:
    props = {"judul": {"type": "string", "title": value or "Judul"},
             "isi": {"type": "string", "x-widget": "textarea", **({"description": value} if value else {})}}
    form = load_form("teks", {"type": "object", "properties": props})
    data = {k: v for k, v in {"judul": value, "isi": long_text}.items() if v}
    html = render_form(form, data, errors=[FieldError("isi", "x", value or "?", "")])
    doc = parse_html(html)
    assert doc.xpath("//script") == [] and doc.xpath("//*[@onerror or @onload]") == []
    assert doc.xpath("//label")[0].text_content() == (value or "Judul")
    assert doc.get_element_by_id("f-isi:galat").text_content() == f"Kesalahan: {value or '?'}"
    assert parse_form(form, submit(doc)).data == data


@settings(max_examples=150, deadline=None)
@given(number=st.one_of(st.integers(-10**15, 10**15),
                        st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15)),
       locale=st.sampled_from(["id", "en"]), widget=st.sampled_from([None, "number"]))
def test_any_number_survives(number: float, locale: str, widget: str | None) -> None:
    field: dict[str, Any] = {"type": "number"}
    if widget:
        field["x-widget"] = widget
    form = load_form("angka", {"type": "object", "properties": {"n": field, "daftar": {
        "type": "array", "items": {"type": "number"}}}})
    data = {"n": number, "daftar": [number, 1]}
    parsed = round_trip(form, data, locale=locale)
    assert parsed.errors == [] and parsed.data == data


@settings(max_examples=60, deadline=None)
@given(values=st.lists(st.text(string.ascii_letters + string.digits + " <>&\"'_-", min_size=1, max_size=20),
                       min_size=1, max_size=8, unique=True), data=st.data())
def test_any_choice_survives(values: list[str], data: st.DataObject) -> None:
    props = {"pilih": {"type": "string", "enum": values},
             "banyak": {"type": "array", "items": {"type": "string", "enum": values}}}
    form = load_form("pilihan", {"type": "object", "properties": props})
    picked = data.draw(st.lists(st.sampled_from(values), unique=True))
    sent = {"pilih": data.draw(st.sampled_from(values)), **({"banyak": picked} if picked else {})}
    parsed = round_trip(form, sent)
    # Ticked boxes come back in the order the choices are listed.
    expected = {**sent, "banyak": [v for v in values if v in picked]} if picked else sent
    assert parsed.data == expected
