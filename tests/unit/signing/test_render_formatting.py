"""Indonesian formats as official documents print them: dates, WIB/WITA/WIT times, rupiah, words."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from signing.render import formatting as fmt

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")
WIT = ZoneInfo("Asia/Jayapura")


@pytest.mark.parametrize("value", [date(2026, 3, 17), "2026-03-17", datetime(2026, 3, 17, 9, 30, tzinfo=WIB),
                                   "2026-03-17T09:30:00+07:00", " 2026-03-17 "])
def test_long_date_from_date_datetime_or_iso_text(value: object) -> None:
    assert fmt.tanggal(value, WIB) == "17 Maret 2026"


def test_every_month_is_spelled_in_indonesian() -> None:
    months = [fmt.tanggal(date(2026, month, 1), WIB).split(" ")[1] for month in range(1, 13)]
    assert months == ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
                      "September", "Oktober", "November", "Desember"]


@pytest.mark.parametrize(("tz", "expected"), [
    (WIB, "17 Maret 2026 09.30 WIB"),
    (WITA, "17 Maret 2026 10.30 WITA"),
    (WIT, "17 Maret 2026 11.30 WIT"),
])
def test_date_and_time_in_the_documents_zone(tz: ZoneInfo, expected: str) -> None:
    moment = datetime(2026, 3, 17, 2, 30, tzinfo=UTC)
    assert fmt.tanggal_jam(moment, tz) == expected
    assert fmt.tanggal_jam("2026-03-17T02:30:00Z", tz) == expected


def test_a_utc_evening_is_the_next_day_in_wit() -> None:
    evening = datetime(2026, 3, 17, 18, 0, tzinfo=UTC)
    assert fmt.tanggal(evening, WIB) == "18 Maret 2026"
    assert fmt.tanggal_jam(evening, WIT) == "18 Maret 2026 03.00 WIT"
    assert fmt.hari(evening, WIB) == "Rabu"
    assert fmt.hari(evening, ZoneInfo("UTC")) == "Selasa"


def test_naive_datetime_is_wall_time_in_the_documents_zone() -> None:
    assert fmt.tanggal_jam(datetime(2026, 3, 17, 9, 5), WITA) == "17 Maret 2026 09.05 WITA"  # noqa: DTZ001


def test_zone_outside_indonesia_shows_its_offset() -> None:
    assert fmt.tanggal_jam(datetime(2026, 3, 17, 2, 30, tzinfo=UTC), ZoneInfo("UTC")).endswith("02.30 UTC+0")
    india = timezone(timedelta(hours=5, minutes=30))
    assert fmt.tanggal_jam(datetime(2026, 3, 17, 9, 0, tzinfo=india), india).endswith("09.00 UTC+5.30")


def test_weekdays() -> None:
    week = [fmt.hari(date(2026, 3, 16) + timedelta(days=n), WIB) for n in range(7)]
    assert week == ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
    assert fmt.bulan("2026-08-17", WIB) == "Agustus"


@pytest.mark.parametrize("value", ["17-03-2026", "kemarin", "2026-02-30", 20260317, None])
def test_what_is_not_a_date_is_refused_in_both_languages(value: object) -> None:
    with pytest.raises(fmt.FormatError) as caught:
        fmt.tanggal(value, WIB)
    assert caught.value.message_id and caught.value.message_en


def test_a_bare_date_has_no_time_to_show() -> None:
    with pytest.raises(fmt.FormatError, match="tanggal"):
        fmt.tanggal_jam("2026-03-17", WIB)


@pytest.mark.parametrize(("value", "expected"), [
    (1250000, "Rp1.250.000"),
    ("1250000", "Rp1.250.000"),
    (0, "Rp0"),
    (999, "Rp999"),
    (-5000, "-Rp5.000"),
    (1250.5, "Rp1.250,50"),
    (Decimal("1250.505"), "Rp1.250,51"),
    (12.0, "Rp12"),
    (1_000_000_000_000, "Rp1.000.000.000.000"),
])
def test_rupiah(value: object, expected: str) -> None:
    assert fmt.rupiah(value) == expected


@pytest.mark.parametrize("value", [True, None, "satu juta", [1], float("nan"), "Infinity"])
def test_rupiah_refuses_what_is_not_an_amount(value: object) -> None:
    with pytest.raises(fmt.FormatError):
        fmt.rupiah(value)


def test_numbers_with_decimal_comma() -> None:
    assert fmt.angka(12.5) == "12,5"
    assert fmt.angka(1234567) == "1.234.567"
    assert fmt.angka(1234.5678, 2) == "1.234,57"
    assert fmt.angka("3", 1) == "3,0"


@pytest.mark.parametrize(("number", "words"), [
    (0, "nol"), (1, "satu"), (11, "sebelas"), (17, "tujuh belas"), (20, "dua puluh"), (31, "tiga puluh satu"),
    (100, "seratus"), (111, "seratus sebelas"), (1000, "seribu"), (1100, "seribu seratus"),
    (2026, "dua ribu dua puluh enam"), (11000, "sebelas ribu"), (1_000_001, "satu juta satu"),
    (185_000_000, "seratus delapan puluh lima juta"), (-5, "minus lima"),
    (2_000_000_000_000, "dua triliun"),
])
def test_number_in_words(number: int, words: str) -> None:
    assert fmt.terbilang(number) == words


def test_words_refuse_fractions_and_huge_numbers() -> None:
    with pytest.raises(fmt.FormatError):
        fmt.terbilang(1.5)
    with pytest.raises(fmt.FormatError):
        fmt.terbilang(10**15)
