import pytest
from django.urls import reverse

from tests.factories import PASSWORD


@pytest.mark.django_db
def test_log_in_with_email_and_land_in_own_collective(client, bob, collective):
    response = client.post(
        reverse("login"), {"username": "BOB@example.org", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == collective.get_absolute_url()
    assert "Wat is er al in de buurt" in response.content.decode()


@pytest.mark.django_db
def test_wrong_password_gives_a_plain_dutch_error_and_keeps_email(client, bob):
    response = client.post(reverse("login"), {"username": "bob@example.org", "password": "fout"})
    body = response.content.decode()
    assert "horen niet bij elkaar" in body and 'value="bob@example.org"' in body


@pytest.mark.django_db
def test_municipality_user_lands_on_the_dashboard_and_sees_no_residents(
    client, official, collective
):
    from tests.factories import ResidentFactory

    ResidentFactory(collective=collective, name="Geheime Bewoner")
    collective.is_public = True
    collective.public_teaser = "Lijm tussen de voegen"
    collective.save()
    client.force_login(official)
    response = client.get("/", follow=True)
    # The dashboard first; the gemeente's page with the collectives one link away.
    assert response.redirect_chain[-1][0] == reverse("impact:dashboard")
    assert reverse("geo:municipality") in response.content.decode()
    body = client.get(reverse("geo:municipality")).content.decode()
    assert "Gemeente Rotterdam" in body and "Lijm tussen de voegen" in body
    assert "Geheime Bewoner" not in body


@pytest.mark.django_db
def test_language_switch_to_english(client, bob, collective):
    client.force_login(bob)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(collective.get_absolute_url()).content.decode()
    assert 'lang="en"' in body


@pytest.mark.django_db
def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Deze pagina is er niet" in response.content.decode()


@pytest.mark.django_db
def test_forgotten_password_by_mail(client, bob):
    import re

    from django.core import mail

    response = client.post(reverse("password_reset"), {"email": "bob@example.org"})
    assert response.status_code == 302
    link = re.search(r"https?://[^/\s]+(/password/reset/\S+/)", mail.outbox[0].body).group(1)
    page = client.get(link, follow=True)
    new = "een nieuw lang wachtwoord"
    response = client.post(page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    bob.refresh_from_db()
    assert bob.check_password(new)
    # Unknown addresses get the same answer: nobody learns who has a log-in.
    assert (
        client.post(reverse("password_reset"), {"email": "onbekend@example.org"}).status_code == 302
    )
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_dutch_first_even_for_an_english_browser(client):
    body = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="nl"' in body and "Inloggen bij Kring" in body
    client.post(reverse("set_language"), {"language": "en", "next": "/login/"})
    assert 'lang="en"' in client.get(reverse("login")).content.decode()
