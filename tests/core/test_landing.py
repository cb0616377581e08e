"""Every role lands where its work is after logging in, and the header shows the way to each
place a person may go."""

import pytest
from django.urls import reverse

from kring.communities.models import Role
from tests import factories


def _log_in(client, email, next_url=""):
    data = {"username": email, "password": factories.PASSWORD}
    if next_url:
        data["next"] = next_url
    response = client.post(reverse("login"), data, follow=True)
    assert response.status_code == 200
    return response


def _landed(response) -> str:
    return response.redirect_chain[-1][0]


def _places_nav(body: str) -> str:
    start = body.find('class="places-nav"')
    return body[start : body.find("</nav>", start)] if start >= 0 else ""


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["alice", "bob", "mia"])
def test_a_member_of_one_collective_lands_in_it(client, who, collective, request):
    user = request.getfixturevalue(who)
    response = _log_in(client, user.email)
    assert _landed(response) == collective.get_absolute_url()
    # One collective: its own menu leads around; no second menu of places.
    assert _places_nav(response.content.decode()) == ""


@pytest.mark.django_db
def test_a_network_editor_lands_on_the_editorial_pages(client):
    factories.UserFactory(
        email="redactie@example.org", name="Rik Redacteur", is_network_editor=True
    )
    response = _log_in(client, "redactie@example.org")
    assert _landed(response) == reverse("editorial:index")
    body = response.content.decode()
    assert "U hoort nog niet bij een collectief" not in body
    nav = _places_nav(body)
    assert f'href="{reverse("editorial:index")}" aria-current="true">Redactie' in nav
    # On the public site too, the header leads back to the editorial pages.
    public = client.get(reverse("public:news")).content.decode()
    assert f'href="{reverse("editorial:index")}"' in _places_nav(public)


@pytest.mark.django_db
def test_a_municipality_user_lands_on_the_dashboard(client, official):
    response = _log_in(client, official.email)
    assert _landed(response) == reverse("impact:dashboard")
    nav = _places_nav(response.content.decode())
    assert "Gemeente Rotterdam" in nav and 'aria-current="true"' in nav
    # The gemeente's other pages belong to the same place.
    selfscan = _places_nav(client.get(reverse("selfscan:index")).content.decode())
    assert 'aria-current="true">Gemeente Rotterdam' in selfscan


@pytest.mark.django_db
def test_several_roles_get_a_short_choice_and_every_way_in_the_header(
    client, collective, other_collective
):
    user = factories.UserFactory(
        email="veel@example.org", name="Vera Veelzijdig", is_network_editor=True
    )
    factories.MembershipFactory(user=user, collective=collective, role=Role.BUILDER)
    factories.MembershipFactory(user=user, collective=other_collective, role=Role.MEMBER)
    response = _log_in(client, "veel@example.org")
    assert _landed(response) == reverse("home")
    body = response.content.decode()
    main = body[body.find("<main") :]
    for url, text in [
        (collective.get_absolute_url(), "U bent hier buurtmaker."),
        (other_collective.get_absolute_url(), "U bent hier lid."),
        (reverse("editorial:index"), "Nieuws, publicaties, academie en nieuwsbrief"),
    ]:
        assert f'href="{url}"' in main and text in main
    # Inside one collective the header still leads to the others and to the editorial pages.
    page = client.get(collective.get_absolute_url()).content.decode()
    nav = _places_nav(page)
    assert f'href="{collective.get_absolute_url()}" aria-current="true"' in nav
    assert f'href="{other_collective.get_absolute_url()}">' in nav
    assert f'href="{reverse("editorial:index")}">' in nav


@pytest.mark.django_db
def test_a_link_someone_followed_wins_over_the_landing(client, bob, collective):
    target = reverse("people:list", args=[collective.slug])
    response = _log_in(client, bob.email, next_url=target)
    assert _landed(response) == target


@pytest.mark.django_db
def test_someone_without_a_place_is_told_what_to_do(client):
    factories.UserFactory(email="nieuw@example.org", name="Nina Nieuw")
    response = _log_in(client, "nieuw@example.org")
    assert _landed(response) == reverse("home")
    assert "Vraag de beheerder van uw collectief" in response.content.decode()
