"""The main navigation, built from a small registry so areas can be added without editing the layout.

An item names an endpoint; it appears only when that endpoint exists (its blueprint is registered)
and the signed-in person has the item's access level. The four main areas are registered by
default; another area adds its own item when its blueprint is set up::

    from web.nav import NavItem, add_nav_item
    add_nav_item(app, NavItem("audit.index", _l("Audit"), access="auditor", order=50))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app, request, url_for
from flask_babel import lazy_gettext as _l

from engine.domain.org import Actor


@dataclass(frozen=True)
class NavItem:
    endpoint: str                 # e.g. "inbox.index"; the item is active on every page of its blueprint
    label: Any                    # a lazy_gettext string (Indonesian msgid)
    access: str | None = None     # supervisor | designer | auditor | admin; None = everyone signed in
    order: int = 100

    @property
    def blueprint(self) -> str:
        return self.endpoint.rpartition(".")[0]


DEFAULT_ITEMS = (
    NavItem("inbox.index", _l("Kotak Masuk"), order=10),
    NavItem("start.index", _l("Mulai Layanan"), order=20),
    NavItem("dashboard.index", _l("Dasbor Unit"), access="supervisor", order=30),
    NavItem("admin.index", _l("Admin"), access="admin", order=90),
)
EXTENSION = "lintas_nav"


def add_nav_item(app: Flask, item: NavItem) -> None:
    """Register (or replace, by endpoint) a navigation item."""
    items: list[NavItem] = app.extensions.setdefault(EXTENSION, list(DEFAULT_ITEMS))
    items[:] = [i for i in items if i.endpoint != item.endpoint] + [item]


def visible_items(actor: Actor | None) -> list[dict[str, Any]]:
    """Items this person may see, in order: ``label``, ``url`` and whether it is the ``active`` area."""
    if actor is None:
        return []
    items: list[NavItem] = current_app.extensions.get(EXTENSION, list(DEFAULT_ITEMS))
    out = []
    for item in sorted(items, key=lambda i: (i.order, i.endpoint)):
        if item.endpoint not in current_app.view_functions:
            continue
        if item.access is not None and not actor.may(item.access):
            continue
        out.append({"label": item.label, "url": url_for(item.endpoint),
                    "active": bool(item.blueprint) and request.blueprint == item.blueprint})
    return out


def init_app(app: Flask) -> None:
    app.extensions.setdefault(EXTENSION, list(DEFAULT_ITEMS))
