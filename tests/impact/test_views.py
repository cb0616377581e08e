"""The collective's sharing page and the municipality's dashboard, targets and reports."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from kring.impact.models import ShareGroup, SharingChoice, SharingLog, Target
from kring.privacy.models import AuditEntry

from .. import factories
from .world import YEAR, make_world


@pytest.mark.django_db
def test_an_admin_chooses_what_to_share_and_every_choice_is_logged(client, alice, collective):
    client.force_login(alice)
    url = reverse("impact:sharing", args=[collective.slug])
    assert client.get(url).status_code == 200
    gm = collective.municipality
    response = client.post(
        url, {"municipality": gm.pk, "groups": ["deelname", "activiteiten"], "version": 0}
    )
    assert response.status_code == 302
    choice = SharingChoice.objects.get(collective=collective, municipality=gm)
    assert choice.groups == ["deelname", "activiteiten"]
    client.post(url, {"municipality": gm.pk, "version": 1})  # withdraw everything
    choice.refresh_from_db()
    assert choice.groups == []
    log = list(SharingLog.objects.filter(collective=collective).order_by("changed_at", "id"))
    assert [entry.groups for entry in log] == [["deelname", "activiteiten"], []]
    assert all(entry.changed_by == alice for entry in log)
    assert (
        AuditEntry.objects.filter(collective=collective, target_type="impact.sharingchoice").count()
        == 2
    )
    page = client.get(url).content.decode()
    assert "niets (gestopt)" in page


@pytest.mark.django_db
def test_only_an_admin_may_share_and_only_with_its_own_gemeenten(client, bob, alice, collective):
    url = reverse("impact:sharing", args=[collective.slug])
    client.force_login(bob)
    assert (
        client.post(
            url, {"municipality": collective.municipality_id, "groups": ["deelname"]}
        ).status_code
        == 403
    )
    client.force_login(alice)
    elsewhere = factories.MunicipalityFactory(code="GM0363", name="Amsterdam")
    response = client.post(url, {"municipality": elsewhere.pk, "groups": ["deelname"]})
    assert response.status_code == 400
    assert not SharingChoice.objects.exists()
    response = client.post(url, {"municipality": collective.municipality_id, "groups": ["geheim"]})
    assert response.status_code == 400


@pytest.mark.django_db
def test_the_dashboard_shows_only_the_own_gemeente(client, official, municipality):
    make_world(municipality)
    other = factories.MunicipalityFactory(code="GM0344", name="Utrecht")
    stranger = factories.CollectiveFactory(name="Utrechts Collectief", municipality=other)
    SharingChoice.objects.create(
        collective=stranger, municipality=other, groups=list(ShareGroup.values)
    )
    client.force_login(official)
    response = client.get(reverse("impact:dashboard"), {"year": YEAR})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Collectief a" in page and "Utrechts Collectief" not in page
    assert "Hoe berekend" in page and "&lt;10" in page


@pytest.mark.django_db
def test_on_new_years_night_the_dashboard_opens_on_the_dutch_new_year(
    client, official, monkeypatch
):
    # 23:30 UTC on 31 December is already half past midnight on 1 January in the Netherlands.
    moment = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    client.force_login(official)
    page = client.get(reverse("impact:dashboard")).content.decode()
    assert "Alle cijfers over 2027" in page
    assert '<option value="2027" selected>' in page


@pytest.mark.django_db
def test_people_without_a_gemeente_get_no_dashboard(client, alice):
    client.force_login(alice)
    for name in ("impact:dashboard",):
        assert client.get(reverse(name)).status_code == 404
    assert client.post(reverse("impact:report_start"), {"year": YEAR}).status_code == 404


@pytest.mark.django_db
def test_a_withdrawn_collective_disappears_at_once(client, official, municipality):
    world = make_world(municipality)
    client.force_login(official)
    url = reverse("impact:dashboard")
    assert "Collectief b" in client.get(url, {"year": YEAR}).content.decode()
    SharingChoice.objects.filter(collective=world["collectives"][1]).update(groups=[])
    page = client.get(url, {"year": YEAR}).content.decode()
    assert "Collectief b" not in page and "Collectief a" in page


@pytest.mark.django_db
def test_targets_are_set_and_progress_shown(client, official, municipality):
    make_world(municipality)
    client.force_login(official)
    response = client.post(
        reverse("impact:target"), {"indicator": "residents", "year": YEAR, "value": 100}
    )
    assert response.status_code == 302
    assert Target.objects.get(municipality=municipality, indicator="residents").value == 100
    page = client.get(reverse("impact:dashboard"), {"year": YEAR}).content.decode()
    assert "<progress" in page
    bad = client.post(
        reverse("impact:target"), {"indicator": "residents", "year": YEAR, "value": "veel"}
    )
    assert bad.status_code == 400
    assert "Vul een heel getal in" in bad.content.decode()


@pytest.mark.django_db
def test_the_report_is_made_in_the_background_with_the_same_figures(client, official, municipality):
    import pypdf
    from openpyxl import load_workbook

    make_world(municipality)
    client.force_login(official)
    response = client.post(reverse("impact:report_start"), {"year": YEAR})
    assert response.status_code == 302
    report_url = response["Location"]
    page = client.get(report_url).content.decode()
    assert "PDF downloaden" in page
    from kring.impact.aggregates import municipality_figures

    figures = municipality_figures(user=official, year=YEAR)
    total = figures.get("residents")
    assert total.shown
    pk = int(report_url.rstrip("/").split("/")[-1])
    pdf = b"".join(client.get(reverse("impact:report_pdf", args=[pk])).streaming_content)
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert str(total.value) in text
    xlsx = b"".join(client.get(reverse("impact:report_xlsx", args=[pk])).streaming_content)
    sheet = load_workbook(io.BytesIO(xlsx)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    match = [r for r in rows if r[0] == "residents" and r[2] == "gemeente" and r[6] == "jaar"]
    assert match and match[0][7] == total.value
    csv = b"".join(client.get(reverse("impact:report_csv", args=[pk])).streaming_content)
    assert "residents;" in csv.decode("utf-8-sig")


@pytest.mark.django_db
def test_another_gemeente_cannot_download_the_report(client, official, municipality):
    client.force_login(official)
    response = client.post(reverse("impact:report_start"), {"year": YEAR})
    pk = int(response["Location"].rstrip("/").split("/")[-1])
    other = factories.UserFactory(
        municipality=factories.MunicipalityFactory(code="GM0344", name="Utrecht")
    )
    client.force_login(other)
    for name in ("impact:report", "impact:report_pdf", "impact:report_xlsx", "impact:report_csv"):
        assert client.get(reverse(name, args=[pk])).status_code == 404


@pytest.mark.django_db
def test_the_dashboard_makes_as_many_queries_with_more_data(client, official, municipality):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    world = make_world(municipality)
    client.force_login(official)
    url = reverse("impact:dashboard")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, {"year": YEAR, "compare": YEAR - 1}).status_code == 200
        return len(queries)

    small = count()
    for c in world["collectives"]:
        initiative = factories.InitiativeFactory(collective=c)
        factories.NeedFactory(initiative=initiative)
    more = factories.CollectiveFactory(name="Collectief d", municipality=municipality)
    SharingChoice.objects.create(
        collective=more, municipality=municipality, groups=list(ShareGroup.values)
    )
    assert count() == small


@pytest.mark.django_db
def test_a_collective_in_two_gemeenten_shares_with_each_apart(client, alice, collective):
    from kring.impact.aggregates import municipality_figures

    other = factories.MunicipalityFactory(code="GM0344", name="Utrecht")
    wijk = factories.DistrictFactory(municipality=other, code="WK034401")
    buurt = factories.NeighbourhoodFactory(district=wijk, code="BU03440101", name="Overkant")
    collective.working_area.add(buurt)
    for _ in range(12):
        factories.ResidentFactory(collective=collective, neighbourhood=buurt)
    client.force_login(alice)
    url = reverse("impact:sharing", args=[collective.slug])
    assert "Gemeente Utrecht" in client.get(url).content.decode()
    client.post(url, {"municipality": other.pk, "groups": ["deelname"], "version": 0})
    utrecht = factories.UserFactory(municipality=other)
    rotterdam = factories.UserFactory(municipality=collective.municipality)
    year = timezone.localdate().year
    assert municipality_figures(user=utrecht, year=year).get("residents").value == 10
    # Rotterdam was not chosen: it sees no collective at all.
    assert municipality_figures(user=rotterdam, year=year).collectives == []


@pytest.mark.django_db
def test_the_charts_follow_the_chosen_area(client, official, municipality):
    world = make_world(municipality)
    client.force_login(official)
    buurt = world["buurten"][0]
    response = client.get(reverse("impact:dashboard"), {"year": YEAR, "area": f"B:{buurt.pk}"})
    assert response.status_code == 200
    assert response.context["area"].label == buurt.name
    assert f"per maand, {buurt.name}" in response.content.decode()
    odd = client.get(reverse("impact:dashboard"), {"year": YEAR, "area": "B:999999"})
    assert odd.status_code == 200 and odd.context["area"].key == "G"
