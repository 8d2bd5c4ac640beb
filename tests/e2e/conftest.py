"""Browser fixtures for the end-to-end tests: Debian's Chromium driven by Playwright (sync API).

The running gisapp comes from the backend's `live_server` fixture (tests/conftest.py); this file only
provides the browser. Playwright's own browser downloads are never used.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, Request, sync_playwright
from sqlalchemy import Engine, create_engine
from sqlalchemy.pool import NullPool

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).parent / "artifacts"


@dataclass
class BrowserLog:
    """What the page reported while a test ran."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        """Console errors and uncaught page errors together."""
        return self.console_errors + self.page_errors


@pytest.fixture(scope="session")
def playwright_session() -> Iterator[Playwright]:
    """One Playwright driver for the session."""
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def chromium(playwright_session: Playwright) -> Iterator[Browser]:
    """Debian's Chromium, headless; a missing binary fails the run (apt-get install chromium)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium package")
    browser = playwright_session.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Keep each phase's report on the test item so fixtures can tell whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def live_engine(live_database_url: str) -> Iterator[Engine]:
    """Direct access to the live server's database, for what tests commit and remove there."""
    engine = create_engine(live_database_url, poolclass=NullPool)
    yield engine
    engine.dispose()


@pytest.fixture
def browser_log() -> BrowserLog:
    """Console errors, page errors and request URLs of the test's page."""
    return BrowserLog()


@pytest.fixture
def map_page(chromium: Browser, browser_log: BrowserLog, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh page (own context, so no stored language) whose errors go to `browser_log`.

    On failure a screenshot is written to tests/e2e/artifacts/<test name>.png.
    """
    context = chromium.new_context(viewport={"width": 1280, "height": 720}, locale="vi-VN")
    page = context.new_page()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            location = message.location.get("url", "")
            browser_log.console_errors.append(f"{message.text} ({location})")

    def on_request(req: Request) -> None:
        browser_log.requests.append(req.url)

    page.on("console", on_console)
    page.on("pageerror", lambda error: browser_log.page_errors.append(str(error)))
    page.on("request", on_request)
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
