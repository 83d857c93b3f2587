"""The engine as views see it: the ``Lintas`` object ``create_app`` was given, and nothing below it."""

from __future__ import annotations

from flask import current_app

from engine.bootstrap import Lintas


def lintas() -> Lintas:
    """The services of this app (``lintas().work_items.inbox(...)``); views call nothing else of the engine."""
    return current_app.extensions["lintas"]  # type: ignore[no-any-return]
