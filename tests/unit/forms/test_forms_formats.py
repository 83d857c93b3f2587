"""String formats: dates, times, addresses and Indonesian identity numbers."""

from __future__ import annotations

from typing import Any

import pytest

from forms.formats import (
    FORMAT_CHECKER,
    SUPPORTED_FORMATS,
    is_attachment_id,
    is_date,
    is_date_time,
    is_email,
    is_nik,
    is_nip,
    is_time,
    is_uri,
)


@pytest.mark.parametrize("value", ["2026-03-17", "2024-02-29", "2000-02-29", "0001-01-01"])
def test_valid_dates(value: str) -> None:
    assert is_date(value)


@pytest.mark.parametrize(
    "value",
    [
        "2026-02-30",
        "2025-02-29",
        "1900-02-29",
        "2026-13-01",
        "2026-00-10",
        "2026-3-17",
        "17-03-2026",
        "20260317",
        "2026-03-17T00:00:00Z",
        " 2026-03-17",
        "２０２６-03-17",
        "٢٠٢٦-03-17",
    ],
)
def test_invalid_dates(value: str) -> None:
    assert not is_date(value)


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("2026-03-17T09:30:00+07:00", True),
        ("2026-03-17T02:30:00Z", True),
        ("2026-03-17t02:30:00.123456z", True),
        ("2016-12-31T23:59:60Z", True),  # leap second
        ("2026-03-17T09:30:00", False),  # no offset
        ("2026-03-17 09:30:00+07:00", False),
        ("2026-02-30T09:30:00+07:00", False),
        ("2026-03-17T24:00:00+07:00", False),
        ("2026-03-17T09:30:00+24:00", False),
        ("2026-03-17T09:30+07:00", False),
    ],
)
def test_date_time(value: str, ok: bool) -> None:
    assert is_date_time(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [("09:30:00+07:00", True), ("23:59:59.5Z", True), ("09:30", False), ("25:00:00Z", False), ("09:60:00Z", False)],
)
def test_time(value: str, ok: bool) -> None:
    assert is_time(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("humas@pupr.semarangkota.go.id", True),
        ("nama.pelapor+lapor@gmail.com", True),
        ("pelapor@", False),
        ("@pupr.go.id", False),
        ("a b@pupr.go.id", False),
        ("a@@pupr.go.id", False),
        ("a@pupr", False),
        ("a..b@pupr.go.id", False),
        ("a@" + "x" * 250 + ".id", False),
    ],
)
def test_email(value: str, ok: bool) -> None:
    assert is_email(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("https://lapor.go.id/laporan/12345", True),
        ("mailto:humas@pupr.go.id", True),
        ("urn:isbn:9786020000000", True),
        ("https://", False),
        ("lapor.go.id/laporan", False),
        ("https://lapor.go.id/a b", False),
        ("https://lapor.go.id/%zz", False),
    ],
)
def test_uri(value: str, ok: bool) -> None:
    assert is_uri(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("3374011708850001", True),  # Semarang, born 17-08-85, man
        ("3374015708850001", True),  # the same date for a woman: day + 40
        ("337401170885000", False),  # 15 digits
        ("33740117088500011", False),  # 17 digits
        ("3374011708850O01", False),  # letter O
        ("0974011708850001", False),  # no province 09
        ("3374013208850001", False),  # day 32
        ("3374011713850001", False),  # month 13
        ("３３７４０１１７０８８５０００１", False),  # full-width digits
    ],
)
def test_nik(value: str, ok: bool) -> None:
    assert is_nik(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("198508172010011001", True),  # born 17-08-1985, appointed 01-2010, man, no. 001
        ("199002292015032002", False),  # 29-02-1990 does not exist
        ("198508172010131001", False),  # appointment month 13
        ("198508172010013001", False),  # sex digit 3
        ("19850817201001100", False),  # 17 digits
    ],
)
def test_nip(value: str, ok: bool) -> None:
    assert is_nip(value) is ok


def test_checker_knows_exactly_the_supported_formats() -> None:
    assert set(FORMAT_CHECKER.checkers) == set(SUPPORTED_FORMATS)
    assert {"date", "date-time", "time", "email", "uri", "nik", "nip"} <= SUPPORTED_FORMATS


def test_formats_ignore_non_strings() -> None:
    for name in SUPPORTED_FORMATS:
        assert FORMAT_CHECKER.conforms(12, name)
        assert FORMAT_CHECKER.conforms(None, name)


def test_format_checking_is_on_in_forms(make_form: object) -> None:
    form = make_form({"nik": {"type": "string", "format": "nik"}})  # type: ignore[operator]
    assert [e.code for e in form.validate({"nik": "123"})] == ["format"]
    assert form.validate({"nik": "3374011708850001"}) == []


@pytest.mark.parametrize(("value", "ok"), [("lmp-12", True), ("lmp-7f3a9c", True), ("lmp-", False), ("LMP-1", False),
                                          ("lmp-1/../x", False), ("lmp-" + "a" * 61, False), ("12", False)])
def test_attachment_id(value: str, ok: bool) -> None:
    assert is_attachment_id(value) is ok


def test_attachment_format_in_a_form(make_form: Any) -> None:
    form = make_form({"surat": {"type": "string", "format": "lintas-lampiran", "contentMediaType": "application/pdf"}})
    assert form.validate({"surat": "lmp-3"}) == []
    [problem] = form.validate({"surat": "surat.pdf"})
    assert (problem.code, problem.message_id) == ("format", "Lampiran tidak valid; unggah berkasnya lagi.")
