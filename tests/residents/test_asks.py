"""Asks and "ik help mee": what a resident asks waits for a buurtmaker (or goes live when the
collective says so); a neighbour whose gift fits sees it and answers; the buurtmaker connects
them with one click, and the connections log records it as burenhulp."""

import pytest
from django.core import mail
from django.urls import reverse

from kring.initiatives.models import Connection, Need
from kring.residents.models import Ask, HelpOffer
from kring.residents.selectors import fitting_asks
from tests import factories

from .conftest import link_in


@pytest.fixture
def sem(collective, neighbourhood):
    """Fatima's neighbour, who needs a bike fixed."""
    resident = factories.ResidentFactory(
        collective=collective,
        name="Sem de Vries",
        email="sem@example.nl",
        neighbourhood=neighbourhood,
    )
    factories.ConsentFactory(resident=resident)
    return resident


def _enter(client, email):
    mail.outbox.clear()
    client.post(reverse("residents:ask_link"), {"email": email})
    client.post(link_in(mail.outbox[0]))


def _ask(client, sem, text="mijn fiets kan repareren"):
    _enter(client, "sem@example.nl")
    response = client.post(
        reverse("residents:ask_new", args=[sem.collective.slug]),
        {"text": text, "details": "Lekke band", "neighbourhood": ""},
    )
    assert response.status_code == 302
    return Ask.objects.get(resident=sem)


@pytest.mark.django_db
def test_an_ask_waits_for_a_buurtmaker_then_fits_a_neighbours_gift(client, sem, fatima, bob):
    ask = _ask(client, sem)
    assert ask.status == "voorstel" and ask.neighbourhood == sem.neighbourhood
    assert fitting_asks(fatima) == []  # not open yet
    client.force_login(bob)
    review = client.get(reverse("residents:review", args=[sem.collective.slug])).content
    assert b"Sem de Vries" in review
    client.post(
        reverse("residents:ask_accept", args=[sem.collective.slug, ask.pk]),
        {"initiative": "", "version": ask.version},
    )
    ask.refresh_from_db()
    assert ask.status == "open" and ask.need is None
    [fit] = fitting_asks(fatima)
    assert fit.ask == ask and fit.reasons


@pytest.mark.django_db
def test_empty_ask_gets_a_dutch_error(client, sem):
    _enter(client, "sem@example.nl")
    response = client.post(
        reverse("residents:ask_new", args=[sem.collective.slug]),
        {"text": "", "details": "Lekke band"},
    )
    assert response.status_code == 400
    assert "Schrijf wat u zoekt" in response.content.decode()
    assert "Lekke band" in response.content.decode()


@pytest.mark.django_db
def test_ik_help_mee_and_the_buurtmaker_connects_as_neighbour_help(client, sem, fatima, bob):
    sem.collective.residents_post_directly = True
    sem.collective.save()
    ask = _ask(client, sem)
    assert ask.status == "open"
    client.logout()
    _enter(client, "fatima@example.nl")
    asks_page = client.get(reverse("residents:asks", args=[sem.collective.slug])).content
    assert b"mijn fiets kan repareren" in asks_page
    assert b"Sem de Vries" not in asks_page  # the asker's name is for buurtmakers only
    help_url = reverse("residents:help", args=[sem.collective.slug, ask.pk])
    assert client.post(help_url, {"message": "Zaterdag kan ik"}).status_code == 302
    client.post(help_url, {"message": "nog een keer"})
    offer = HelpOffer.objects.get(ask=ask)
    assert (offer.resident, offer.message) == (fatima, "Zaterdag kan ik")
    # A resident cannot connect.
    connect = reverse("residents:connect", args=[sem.collective.slug, offer.pk])
    assert client.post(connect).status_code in (403, 404)
    client.force_login(bob)
    review = client.get(reverse("residents:review", args=[sem.collective.slug])).content
    assert b"Zaterdag kan ik" in review
    assert client.post(connect).status_code == 302
    connection = Connection.objects.get()
    assert (connection.resident, connection.other_resident, connection.kind) == (
        sem,
        fatima,
        "burenhulp",
    )
    ask.refresh_from_db()
    offer.refresh_from_db()
    assert ask.status == "gevonden" and offer.connection == connection
    # Both see it under their connections.
    client.logout()
    _enter(client, "fatima@example.nl")
    mine = client.get(reverse("residents:mine", args=[sem.collective.slug])).content.decode()
    assert "Sem de Vries" in mine and "burenhulp" in mine


@pytest.mark.django_db
def test_an_ask_becomes_a_need_of_an_initiative(client, sem, fatima, bob):
    initiative = factories.InitiativeFactory(collective=sem.collective, status="loopt")
    ask = _ask(client, sem)
    client.force_login(bob)
    client.post(
        reverse("residents:ask_accept", args=[sem.collective.slug, ask.pk]),
        {"initiative": initiative.pk, "version": ask.version},
    )
    ask.refresh_from_db()
    need = Need.objects.get(initiative=initiative)
    assert ask.need == need and need.text == "mijn fiets kan repareren"
    assert need.question == "met_hulp"
    offer = HelpOffer.objects.create(ask=ask, resident=fatima)
    client.post(reverse("residents:connect", args=[sem.collective.slug, offer.pk]))
    need.refresh_from_db()
    assert need.status == "gevonden"
    assert Connection.objects.get().initiative == initiative


@pytest.mark.django_db
def test_a_stale_accept_is_refused(client, sem, bob):
    ask = _ask(client, sem)
    client.force_login(bob)
    url = reverse("residents:ask_accept", args=[sem.collective.slug, ask.pk])
    client.post(reverse("residents:ask_decline", args=[sem.collective.slug, ask.pk]))
    client.post(url, {"initiative": "", "version": ask.version})
    ask.refresh_from_db()
    assert ask.status == "afgewezen"


@pytest.mark.django_db
def test_other_collectives_asks_are_out_of_reach(client, sem, other_collective):
    ask = _ask(client, sem)
    stranger = factories.ResidentFactory(collective=other_collective, email="x@example.nl")
    factories.ConsentFactory(resident=stranger)
    ask.status = "open"
    ask.save()
    client.logout()
    _enter(client, "x@example.nl")
    url = reverse("residents:help", args=[other_collective.slug, ask.pk])
    assert client.post(url).status_code == 404
    url = reverse("residents:help", args=[sem.collective.slug, ask.pk])
    assert client.post(url).status_code == 404
    assert not HelpOffer.objects.exists()


@pytest.mark.django_db
def test_buurtmakers_find_what_residents_wrote_in_the_menu(client, bob, mia, collective):
    url = reverse("residents:review", args=[collective.slug])
    client.force_login(bob)
    assert (
        url in client.get(reverse("communities:overview", args=[collective.slug])).content.decode()
    )
    client.force_login(mia)
    assert (
        url
        not in client.get(reverse("communities:overview", args=[collective.slug])).content.decode()
    )
    assert client.get(url).status_code == 403
