"""Browser tests: Python Playwright driving Debian's Chromium, with axe-core on every page."""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("KRING_CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
SCREENSHOTS = Path(
    os.environ.get("KRING_SCREENSHOTS", Path(__file__).resolve().parents[2] / "var" / "screenshots")
)


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own database work is
    # still synchronous, so Django may allow it (only while browser tests run).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def phone(browser):
    """A phone-sized window: 390 px wide, like most phones people carry."""
    # bypass_csp lets the test inject axe-core; the pages themselves keep their policy.
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="nl-NL", bypass_csp=True
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="nl-NL", bypass_csp=True
    )
    page = context.new_page()
    yield page
    context.close()


def check_accessibility(page, label: str = "", *, every_impact: bool = False) -> None:
    """Run axe-core (WCAG 2.1 A and AA rules); fail on serious or critical violations, or on
    any violation at all with ``every_impact``."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
    )
    bad = [
        v for v in result["violations"] if every_impact or v["impact"] in ("serious", "critical")
    ]
    details = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in bad
    ]
    assert not bad, f"axe on {label or page.url}:\n" + "\n".join(details)


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def pick_resident(page, label: str, typed: str, name: str) -> None:
    """Choose a resident in the resident picker as a keyboard user would: type part of the
    name, hear how many were found, arrow down to the resident and press Enter."""
    combobox = page.get_by_role("combobox", name=label)
    combobox.fill("")
    combobox.press_sequentially(typed, delay=30)
    listbox = page.locator(f"#{combobox.get_attribute('aria-controls')}")
    listbox.get_by_role("option", name=name).wait_for()
    assert combobox.get_attribute("aria-expanded") == "true"
    options = listbox.get_by_role("option")
    for _ in range(options.count()):
        combobox.press("ArrowDown")
        active = combobox.get_attribute("aria-activedescendant")
        if name in page.locator(f"#{active}").inner_text():
            break
    combobox.press("Enter")
    assert combobox.get_attribute("aria-expanded") == "false"
    status = page.locator(f"#{combobox.get_attribute('id')}_status")
    assert name in status.inner_text()


def open_menu(page) -> None:
    """On a phone the header's menus fold behind the "Menu" button: open it (as a person
    would) when it is closed. On wide screens the menus are always shown."""
    button = page.locator("summary.menu-button")
    if button.is_visible() and page.locator("details.site-menu[open]").count() == 0:
        button.click()
