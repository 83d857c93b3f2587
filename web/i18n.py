"""Language and dates: Bahasa Indonesia by default, English second (Flask-Babel), dates in the tenant's zone.

Every string a person reads is written in Indonesian inside ``_()`` / ``{% trans %}``; the English
catalog (``web/translations/en``) translates it. The switch is ``POST /bahasa`` and is remembered in
the session. Dates are formatted by the ``tanggal`` and ``tanggal_jam`` filters, in the zone of the
signed-in person's pemda (WIB/WITA/WIT), never in the server's zone.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, Flask, redirect, request, session
from flask_babel import Babel
from werkzeug.wrappers import Response

from web.auth import current_tenant, safe_target
from web.language import DEFAULT_LANGUAGE, LANGUAGES, either, language_code

DEFAULT_ZONE = "Asia/Jakarta"
ZONE_NAMES = {"Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB", "Asia/Makassar": "WITA", "Asia/Ujung_Pandang": "WITA",
              "Asia/Jayapura": "WIT"}
MONTHS = {
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}
WEEKDAYS = {
    "id": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}

language = Blueprint("i18n", __name__)


def select_locale() -> str:
    chosen = session.get("lang")
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def zone_key() -> str:
    tenant = current_tenant()
    return tenant.timezone if tenant is not None else DEFAULT_ZONE


def zone_label(key: str) -> str:
    return ZONE_NAMES.get(key, key)


def _as_moment(value: object) -> date | datetime | None:
    if isinstance(value, datetime | date):
        return value
    if isinstance(value, str) and value:
        try:
            return datetime.fromisoformat(value) if "T" in value or " " in value else date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _local(moment: datetime, zone: str | None) -> tuple[datetime, str]:
    key = zone or zone_key()
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)   # stored moments are UTC
    return aware.astimezone(ZoneInfo(key)), key


def tanggal(value: object, zone: str | None = None, with_day: bool = False) -> str:
    """``17 Maret 2026`` (English: ``17 March 2026``); a moment is first put in the tenant's zone."""
    moment = _as_moment(value)
    if moment is None:
        return "–" if value in (None, "") else str(value)
    day = _local(moment, zone)[0].date() if isinstance(moment, datetime) else moment
    lang = language_code()
    text = f"{day.day} {MONTHS[lang][day.month - 1]} {day.year}"
    return f"{WEEKDAYS[lang][day.weekday()]}, {text}" if with_day else text


def tanggal_jam(value: object, zone: str | None = None, with_day: bool = False) -> str:
    """``17 Maret 2026 09.30 WIB`` (English: ``17 March 2026, 09:30 WIB``) in the tenant's zone."""
    moment = _as_moment(value)
    if not isinstance(moment, datetime):
        return tanggal(value, zone, with_day)
    local, key = _local(moment, zone)
    day = tanggal(local.date(), with_day=with_day)
    if language_code() == "en":
        return f"{day}, {local:%H:%M} {zone_label(key)}"
    return f"{day} {local:%H.%M} {zone_label(key)}"


@language.post("/bahasa")
def switch() -> Response:
    """Remember the chosen language and go back to the page it was chosen on."""
    chosen = request.form.get("lang", "")
    if chosen in LANGUAGES:
        session["lang"] = chosen
    return redirect(safe_target(request.form.get("next"), "/"), 303)


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LANGUAGE)
    Babel(app, locale_selector=select_locale)
    app.jinja_env.filters.update(tanggal=tanggal, tanggal_jam=tanggal_jam)
    app.register_blueprint(language)

    @app.context_processor
    def language_context() -> dict[str, object]:
        return {"languages": LANGUAGES, "language_code": language_code, "either": either}
