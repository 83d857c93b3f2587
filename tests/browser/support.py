"""Helpers for browser tests: what a page did wrong (console errors, failed requests), the axe-core
accessibility check, and signing in through the login page.

Fixtures live in ``tests/browser/conftest.py``; import the helpers from here::

    from tests.browser.support import LiveApp, axe_check, login
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from playwright.sync_api import ConsoleMessage, Error, Page, Request, Response

from engine.bootstrap import Lintas
from engine.services.demo_walk import SampleCase

AXE_PATH = "/static/vendor/axe-core/axe.min.js"
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
BLOCKING_IMPACTS = ("serious", "critical")
T = TypeVar("T")


@dataclass
class LiveApp:
    url: str                      # http://127.0.0.1:<port>, no trailing slash
    lintas: Lintas                # call services directly to arrange data (never the database)
    flask: Any                    # the Flask app being served
    sample: SampleCase            # the demo complaint, walked to a signed Berita Acara
    passphrase: str               # every demo official's signing passphrase

    def __call__(self, path: str) -> str:
        return self.url + path

    def run(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Call a service from a test while the browser is open.

        Playwright's sync API keeps an asyncio loop running in the test's thread, and signing
        (pyHanko) starts its own loop, which asyncio refuses inside a running one: so the call runs
        in a short-lived thread of its own. Exceptions come back to the caller.
        """
        return in_thread(function, *args, **kwargs)


def in_thread(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    outcome: dict[str, Any] = {}

    def call() -> None:
        try:
            outcome["value"] = function(*args, **kwargs)
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller below
            outcome["error"] = exc

    thread = threading.Thread(target=call, name="lintas-browser-test-call")
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]  # type: ignore[no-any-return]


@dataclass
class PageProblems:
    """Console errors, uncaught exceptions and failed requests seen by one test's pages.

    Nothing is allowed by default; a test that expects a problem says so with ``allow(regex)``
    (e.g. the browser's own console line for a page that answers 404 on purpose).
    """

    problems: list[str] = field(default_factory=list)
    allowed: list[re.Pattern[str]] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)

    def watch(self, page: Page) -> None:
        self.pages.append(page)
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.problems.append(f"uncaught exception: {exc}"))
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)

    def allow(self, pattern: str) -> None:
        self.allowed.append(re.compile(pattern))

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location.get("url", "")
            self.problems.append(f"console error: {message.text}" + (f" (at {where})" if where else ""))

    def _request_failed(self, request: Request) -> None:
        # A request the browser itself cancels because the page navigated away (the icon, a PDF still
        # loading in a frame) is not the app failing; refused connections, DNS, TLS and the like are.
        if request.failure == "net::ERR_ABORTED":
            return
        self.problems.append(f"request failed: {request.method} {request.url} ({request.failure})")

    def _response(self, response: Response) -> None:
        # The page's own status is the test's business (it asserts 200/403/404 itself); any other
        # resource answering with an error is a broken page.
        if response.status >= 400 and not response.request.is_navigation_request():
            self.problems.append(f"HTTP {response.status}: {response.request.method} {response.url}")

    def unexpected(self) -> list[str]:
        for page in self.pages:            # a round trip delivers the events still in flight
            if not page.is_closed():
                try:
                    page.evaluate("0")
                except Error:
                    pass
        return [p for p in self.problems if not any(a.search(p) for a in self.allowed)]

    def check(self) -> None:
        found = self.unexpected()
        if found:
            raise AssertionError("the page reported problems:\n  " + "\n  ".join(found))


def axe_check(page: Page, *, include: str | None = None, exclude: list[str] | None = None,
              impacts: tuple[str, ...] = BLOCKING_IMPACTS) -> list[dict[str, Any]]:
    """Run axe-core's WCAG 2.1 A/AA rules on the page; fail on violations of the given impacts.

    axe is loaded from the app's own static route (so a page's Content-Security-Policy that allows
    only self-hosted scripts still lets it in). Returns every violation found, blocking or not.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=AXE_PATH)
    context: dict[str, Any] | str = "document"
    if include or exclude:
        context = {"include": [include] if include else [["html"]], "exclude": [[e] for e in exclude or []]}
    result = page.evaluate(
        """async ([context, tags]) => {
            const target = context === 'document' ? document : context;
            return await window.axe.run(target, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
        }""",
        [context, list(WCAG_TAGS)],
    )
    violations: list[dict[str, Any]] = result["violations"]
    blocking = [v for v in violations if v.get("impact") in impacts]
    assert not blocking, f"axe-core found accessibility violations on {page.url}:\n" + format_violations(blocking)
    return violations


def format_violations(violations: list[dict[str, Any]], max_nodes: int = 5) -> str:
    lines = []
    for v in violations:
        lines.append(f"- [{v.get('impact')}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:max_nodes]:
            summary = "; ".join(" ".join(line.split()) for line in (node.get("failureSummary") or "").splitlines()
                                if line.strip())
            lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html'][:160]}")
            if summary:
                lines.append(f"       {summary[:300]}")
        if len(v["nodes"]) > max_nodes:
            lines.append(f"    ... and {len(v['nodes']) - max_nodes} more")
    return "\n".join(lines)


def login(page: Page, username: str, password: str, *, expect_success: bool = True) -> None:
    """Sign in through ``/masuk``: fields ``name="username"`` and ``name="password"``, then the form's
    submit button. With ``expect_success`` the browser must have left the login page afterwards."""
    page.goto("/masuk")
    form = page.locator("form:has(input[name='password'])")
    form.locator("input[name='username']").fill(username)
    form.locator("input[name='password']").fill(password)
    with page.expect_navigation():
        form.locator("button[type='submit'], input[type='submit'], button:not([type])").first.click()
    if expect_success:
        assert "/masuk" not in page.url, f"login as {username} failed: still on {page.url}"
