"""Browser-test fixtures: the real web app served on 127.0.0.1 for the whole session, and Playwright
driving Debian's Chromium against it.

- ``live_app`` (session): Lintas on SQLite in a temp dir with the demo organisation (every account's
  password ``DEMO_PASSWORD``), every bundled
  process deployed, the DEV PKI with a certificate per demo official (passphrase ``DEMO_PASSPHRASE``),
  the sample complaint walked to a signed Berita Acara, served by ``web.app.create_app`` with
  werkzeug (threaded) on a free port, plus the in-process job worker.
- ``browser`` (module): Chromium from ``/usr/bin/chromium`` (``LINTAS_CHROMIUM`` overrides), never a
  Playwright download. Missing Chromium skips locally with the reason shown, and fails when
  ``LINTAS_REQUIRE_BROWSER=1`` (CI).
- ``page``: a fresh browser context (own cookies and storage) with ``base_url`` = the live app;
  console errors, uncaught exceptions and failed requests fail the test (``page_problems.allow``).
- ``axe``: ``axe(page)`` runs axe-core's WCAG 2.1 A/AA rules and fails on serious/critical findings.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import BaseWSGIServer, make_server

from engine.bootstrap import bootstrap
from engine.services.demo import seed, set_demo_passwords
from engine.services.demo_walk import walk_sample_complaint
from engine.services.jobs import Worker
from engine.settings import Settings
from tests.browser.diagram_page import diagram_test_pages
from tests.browser.support import LiveApp, PageProblems, axe_check, in_thread
from web.app import create_app
from web.cli.serve import DEMO_PASSPHRASE, DEMO_PASSWORD

CHROMIUM = os.environ.get("LINTAS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def live_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApp]:
    home = tmp_path_factory.mktemp("browser-app")
    settings = Settings.from_env({"LINTAS_DATABASE_URL": f"sqlite:///{home / 'lintas.db'}",
                                  "LINTAS_INSTANCE_DIR": str(home / "instance")})
    # Its own script sandbox: the server and its worker keep running until the session ends, and must
    # not share worker processes with the other layers' tests.
    lintas = bootstrap(settings)
    lintas.init_db()
    seeded = seed(lintas.org, lintas.deployments, None)
    set_demo_passwords(lintas.accounts, DEMO_PASSWORD, seeded.tenants)     # every demo account can sign in
    app = create_app(lintas)
    app.register_blueprint(diagram_test_pages)          # test-only pages, never in the product
    server: BaseWSGIServer = make_server("127.0.0.1", 0, app, threaded=True)
    url = f"http://127.0.0.1:{server.server_port}"
    # QR codes and verification links must point at this server, as `lintas serve` arranges.
    lintas.ctx.settings = replace(lintas.ctx.settings, public_url=url)
    lintas.credentials.init_dev_pki(demo_passphrase=DEMO_PASSPHRASE)
    sample = in_thread(walk_sample_complaint, lintas.instances, lintas.work_items, lintas.jobs, lintas.documents,
                                   DEMO_PASSPHRASE)
    serving = threading.Thread(target=server.serve_forever, name="lintas-browser-server", daemon=True)
    serving.start()
    worker = Worker(lintas.jobs, poll=0.2)
    working = worker.start_thread()
    try:
        yield LiveApp(url, lintas, app, sample, DEMO_PASSPHRASE)
    finally:
        worker.stop.set()
        server.shutdown()
        serving.join(timeout=10)
        working.join(timeout=10)
        server.server_close()
        lintas.close()


def _chromium_missing() -> str | None:
    if not Path(CHROMIUM).is_file() or not os.access(CHROMIUM, os.X_OK):
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium; .ci/debian-packages installs it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed (pip install -e '.[dev]')"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    # Module scope, not session: while Playwright's sync API is active the test thread has a running
    # asyncio loop, and signing (asyncio.run in pyHanko) in the tests that follow would be refused.
    missing = _chromium_missing()
    if missing:
        if os.environ.get("LINTAS_REQUIRE_BROWSER") == "1":
            pytest.fail(f"LINTAS_REQUIRE_BROWSER=1 but the browser tests cannot run: {missing}")
        pytest.skip(f"browser tests skipped: {missing}")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)      # a loaded 2-core CI machine is slower than 5 s defaults
    with sync_playwright() as playwright:
        # launch() gives a fresh temporary profile; each test then gets its own context.
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page_problems() -> PageProblems:
    return PageProblems()


@pytest.fixture
def new_page(browser: Any, live_app: LiveApp, page_problems: PageProblems) -> Iterator[Callable[..., Any]]:
    """Open another page in a fresh context (a second person, say); it is watched like ``page``."""
    contexts: list[Any] = []

    def open_page(**context_options: Any) -> Any:
        options = {"base_url": live_app.url, "locale": "id-ID", "timezone_id": "Asia/Jakarta"} | context_options
        context = browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        opened = context.new_page()
        page_problems.watch(opened)
        return opened

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Callable[..., Any]) -> Any:
    return new_page()


@pytest.fixture
def axe() -> Callable[..., list[dict[str, Any]]]:
    return axe_check


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    # A page's console errors and failed requests fail the test itself (not only its teardown).
    result = yield
    problems = getattr(item, "funcargs", {}).get("page_problems")
    if isinstance(problems, PageProblems):
        problems.check()
    return result
