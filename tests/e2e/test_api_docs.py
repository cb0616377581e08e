"""A member makes an API token on a phone, and a programmer reads the API docs (Swagger UI from
our own static files) under the real Content-Security-Policy."""

import pytest

from kring.communities.models import Role
from tests import factories

from .conftest import check_accessibility, screenshot


@pytest.fixture
def world(transactional_db):
    municipality = factories.MunicipalityFactory(code="GM9998", name="Kringdorp")
    collective = factories.CollectiveFactory(
        name="Dorpshuis De Linde", slug="delinde", municipality=municipality
    )
    builder = factories.UserFactory(email="bouwer@example.org", name="Bram Buurtmaker")
    factories.MembershipFactory(user=builder, collective=collective, role=Role.BUILDER)
    factories.AssetFactory(collective=collective, title="Dorpsplein", category="place")
    return collective


def test_make_a_token_and_use_it(live_server, phone, world):
    page = phone
    page.goto(live_server.url + "/login/")
    page.get_by_label("E-mailadres").fill("bouwer@example.org")
    page.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/c/{world.slug}/api-tokens/")
    check_accessibility(page, "api tokens")
    page.get_by_label("Naam").fill("Koppeling website")
    page.get_by_label("lezen en schrijven").check()
    page.get_by_role("button", name="Sleutel maken").click()
    page.wait_for_load_state()
    secret = page.get_by_label("Sleutel", exact=True).input_value()
    assert secret.startswith("kring_")
    check_accessibility(page, "api token made")
    screenshot(page, "api-tokens-phone")
    answer = page.request.get(
        f"{live_server.url}/api/assets", headers={"Authorization": f"Bearer {secret}"}
    )
    assert answer.status == 200 and answer.json()["results"][0]["title"] == "Dorpsplein"


def test_docs_page_works_under_the_content_security_policy(live_server, browser, world):
    # No bypass_csp here: the page must work with the policy it is served with.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(live_server.url + "/api/docs")
    page.locator(".swagger-ui .info .title").wait_for()
    assert "Kring API" in page.locator(".swagger-ui .info .title").inner_text()
    page.locator(".opblock-summary-path", has_text="/api/assets/{pk}").first.wait_for()
    screenshot(page, "api-docs-desktop")
    csp = [p for p in problems if "Content Security Policy" in p or "Refused" in p]
    assert not csp, csp
    context.close()
