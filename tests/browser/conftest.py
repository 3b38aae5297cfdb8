"""Playwright (Python) driving Debian's Chromium, with axe-core on every page.

Skips with a clear reason only when /usr/bin/chromium is missing and could not be installed
(`scripts/ensure-chromium`, run by `make test`); in CI (CI=true) a missing browser is a failure.
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("ANCHORHUB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        reason = f"Chromium not found at {CHROMIUM}; run `make test` as root to install Debian's chromium"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
    # test itself (creating fixtures) are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.console_problems = []
    # Script errors and CSP refusals show as console errors; failed assets as responses >= 400
    # (the page itself may be an expected 403 or 404, so documents are judged by the tests).
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and not message.text.startswith("Failed to load resource")
            and page.console_problems.append(message.text)
        ),
    )
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and response.request.resource_type != "document"
            and page.console_problems.append(f"{response.status} {response.url}")
        ),
    )
    page.on("pageerror", lambda error: page.console_problems.append(str(error)))
    page.content = _once_loaded(page, page.content)
    page.title = _once_loaded(page, page.title)
    yield page
    context.close()


def _once_loaded(page, read):
    """page.content() or page.title() that waits for the document to load: read straight after a
    click that sends a form, the page can be between documents and give "" (seen on a loaded
    machine, for both)."""
    from playwright.sync_api import Error as PlaywrightError

    def once_loaded() -> str:
        for _ in range(20):
            page.wait_for_load_state()
            try:
                text = read()
            except PlaywrightError:  # "the page is navigating": the next document is on its way
                text = ""
            if text:
                return text
            page.wait_for_timeout(100)
        return read()

    return once_loaded
