"""A Flask test client that behaves like a browser with a clerk at it: it reads the CSRF token from
the page it is on before posting, follows the app's redirects when asked, and signs in by the form."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask
from werkzeug.test import TestResponse

from engine.bootstrap import Lintas
from web.app import create_app

PASSWORD = "sandi-uji-lintas"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


class Browser:
    def __init__(self, lintas: Lintas, flask_app: Flask | None = None) -> None:
        self.lintas = lintas
        self.app = flask_app or create_app(lintas, {"TESTING": True})
        self.client = self.app.test_client()

    def get(self, path: str, **kwargs: Any) -> TestResponse:
        return self.client.get(path, **kwargs)

    def text(self, path: str) -> str:
        response = self.get(path, follow_redirects=True)
        assert response.status_code == 200, (path, response.status_code)
        return response.get_data(as_text=True)

    def token(self, page: str = "/masuk") -> str:
        found = TOKEN.search(self.get(page, follow_redirects=True).get_data(as_text=True))
        assert found is not None, f"no CSRF token on {page}"
        return found.group(1)

    def post(self, path: str, data: dict[str, str] | None = None, *, page: str = "/masuk", token: bool = True,
             **kwargs: Any) -> TestResponse:
        form = dict(data or {})
        if token:
            form["csrf_token"] = self.token(page)
        return self.client.post(path, data=form, **kwargs)

    def login(self, username: str, password: str = PASSWORD, next: str | None = None) -> TestResponse:
        data = {"username": username, "password": password}
        if next is not None:
            data["next"] = next
        return self.post("/masuk", data)

    def signed_in_as(self, username: str) -> Browser:
        self.lintas.accounts.set_password(username, PASSWORD)
        response = self.login(username)
        assert response.status_code == 303, response.get_data(as_text=True)
        return self
