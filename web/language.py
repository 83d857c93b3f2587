"""The reader's language, with no other dependency inside ``web`` (errors, auth and i18n all use it):
Bahasa Indonesia by default, English second."""

from __future__ import annotations

from flask_babel import get_locale

LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}     # each named in itself, never translated
DEFAULT_LANGUAGE = "id"


def language_code() -> str:
    locale = get_locale()
    return locale.language if locale is not None and locale.language in LANGUAGES else DEFAULT_LANGUAGE


def either(indonesian: str, english: str) -> str:
    """The text in the reader's language, for texts that come in both (service messages, timeline)."""
    return english if language_code() == "en" else indonesian
