"""Real-browser fixtures: the app served by `streamlit run` and Debian's Chromium driven by Playwright.

Playwright's own browser download is never used (`executable_path` points at /usr/bin/chromium). Without
Chromium or the playwright package these tests skip locally and fail under CI=true.

    def test_overview(app_server, page):
        page.goto(app_server)
        ...
        assert page.console_errors == []

Russian UI: `@pytest.mark.parametrize("page", ["ru-RU"], indirect=True)` or `browser_page("ru-RU")`.
Every test here is marked `browser`; a failing test leaves screenshots in tests/artifacts/.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
BROWSER_DIR = Path(__file__).resolve().parent
ARTIFACTS_DIR = REPO_ROOT / "tests" / "artifacts"
SERVER_START_TIMEOUT_S = 60
DEFAULT_TIMEOUT_MS = 20_000
DEFAULT_LOCALE = "en-US"
VIEWPORT = {"width": 1400, "height": 1000}
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-proxy-server",  # the app is on 127.0.0.1; a CI proxy must not sit in between
]
# Requests the app makes that fail harmlessly: Material icon SVGs from a public CDN (offline), and the
# health/host-config probes a deep link sends relative to its page path (404).
_HARMLESS_404_PATHS = re.compile(r"/_stcore/(health|host-config)$")
_LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if BROWSER_DIR in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    # Keep each phase's report on the item so the page fixture knows whether to take a screenshot.
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


# --- Prerequisites -------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium_executable(skip_or_fail: Callable[[str], Any]) -> str:
    path = shutil.which("chromium")
    if path is None:
        skip_or_fail("browser tests need Chromium at /usr/bin/chromium (apt-get install -y chromium)")
    if importlib.util.find_spec("playwright") is None:
        skip_or_fail("browser tests need the playwright package (pip install -r requirements.txt)")
    return path


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS_DIR


# --- App server ----------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _server_log(path: Path) -> str:
    return path.read_text(errors="replace")[-8000:] if path.exists() else "(no output)"


def _wait_until_healthy(process: subprocess.Popen, base_url: str, log_path: Path) -> None:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via a proxy
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"streamlit exited with code {process.returncode} before it became healthy:\n"
                f"{_server_log(log_path)}"
            )
        try:
            with opener.open(f"{base_url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.1)
    pytest.fail(
        f"streamlit did not answer /_stcore/health within {SERVER_START_TIMEOUT_S} s:\n{_server_log(log_path)}"
    )


@contextmanager
def run_app_server(
    workdir: Path, env: dict[str, str] | None = None, args: Sequence[str] = ()
) -> Iterator[str]:
    """Serve streamlit_app.py on a free 127.0.0.1 port with its own SQLite database; yield the base URL."""
    workdir.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = workdir / "server.log"
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "streamlit_app.py",
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
        *args,
    ]
    server_env = {
        **os.environ,
        "SMMKPI_DATABASE_URL": f"sqlite:///{workdir / 'app.db'}",
        "PYTHONUNBUFFERED": "1",
        **(env or {}),
    }
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=REPO_ROOT, env=server_env, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        _wait_until_healthy(process, base_url, log_path)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory, chromium_executable: str) -> Iterator[str]:
    """One app server for the session (demo workspace loaded on first start); yields its base URL."""
    with run_app_server(tmp_path_factory.mktemp("app_server")) as base_url:
        yield base_url


@pytest.fixture
def app_server_factory(
    tmp_path_factory: pytest.TempPathFactory, chromium_executable: str
) -> Iterator[Callable[..., str]]:
    """`start(env=None, args=())` -> base URL of a fresh server (own database); all stop after the test."""
    with ExitStack() as stack:

        def start(env: dict[str, str] | None = None, args: Sequence[str] = ()) -> str:
            workdir = tmp_path_factory.mktemp("app_server")
            return stack.enter_context(run_app_server(workdir, env=env, args=args))

        yield start


# --- Browser -------------------------------------------------------------------------------------------


def _is_harmless(text: str, url: str) -> bool:
    parts = urlsplit(url)
    if parts.hostname and parts.hostname not in _LOOPBACK_HOSTS:
        return True  # a public CDN asset (icons, fonts) that cannot load offline
    return "404" in text and bool(_HARMLESS_404_PATHS.search(parts.path))


def _collect_console_errors(page: Any) -> None:
    page.console_errors = []

    def on_console(message: Any) -> None:
        if message.type != "error":
            return
        url = (message.location or {}).get("url", "")
        if not _is_harmless(message.text, url):
            page.console_errors.append(f"{message.text} ({url})" if url else message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: page.console_errors.append(f"uncaught: {error}"))


@pytest.fixture(scope="session")
def chromium(chromium_executable: str) -> Iterator[Any]:
    """A headless Debian Chromium shared by the session (each test gets its own context)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(
    chromium: Any, request: pytest.FixtureRequest, artifacts_dir: Path
) -> Iterator[Callable[..., Any]]:
    """`browser_page(locale="en-US")` -> a new Page in a fresh context; `page.console_errors` lists errors."""
    contexts: list[Any] = []

    def new_page(locale: str = DEFAULT_LOCALE) -> Any:
        context = chromium.new_context(viewport=VIEWPORT, locale=locale)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        _collect_console_errors(page)
        return page

    yield new_page

    failed = any(
        getattr(getattr(request.node, f"report_{when}", None), "failed", False) for when in ("setup", "call")
    )
    for index, context in enumerate(contexts):
        if failed:
            name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)[-150:]
            for number, page in enumerate(context.pages):
                try:
                    page.screenshot(path=str(artifacts_dir / f"{name}-{index}-{number}.png"), full_page=True)
                except Exception as error:  # the test's own failure matters more than a missing picture
                    print(f"screenshot of {request.node.nodeid} failed: {error}", file=sys.stderr)
        context.close()


@pytest.fixture
def page(browser_page: Callable[..., Any], request: pytest.FixtureRequest) -> Any:
    """A Page with locale en-US, or the locale given by `parametrize("page", [...], indirect=True)`."""
    return browser_page(getattr(request, "param", DEFAULT_LOCALE))


def open_expander(page: Any, title: str, inside: str, *, timeout_ms: int = 20_000) -> None:
    """Open the expander titled ``title`` until ``inside`` (text in its body) is visible.

    A click that lands while Streamlit re-renders the page (a rerun after a sync or a flash message) can be
    lost or undone, so the click is repeated until the body shows, instead of trusting a single one.
    """
    from playwright.sync_api import expect

    summary = page.locator('[data-testid="stExpander"] summary').filter(has_text=title).first
    body = page.get_by_text(inside, exact=False).first
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        expect(summary).to_be_visible(timeout=timeout_ms)
        if body.is_visible():
            return
        summary.click()
        try:
            expect(body).to_be_visible(timeout=3_000)
            return
        except AssertionError:
            if time.monotonic() > deadline:
                raise
