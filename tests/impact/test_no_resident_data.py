"""No name, address, e-mail, phone or free text of a resident reaches a municipality page,
export, report or API answer; and a collective that stops sharing is gone at once. The
municipality user walks every URL of the impact app, the gemeente page and the gemeente's API
(with a municipality token, every area), and reads the PDF, XLSX and CSV."""

import io
import json

import pypdf
import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kring.api import services as api_services
from kring.impact.models import ImpactReport, ShareGroup, SharingChoice
from kring.people.models import Resident

from .. import factories
from ..test_isolation import SECRETS, alice_world, walk  # noqa: F401

MORE_SECRETS = ["Ottoline Verborgen", "Kruisstraat 99", "ottoline@example.nl", "06-12121212"]


def _text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if "pdf" in kind or body[:4] == b"%PDF":
        return "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(body)).pages)
    if body[:2] == b"PK":
        book = load_workbook(io.BytesIO(body))
        return "\n".join(
            " ".join(str(c) for c in row if c is not None)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    if "json" in kind:
        # Read the JSON as text, so "ö" escaped as "\\u00f6" is still found.
        return json.dumps(json.loads(body), ensure_ascii=False)
    return body.decode("utf-8-sig", errors="replace")


@pytest.mark.django_db
@pytest.mark.usefixtures("alice_world")
def test_no_resident_data_on_any_municipality_page_or_export(
    client, official, collective, neighbourhood
):
    # Enough residents that figures show, all with names and addresses that must not leak.
    for n in range(15):
        factories.ResidentFactory(
            collective=collective,
            name=f"{MORE_SECRETS[0]} {n}",
            address=MORE_SECRETS[1],
            email=f"ottoline{n}@example.nl",
            phone=MORE_SECRETS[3],
            neighbourhood=neighbourhood,
        )
    groups = [g for g in ShareGroup.values if g != ShareGroup.STORIES]
    SharingChoice.objects.create(
        collective=collective, municipality=collective.municipality, groups=groups
    )
    client.force_login(official)
    dashboard = client.get(reverse("impact:dashboard"))
    assert dashboard.status_code == 200
    assert collective.name in dashboard.content.decode()  # its figures are there
    response = client.post(reverse("impact:report_start"), {"year": dashboard.context["year"]})
    report = ImpactReport.objects.get()
    assert response.status_code == 302 and report.status == "klaar"

    _token, secret = api_services.create_municipality_token(user=official, name="t", days=1)
    headers = {"Authorization": f"Bearer {secret}"}
    secrets = SECRETS + MORE_SECRETS + [r.name for r in Resident.objects.all()]
    secrets += [r.email for r in Resident.objects.all()]
    secrets = [s for s in secrets if s]  # a resident without an e-mail address has ""
    walked = set()
    for _route, name, pattern in walk():
        if not name or not (
            name.startswith(("impact:", "api:m_", "api_tokens:municipality_"))
            or name == "geo:municipality"
        ):
            continue
        if name == "impact:sharing":
            continue  # a collective's page: 404 for the municipality (tests/test_isolation.py)
        if name == "api_tokens:municipality_revoke":
            continue  # only redirects; it would end the token this walk uses
        walked.add(name)
        kwargs = {"pk": report.pk} if "pk" in pattern.converters else {}
        url = reverse(name, kwargs=kwargs)
        for method in ("get", "post"):
            client.force_login(official)
            answer = getattr(client, method)(url, headers=headers)
            assert answer.status_code < 500, url
            text = _text(answer)
            for secret in secrets:
                assert secret not in text, f"{method.upper()} {url} shows {secret!r}"
    assert {
        "impact:dashboard",
        "impact:report_pdf",
        "impact:report_xlsx",
        "impact:report_csv",
        "api:m_figures",
        "api:m_areas",
    } <= walked
    # Every area of the gemeente through the API, the collective's own included.
    areas = client.get(reverse("api:m_areas"), headers=headers).json()["areas"]
    assert any(a["level"] == "collectief" for a in areas)
    for area in areas:
        answer = client.get(reverse("api:m_figures"), {"area": area["key"]}, headers=headers)
        assert answer.status_code == 200
        for secret in secrets:
            assert secret not in _text(answer), f"{area['key']} shows {secret!r}"


@pytest.mark.django_db
@pytest.mark.usefixtures("alice_world")
def test_stories_reach_the_report_only_when_the_collective_shares_them(
    client, official, collective
):
    SharingChoice.objects.create(
        collective=collective, municipality=collective.municipality, groups=["deelname"]
    )
    from kring.impact.selectors import shared_stories

    assert shared_stories(collective.municipality) == []
    SharingChoice.objects.filter(collective=collective).update(groups=["deelname", "verhalen"])
    assert [s["title"] for s in shared_stories(collective.municipality)] == [
        "Xylofoonstemmen verhaal"
    ]


@pytest.mark.django_db
@pytest.mark.usefixtures("alice_world")
def test_a_withdrawal_removes_the_collective_from_the_next_answer(
    client, official, collective, alice
):
    client.force_login(alice)
    sharing = reverse("impact:sharing", args=[collective.slug])
    client.post(
        sharing,
        {"municipality": collective.municipality_id, "groups": ["deelname"], "version": 0},
    )
    client.force_login(official)
    assert collective.name in client.get(reverse("impact:dashboard")).content.decode()
    client.force_login(alice)
    client.post(sharing, {"municipality": collective.municipality_id, "version": 1})
    client.force_login(official)
    assert collective.name not in client.get(reverse("impact:dashboard")).content.decode()


@pytest.mark.django_db
@pytest.mark.usefixtures("alice_world")
def test_a_withdrawal_removes_the_collective_from_the_next_api_answer(
    client, official, collective, alice
):
    _token, secret = api_services.create_municipality_token(user=official, name="t", days=1)
    headers = {"Authorization": f"Bearer {secret}"}
    areas = reverse("api:m_areas")
    client.force_login(alice)
    sharing = reverse("impact:sharing", args=[collective.slug])
    client.post(
        sharing,
        {"municipality": collective.municipality_id, "groups": ["deelname"], "version": 0},
    )
    client.logout()
    assert collective.name in _text(client.get(areas, headers=headers))
    client.force_login(alice)
    client.post(sharing, {"municipality": collective.municipality_id, "version": 1})
    client.logout()
    assert collective.name not in _text(client.get(areas, headers=headers))
