"""An erased resident still counts (pledges, connections, attendance) but is shown everywhere
as "een oud-bewoner", never as an empty name (issue: ": uren hulp — 12", "Beste ,")."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from kring.initiatives.models import Connection, Pledge
from kring.initiatives.notes import introduction_text
from kring.privacy.services import erase_resident
from tests import factories


@pytest.fixture
def erased_world(collective, bob):
    ria = factories.ResidentFactory(collective=collective, name="Ria Zwaluwstaart")
    karel = factories.ResidentFactory(collective=collective, name="Karel Appel")
    initiative = factories.InitiativeFactory(collective=collective, title="Buurtmoestuin")
    initiative.initiators.add(ria)
    initiative.participants.add(ria)
    need = factories.NeedFactory(initiative=initiative, text="iemand die kan spitten")
    activity = factories.ActivityFactory(initiative=initiative, title="Zaaidag")
    activity.attendees.add(ria, karel)
    activity.attendance_recorded_at = timezone.now()
    activity.save(update_fields=["attendance_recorded_at"])
    pledge = Pledge.objects.create(
        initiative=initiative,
        resident=ria,
        kind="uren",
        amount=Decimal("12"),
        pledged_on=timezone.localdate(),
    )
    Pledge.objects.create(
        initiative=initiative,
        resident=ria,
        kind="geld",
        amount=Decimal("25"),
        pledged_on=timezone.localdate(),
    )
    introduced = Connection.objects.create(
        collective=collective,
        resident=karel,
        other_resident=ria,
        kind="voorgesteld",
        happened_on=timezone.localdate(),
        initiative=initiative,
        need=need,
    )
    reverse_side = Connection.objects.create(
        collective=collective,
        resident=ria,
        other_resident=karel,
        kind="ontmoet",
        happened_on=timezone.localdate(),
    )
    erase_resident(actor=bob, resident=ria)
    return {
        "initiative": initiative,
        "activity": activity,
        "pledge": Pledge.objects.get(pk=pledge.pk),
        "introduced": Connection.objects.get(pk=introduced.pk),
        "reverse": Connection.objects.get(pk=reverse_side.pk),
    }


def text_of(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.django_db
def test_a_pledge_of_an_erased_resident_names_a_former_resident(client, bob, erased_world):
    client.force_login(bob)
    initiative = erased_world["initiative"]
    response = client.get(
        reverse("initiatives:detail", args=[initiative.collective.slug, initiative.pk])
    )
    assert response.status_code == 200
    text = text_of(response)
    assert re.search(r"Een oud-bewoner\s+bewoner\s*: uren hulp — 12", text), text
    # Who made it up and joins: still counted, named neutrally.
    assert "een oud-bewoner" in text.lower()
    assert str(erased_world["pledge"]).startswith("een oud-bewoner: ")


@pytest.mark.django_db
def test_a_message_to_an_erased_resident_does_not_start_with_an_empty_name(
    client, bob, erased_world
):
    connection = erased_world["introduced"]
    text = introduction_text(connection, sender=bob)
    assert text.startswith("Beste buurtbewoner,")
    assert "Beste ," not in text
    client.force_login(bob)
    slug = connection.collective.slug
    page = client.get(reverse("initiatives:connection", args=[slug, connection.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Beste ," not in body and "Beste buurtbewoner," in body
    assert "Karel Appel — een oud-bewoner" in text_of(page)
    other = client.get(reverse("initiatives:connection", args=[slug, erased_world["reverse"].pk]))
    assert "Een oud-bewoner — Karel Appel" in text_of(other)


@pytest.mark.django_db
def test_lists_name_an_erased_resident_neutrally(client, bob, erased_world):
    client.force_login(bob)
    slug = erased_world["initiative"].collective.slug
    connections = text_of(client.get(reverse("initiatives:connections", args=[slug])))
    assert "Karel Appel — een oud-bewoner" in connections
    assert "Een oud-bewoner — Karel Appel" in connections
    for url in (
        reverse("initiatives:connections", args=[slug]),
        reverse("initiatives:activity", args=[slug, erased_world["activity"].pk]),
        reverse("initiatives:detail", args=[slug, erased_world["initiative"].pk]),
        reverse("communities:overview", args=[slug]),
        reverse("network:index", args=[slug]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        text = text_of(response)
        # No empty name: a separator or comma right after nothing.
        assert not re.search(r"(— ,|, ,|: ,| — — |\( \)|— ·)", text), (url, text)
        assert "Zwaluwstaart" not in text and "Ria" not in text.split(), url


@pytest.mark.django_db
def test_in_english_the_pledge_and_the_message_name_a_former_resident_too(
    client, bob, erased_world, settings
):
    from django.utils import translation

    client.force_login(bob)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    initiative = erased_world["initiative"]
    slug = initiative.collective.slug
    text = text_of(client.get(reverse("initiatives:detail", args=[slug, initiative.pk])))
    assert re.search(r"A former resident\s+resident\s*: hours of help — 12", text), text
    connection = erased_world["introduced"]
    body = client.get(reverse("initiatives:connection", args=[slug, connection.pk]))
    assert "Dear neighbour," in body.content.decode()
    assert not re.search(r"Dear\s*,", body.content.decode())
    with translation.override("en"):
        assert introduction_text(connection, sender=bob).startswith("Dear neighbour,")
