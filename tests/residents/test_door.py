"""The personal log-in link: asked without revealing who is known, single use, expiring,
throttled; no log-in exists until the link is opened."""

import pytest
from django.core import mail
from django.urls import reverse

from kring.communities.models import Membership
from kring.core.models import User
from kring.people.models import Resident
from kring.residents import door
from tests import factories

from .conftest import link_in


@pytest.mark.django_db
def test_a_known_resident_gets_a_link_and_an_unknown_address_the_same_page(client, fatima):
    known = client.post(reverse("residents:ask_link"), {"email": "Fatima@Example.nl"})
    unknown = client.post(reverse("residents:ask_link"), {"email": "niemand@example.nl"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("residents:link_sent")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["fatima@example.nl"]
    # Asking makes no log-in: only opening the link does.
    assert not User.objects.filter(email="fatima@example.nl").exists()


@pytest.mark.django_db
def test_no_link_without_consent_or_for_an_erased_record(client, collective):
    factories.ResidentFactory(collective=collective, email="zonder@example.nl")
    client.post(reverse("residents:ask_link"), {"email": "zonder@example.nl"})
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_bad_address_keeps_what_was_typed_with_a_dutch_error(client):
    response = client.post(reverse("residents:ask_link"), {"email": "fatima-at-home"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Dit is geen e-mailadres" in body
    assert 'value="fatima-at-home"' in body


@pytest.mark.django_db
def test_the_link_logs_in_once_and_opens_mijn_kring(client, fatima):
    client.post(reverse("residents:ask_link"), {"email": "fatima@example.nl"})
    link = link_in(mail.outbox[0])
    # Looking at the link (a mail program checking it) does not use it up.
    assert client.get(link).status_code == 200
    assert client.get(link).status_code == 200
    response = client.post(link)
    assert response["Location"] == reverse("residents:mine", args=[fatima.collective.slug])
    fatima.refresh_from_db()
    assert fatima.user.email == "fatima@example.nl"
    assert not fatima.user.has_usable_password()
    assert Membership.objects.get(user=fatima.user, collective=fatima.collective).role == "lid"
    page = client.get(response["Location"])
    assert "Fietsen repareren" in page.content.decode()
    client.logout()
    again = client.post(link)
    assert "werkt niet meer" in again.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_link_expires(client, fatima, settings, monkeypatch):
    settings.KRING_LOGIN_LINK_MINUTES = 30
    client.post(reverse("residents:ask_link"), {"email": "fatima@example.nl"})
    link = link_in(mail.outbox[0])
    made = door.tokens._now()
    from datetime import timedelta

    monkeypatch.setattr(door.tokens, "_now", lambda: made + timedelta(minutes=31))
    assert "werkt niet meer" in client.post(link).content.decode()
    monkeypatch.setattr(door.tokens, "_now", lambda: made + timedelta(minutes=29))
    assert client.post(link).status_code == 302


@pytest.mark.django_db
def test_a_tampered_link_is_refused(client, fatima):
    client.post(reverse("residents:ask_link"), {"email": "fatima@example.nl"})
    link = link_in(mail.outbox[0])
    for wrong in (link[:-3] + "xx/", "/mijn/inloggen/OTk5OTk5OTk5OTk5OTk5OTk5OTk5/abc-def/"):
        assert "werkt niet meer" in client.post(wrong).content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_asking_is_throttled_per_visitor_and_mails_per_address(client, fatima, settings):
    settings.KRING_PASSWORD_RESET_ASKS_PER_HOUR = 3
    settings.KRING_PASSWORD_RESET_MAILS_PER_HOUR = 2
    statuses = [
        client.post(reverse("residents:ask_link"), {"email": "fatima@example.nl"}).status_code
        for _ in range(4)
    ]
    assert statuses == [302, 302, 302, 429]
    # The third ask got the same answer, but no third mail.
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_someone_in_two_collectives_sees_both_separately(
    client, fatima, other_collective, logged_in
):
    there = factories.ResidentFactory(
        collective=other_collective, name="Fatima Y.", email="fatima@example.nl"
    )
    factories.ConsentFactory(resident=there)
    factories.GiftFactory(collective=other_collective, resident=there, title="Koken voor ouderen")
    logged_in("fatima@example.nl")
    user = User.objects.get(email="fatima@example.nl")
    assert set(Resident.objects.filter(user=user)) == {fatima, there}
    home = client.get(reverse("residents:home")).content.decode()
    assert fatima.collective.name in home and other_collective.name in home
    here_page = client.get(reverse("residents:mine", args=[fatima.collective.slug])).content
    there_page = client.get(reverse("residents:mine", args=[other_collective.slug])).content
    assert b"Fietsen repareren" in here_page and b"Koken voor ouderen" not in here_page
    assert b"Koken voor ouderen" in there_page and b"Fietsen repareren" not in there_page


@pytest.mark.django_db
def test_a_buurtmaker_sends_the_link_from_the_residents_page(client, bob, fatima):
    client.force_login(bob)
    page = client.get(fatima.get_absolute_url()).content.decode()
    url = reverse("residents:send_link", args=[fatima.collective.slug, fatima.pk])
    assert url in page
    response = client.post(url)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert bob.name in mail.outbox[0].body
    assert "/mijn/inloggen/" in mail.outbox[0].body


@pytest.mark.django_db
def test_a_plain_member_cannot_send_links(client, mia, fatima):
    client.force_login(mia)
    url = reverse("residents:send_link", args=[fatima.collective.slug, fatima.pk])
    assert client.post(url).status_code == 403
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_resident_chooses_a_password(client, fatima, logged_in):
    logged_in("fatima@example.nl")
    response = client.post(
        reverse("residents:password"),
        {"new_password1": "Fietsbel-2026-Delfshaven", "new_password2": "Fietsbel-2026-Delfshaven"},
    )
    assert response.status_code == 302
    assert User.objects.get(email="fatima@example.nl").check_password("Fietsbel-2026-Delfshaven")
    assert "_auth_user_id" in client.session


@pytest.mark.django_db
def test_a_link_asked_on_the_way_to_a_door_page_opens_that_page(client, fatima):
    """The "Ik help mee" link in a notice, followed without being logged in: the log-in page
    passes the page on to the door, and the opened link goes there instead of Mijn Kring."""
    page = f"/mijn/{fatima.collective.slug}/vragen/"
    login_page = client.get(page, follow=True)
    assert f'href="/mijn/inloggen/?next={page}"' in login_page.content.decode()
    client.get("/mijn/inloggen/", {"next": page})
    mail.outbox.clear()
    client.post("/mijn/inloggen/", {"email": fatima.email})
    response = client.post(link_in(mail.outbox[0]))
    assert response.status_code == 302 and response["Location"] == page


@pytest.mark.django_db
def test_the_door_never_sends_elsewhere_after_a_link(client, fatima):
    for elsewhere in ("https://example.com/mijn/", "//example.com/mijn/", "/c/elders/"):
        client.get("/mijn/inloggen/", {"next": elsewhere})
        mail.outbox.clear()
        client.post("/mijn/inloggen/", {"email": fatima.email})
        response = client.post(link_in(mail.outbox[0]))
        assert response["Location"] == f"/mijn/{fatima.collective.slug}/", elsewhere
        client.logout()
