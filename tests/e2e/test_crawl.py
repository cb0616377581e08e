"""Every role's first hour, on a phone: log in, then follow every link (same site, GET only)
to one page of each URL pattern, and on each page run axe and look for sideways scroll. Fails
on any serious or critical axe violation, on a page wider than the phone, or on an error page.
Not only the pages feature tests happen to visit: whatever a role can reach by clicking.

The world is the isolation test's (a collective with one of every object, published, with an
article, publication, meeting and picture on the public site), plus a network editor. One
sample per URL pattern keeps it fast; public pages are checked once, by the first role that
reaches them."""

import re
import time
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve
from django.utils import timezone

from kring.communities.models import Role
from kring.public.models import Newsletter
from tests import factories
from tests.test_isolation import alice_world  # noqa: F401  (the fixture)

from .conftest import AXE, screenshot

# Links that leave the page as a file, or that are no page of Kring's own (the API itself).
DOWNLOAD = re.compile(
    r"\.(pdf|png|svg|csv|xlsx|json|ics|geojson|zip|xml|txt)$"
    r"|/(atom|rss|pdf|png|svg|csv|xlsx|json|geojson|hsds|ics|zip|download|paper)/$"
)
SKIPPED = ("/admin/", "/api/", "/media/", "/static/", "/i18n/", "/logout/")
# Pages under a skipped path that are pages for people, with what shows they are drawn: the API
# docs for programmers, which Swagger UI draws after the OpenAPI description has loaded.
CRAWLED_ANYWAY = {"/api/docs": ".swagger-ui .opblock-summary"}
# Role, who logs in, and whether it walks only patterns no earlier role reached (a beheerder's
# pages are a buurtmaker's plus the management pages).
ROLES = [
    ("bezoeker", None, False),
    ("buurtmaker", "bob@example.org", False),
    ("lid", "mia@example.org", False),
    ("beheerder", "alice@example.org", True),
    ("gemeente", "ambtenaar@example.org", False),
    ("redactie", "redactie@example.org", False),
]
AXE_RUN = """() => axe.run(document, {runOnly: {type: 'tag', values:
  ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}}).then(r => r.violations
  .filter(v => v.impact === 'serious' || v.impact === 'critical')
  .map(v => `${v.id} (${v.impact}) at ${v.nodes.slice(0, 3).map(n => n.target.join(' '))}`))"""
PAGE_FACTS = """() => ({
  wide: document.documentElement.scrollWidth > document.documentElement.clientWidth,
  width: document.documentElement.scrollWidth,
  links: [...document.querySelectorAll('a[href]')]
    .filter(a => !a.hasAttribute('download')).map(a => a.href)})"""


@pytest.fixture
def world(alice_world, mia, official, settings):  # noqa: F811
    settings.KRING_MAP_TILES_URL = ""  # offline: no tiles from another host
    factories.UserFactory(
        email="redactie@example.org", name="Rik Redacteur", is_network_editor=True
    )
    # The newsletter: a draft (preview, confirmation) and a sent issue (report, archive).
    Newsletter.objects.create(subject="Nieuwsbrief in de maak", body="<p>Concept</p>")
    now = timezone.now()
    Newsletter.objects.create(
        subject="Nieuwsbrief van november",
        body="<p>Wat de collectieven deden.</p>",
        status="verstuurd",
        send_started_at=now,
        sent_at=now,
    )
    return alice_world


def _pattern(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return f"{match.namespace}:{match.route}"


def _log_in(page, base, email):
    page.goto(base + "/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(lambda url: "/login/" not in url)
    page.wait_for_load_state()


def _crawl(page, base, role, checked, problems, *, only_new: bool) -> int:
    host = urlsplit(base).netloc
    start = urlsplit(page.url)
    queue = [start.path + (f"?{start.query}" if start.query else "")]
    seen = set()
    visited = 0
    while queue:
        url = queue.pop(0)
        pattern = _pattern(urlsplit(url).path)
        if pattern is None or pattern in seen:
            continue
        seen.add(pattern)
        public = pattern.startswith("public:") or pattern == "privacy:toegankelijkheid/"
        if public and pattern in checked:
            continue
        # A role that walks only new patterns still passes through known pages for their links.
        passing = only_new and pattern in checked
        try:
            response = page.goto(base + url)
        except Exception as error:  # a link that turned out to be a download
            if "Download is starting" in str(error):
                continue
            raise
        drawn = CRAWLED_ANYWAY.get(urlsplit(url).path)
        if drawn:
            page.locator(drawn).first.wait_for()
        visited += 0 if passing else 1
        checked.add(pattern)
        if response is None or "html" not in response.headers.get("content-type", ""):
            continue
        where = f"{role} {url}"
        if response.status != 200:
            problems.append(f"{where}: status {response.status}")
            continue
        if not passing:
            page.add_script_tag(path=str(AXE))
            problems.extend(f"{where}: {found}" for found in page.evaluate(AXE_RUN))
        facts = page.evaluate(PAGE_FACTS)
        if facts["wide"] and not passing:
            problems.append(f"{where}: scrolls sideways ({facts['width']} px wide at 390 px)")
        for href in facts["links"]:
            link = urlsplit(href)
            if link.netloc != host or DOWNLOAD.search(link.path):
                continue
            if link.path.startswith(SKIPPED) and link.path not in CRAWLED_ANYWAY:
                continue
            queue.append(link.path + (f"?{link.query}" if link.query else ""))
    return visited


def test_every_page_each_role_reaches_is_accessible_and_fits_a_phone(live_server, phone, world):
    page = phone
    problems: list[str] = []
    checked: set[str] = set()
    visits = {}
    started = time.monotonic()
    for role, email, only_new in ROLES:
        page.context.clear_cookies()
        if email:
            _log_in(page, live_server.url, email)
        else:
            page.goto(live_server.url + "/")
        screenshot(page, f"first-page-{role}")
        visits[role] = _crawl(page, live_server.url, role, checked, problems, only_new=only_new)
    seconds = time.monotonic() - started
    print(f"crawled {visits} in {seconds:.0f} s")
    # The walk must reach each role's work, or it proves little.
    assert visits["buurtmaker"] >= 25 and visits["redactie"] >= 8, visits
    assert visits["gemeente"] >= 5 and visits["bezoeker"] >= 8, visits
    assert visits["lid"] >= 10 and visits["beheerder"] >= 5, visits
    assert all(_pattern(path) in checked for path in CRAWLED_ANYWAY), checked
    assert not problems, "\n".join(problems)


def test_each_role_lands_on_its_own_first_page(live_server, phone, world):
    """The browser side of logging in: each role's first page, and the header's way there."""
    collective_url = f"/c/{world['slug']}/"
    for email, path, heading in [
        ("bob@example.org", collective_url, "Wat is er al in de buurt"),
        ("mia@example.org", collective_url, "Wat is er al in de buurt"),
        ("ambtenaar@example.org", "/municipality/impact/", None),
        ("redactie@example.org", "/editorial/", None),
    ]:
        page = phone
        page.context.clear_cookies()
        _log_in(page, live_server.url, email)
        assert urlsplit(page.url).path == path, (email, page.url)
        if heading:
            page.get_by_role("heading", name=heading).wait_for()
    # Someone with several roles chooses, and finds the way back in the header's menu.
    user = factories.UserFactory(email="veel@example.org", is_network_editor=True)
    from kring.communities.models import Collective

    factories.MembershipFactory(
        user=user, collective=Collective.objects.get(slug=world["slug"]), role=Role.MEMBER
    )
    page.context.clear_cookies()
    _log_in(page, live_server.url, "veel@example.org")
    assert urlsplit(page.url).path == "/"
    page.get_by_role("heading", name="Redactie").wait_for()
    page.locator("main").get_by_role("link", name="Redactie").click()
    page.wait_for_url("**/editorial/")
    page.locator("summary.menu-button").click()
    places = page.get_by_role("navigation", name="Waar u werkt")
    assert places.get_by_role("link", name="Redactie").get_attribute("aria-current") == "true"
    places.get_by_role("link", name="Havenkwartier Coöperatie").click()
    page.wait_for_url(f"**{collective_url}")
