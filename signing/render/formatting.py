"""Indonesian formats for templates: long dates, date and time with WIB/WITA/WIT, rupiah, words.

Follows the spelling used in naskah dinas: "17 Maret 2026", "09.30 WIB" (a dot between hours and
minutes), "Rp1.250.000" (no space after Rp, dots between thousands). Values come from form data,
so dates may arrive as ``date``, ``datetime`` or ISO 8601 text. A timezone-aware datetime is shown
in the document's zone; a naive one is taken as already being wall time in that zone.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from zoneinfo import ZoneInfo

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember")
HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
# Indonesia's three zones by UTC offset; any other zone falls back to "UTC+h".
_ZONE_NAMES = {7: "WIB", 8: "WITA", 9: "WIT"}
_SATUAN = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
           "sepuluh", "sebelas")
_RIBUAN = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"))


class FormatError(ValueError):
    """A value a filter cannot show; the template layer adds where it happened."""

    def __init__(self, message_id: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_id = message_id
        self.message_en = message_en


def as_moment(value: object, tz: ZoneInfo) -> date | datetime:
    """A date, or a datetime in ``tz``, from a date, datetime or ISO 8601 string."""
    if isinstance(value, str):
        text = value.strip()
        try:
            value = date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
        except ValueError as exc:
            raise FormatError(f"Bukan tanggal ISO 8601: {text[:40]!r}.",
                              f"Not an ISO 8601 date: {text[:40]!r}.") from exc
    if isinstance(value, datetime):
        return value.astimezone(tz) if value.tzinfo is not None else value.replace(tzinfo=tz)
    if isinstance(value, date):
        return value
    raise FormatError(f"Bukan tanggal: {type(value).__name__}.", f"Not a date: {type(value).__name__}.")


def tanggal(value: object, tz: ZoneInfo) -> str:
    """'17 Maret 2026'."""
    moment = as_moment(value, tz)
    return f"{moment.day} {BULAN[moment.month - 1]} {moment.year}"


def bulan(value: object, tz: ZoneInfo) -> str:
    """'Maret'."""
    return BULAN[as_moment(value, tz).month - 1]


def hari(value: object, tz: ZoneInfo) -> str:
    """'Selasa'."""
    return HARI[as_moment(value, tz).weekday()]


def zone_name(moment: datetime) -> str:
    offset = moment.utcoffset() or timedelta(0)
    hours, rest = divmod(int(offset.total_seconds()), 3600)
    if rest == 0 and hours in _ZONE_NAMES:
        return _ZONE_NAMES[hours]
    sign = "+" if offset >= timedelta(0) else "-"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60}" + (f".{minutes % 60:02d}" if minutes % 60 else "")


def tanggal_jam(value: object, tz: ZoneInfo) -> str:
    """'17 Maret 2026 09.30 WIB'; a bare date has no time to show and is refused."""
    moment = as_moment(value, tz)
    if not isinstance(moment, datetime):
        raise FormatError("Tanggal tanpa jam tidak dapat ditampilkan dengan tanggal_jam; pakai tanggal.",
                          "A date without a time cannot use tanggal_jam; use tanggal.")
    return f"{tanggal(moment, tz)} {moment.hour:02d}.{moment.minute:02d} {zone_name(moment)}"


def rupiah(value: object) -> str:
    """'Rp1.250.000'; cents only when there are any ('Rp1.250,50'); negative as '-Rp5.000'."""
    amount = _decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = _grouped(abs(amount)) if amount % 1 else _grouped(abs(amount).quantize(Decimal(1)))
    return f"{'-' if amount < 0 else ''}Rp{text}"


def angka(value: object, desimal: int | None = None) -> str:
    """'1.250,5': dots between thousands, a decimal comma; ``desimal`` fixes the decimal places."""
    number = _decimal(value)
    if desimal is not None:
        if isinstance(desimal, bool) or not isinstance(desimal, int) or not 0 <= desimal <= 6:
            raise FormatError("angka: jumlah desimal 0 sampai 6.", "angka: decimal places from 0 to 6.")
        number = number.quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP)
    return ("-" if number < 0 else "") + _grouped(abs(number))


def _decimal(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
        raise FormatError(f"Bukan angka: {type(value).__name__}.", f"Not a number: {type(value).__name__}.")
    try:
        # str() of a float is its shortest round-trip form: 12.5 stays 12.5, not 12.4999...
        number = Decimal(value.strip() if isinstance(value, str) else str(value))
    except InvalidOperation as exc:
        raise FormatError(f"Bukan angka: {str(value)[:40]!r}.", f"Not a number: {str(value)[:40]!r}.") from exc
    if not number.is_finite():
        raise FormatError("Angka tidak terhingga.", "The number is not finite.")
    return number


def _grouped(number: Decimal) -> str:
    whole, _, fraction = f"{number:f}".partition(".")
    text = f"{int(whole):,}".replace(",", ".")
    return f"{text},{fraction}" if fraction else text


def terbilang(value: object) -> str:
    """A whole number in Indonesian words, as in a berita acara: 2026 -> 'dua ribu dua puluh enam'."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise FormatError("terbilang hanya untuk bilangan bulat.", "terbilang takes whole numbers only.")
    try:
        number = int(value)
    except ValueError as exc:
        raise FormatError(f"Bukan bilangan bulat: {str(value)[:40]!r}.",
                          f"Not a whole number: {str(value)[:40]!r}.") from exc
    if abs(number) >= 10**15:
        raise FormatError("Bilangan terlalu besar untuk terbilang.", "Number too large for terbilang.")
    return ("minus " if number < 0 else "") + _words(abs(number))


def _words(n: int) -> str:
    if n < 12:
        return _SATUAN[n]
    if n < 20:
        return f"{_SATUAN[n - 10]} belas"
    if n < 100:
        tens, rest = divmod(n, 10)
        return f"{_SATUAN[tens]} puluh" + (f" {_SATUAN[rest]}" if rest else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = "seratus" if hundreds == 1 else f"{_SATUAN[hundreds]} ratus"
        return head + (f" {_words(rest)}" if rest else "")
    if n < 10**6:
        thousands, rest = divmod(n, 1000)
        head = "seribu" if thousands == 1 else f"{_words(thousands)} ribu"
        return head + (f" {_words(rest)}" if rest else "")
    for size, name in _RIBUAN:
        if n >= size:
            big, rest = divmod(n, size)
            return f"{_words(big)} {name}" + (f" {_words(rest)}" if rest else "")
    raise AssertionError(n)  # unreachable: every n >= 10**6 matches a scale above
