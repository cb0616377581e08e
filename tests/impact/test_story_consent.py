"""The gemeente's report holds a resident's story only while every resident named as its
teller has an active "verhalen" consent; a withdrawal removes it from the next report. The
teller's name never reaches the report. Read from the PDF text, as a council member would."""

import datetime
import io

import pypdf
import pytest
from django.urls import reverse

from kring.impact.models import ImpactReport, SharingChoice
from kring.maps.models import PortraitStory
from kring.people.services import set_consents

from .. import factories

pytestmark = pytest.mark.django_db


def _report_text(client, official) -> str:
    client.force_login(official)
    response = client.post(reverse("impact:report_start"), {"year": datetime.date.today().year})
    assert response.status_code == 302
    report = ImpactReport.objects.order_by("-id").first()
    assert report.status == "klaar"
    pdf = b"".join(client.get(reverse("impact:report_pdf", args=[report.pk])).streaming_content)
    return "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def shared(collective):
    SharingChoice.objects.create(
        collective=collective,
        municipality=collective.municipality,
        groups=["deelname", "verhalen"],
    )


@pytest.mark.usefixtures("shared")
def test_a_story_with_a_consenting_teller_is_in_the_report_until_the_consent_is_withdrawn(
    client, official, bob, collective, access_for
):
    ria = factories.ResidentFactory(collective=collective, name="Ria Vertelster")
    factories.ConsentFactory(resident=ria, purpose="verhalen")
    told = factories.StoryFactory(
        collective=collective, title="Het Kadefeest", description="Wij dansten.", tellers=[ria]
    )
    own = factories.StoryFactory(collective=collective, title="De Oude Sluis")
    for story in (told, own):
        PortraitStory.objects.create(collective=collective, asset=story)

    text = _report_text(client, official)
    assert "Het Kadefeest" in text and "De Oude Sluis" in text
    assert "Ria Vertelster" not in text

    set_consents(
        access=access_for(bob, collective), resident=ria, purposes=set(), method="digitaal"
    )
    text = _report_text(client, official)
    assert "Het Kadefeest" not in text
    assert "De Oude Sluis" in text  # the collective's own story follows its choice only


@pytest.mark.usefixtures("shared")
def test_a_story_is_left_out_while_one_of_its_tellers_has_not_consented(
    client, official, collective
):
    ria = factories.ResidentFactory(collective=collective)
    piet = factories.ResidentFactory(collective=collective)
    factories.ConsentFactory(resident=ria, purpose="verhalen")
    factories.ConsentFactory(resident=piet, purpose="leden")  # another purpose is not enough
    story = factories.StoryFactory(
        collective=collective, title="Het Kadefeest", tellers=[ria, piet]
    )
    PortraitStory.objects.create(collective=collective, asset=story)
    text = _report_text(client, official)
    assert "Het Kadefeest" not in text
    assert "Geen collectief heeft verhalen gekozen" in text
    factories.ConsentFactory(resident=piet, purpose="verhalen")
    assert "Het Kadefeest" in _report_text(client, official)


def test_a_collective_that_does_not_share_stories_sends_none(client, official, collective):
    SharingChoice.objects.create(
        collective=collective, municipality=collective.municipality, groups=["deelname"]
    )
    ria = factories.ResidentFactory(collective=collective)
    factories.ConsentFactory(resident=ria, purpose="verhalen")
    story = factories.StoryFactory(collective=collective, title="Het Kadefeest", tellers=[ria])
    PortraitStory.objects.create(collective=collective, asset=story)
    assert "Het Kadefeest" not in _report_text(client, official)
