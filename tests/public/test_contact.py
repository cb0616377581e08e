"""Contact details on a member's public profile and the contact form that relays a visitor's
message to the collective by mail, without showing the collective's address."""

import logging
import smtplib

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from kring.core.phone import digits_of, validate_phone
from kring.public.models import ProfileDraft
from tests import factories

ADDRESS = "post@havenkwartier.nl"
MESSAGE = "Mag onze buurtclub een keer langskomen in het buurthuis?"


@pytest.fixture
def member(public_collective):
    public_collective.public_email = ADDRESS
    public_collective.public_contact_form = True
    public_collective.public_email_shown = False
    public_collective.save()
    return public_collective


def send(client, collective, ip="10.0.0.1", **changes):
    data = {"name": "Sanne de Vries", "email": "sanne@voorbeeld.nl", "message": MESSAGE}
    data.update(changes)
    return client.post(
        reverse("public:member_contact", args=[collective.slug]), data, REMOTE_ADDR=ip
    )


# --- telephone numbers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("010-123 45 67", "+31101234567"),
        ("06 12345678", "+31612345678"),
        ("+31 (0)30 123 4567", "+31301234567"),
        ("0031 6 1234 5678", "+31612345678"),
        ("0800-1234", "08001234"),
        ("+32 2 123 45 67", "+3221234567"),
    ],
)
def test_dutch_and_international_numbers_are_read(typed, digits):
    assert digits_of(typed) == digits
    validate_phone(typed)


@pytest.mark.parametrize(
    "typed", ["12345", "010-123456", "06-123456789", "bel ons", "+31 6 1234", "0612345678x"]
)
def test_wrong_numbers_get_a_plain_dutch_error(typed):
    with pytest.raises(ValidationError) as error:
        validate_phone(typed)
    assert "Dit telefoonnummer klopt niet" in str(error.value)


# --- the collective chooses what its profile shows -------------------------------------------


def profile_data(collective, **changes):
    return {
        "public_place": collective.public_place,
        "public_province": collective.public_province,
        "public_teaser": collective.public_teaser,
        "public_description": collective.public_description,
        "public_themes": collective.public_themes,
        **changes,
    }


def edit(client, collective, **changes):
    return client.post(
        reverse("public_profile:edit", args=[collective.slug]), profile_data(collective, **changes)
    )


def publish(client, collective):
    client.post(reverse("public_profile:publish", args=[collective.slug]), {"publish": "1"})
    collective.refresh_from_db()


@pytest.mark.django_db
def test_details_show_only_as_chosen_and_the_address_stays_hidden(client, alice, public_collective):
    client.force_login(alice)
    response = edit(
        client,
        public_collective,
        public_email=ADDRESS,
        public_contact_form="on",
        public_website="www.havenkwartier.nl",
        public_phone="010-123 45 67",
        public_address="Havenstraat 12, 3024 AB Rotterdam",
    )
    assert response.status_code == 302
    publish(client, public_collective)
    assert public_collective.public_website == "https://www.havenkwartier.nl"
    client.logout()
    page = client.get(reverse("public:member", args=[public_collective.slug])).content.decode()
    assert "Havenstraat 12, 3024 AB Rotterdam" in page
    assert 'href="tel:+31101234567"' in page and "010-123 45 67" in page
    assert 'href="https://www.havenkwartier.nl"' in page
    assert "Stuur een bericht" in page and 'name="message"' in page
    assert ADDRESS not in page  # the form relays; the address is not shown

    client.force_login(alice)
    edit(client, public_collective, public_email=ADDRESS, public_email_shown="on")
    publish(client, public_collective)
    client.logout()
    page = client.get(reverse("public:member", args=[public_collective.slug])).content.decode()
    assert f'href="mailto:{ADDRESS}"' in page
    assert 'name="message"' not in page  # the form is off: only the address shows
    # What was not filled in, is not there.
    assert "Havenstraat" not in page and "tel:" not in page


@pytest.mark.django_db
def test_wrong_details_get_dutch_errors_and_keep_what_was_typed(client, alice, public_collective):
    client.force_login(alice)
    response = edit(
        client,
        public_collective,
        public_email="post@",
        public_website="javascript:alert(1)",
        public_phone="bel ons maar",
        public_address="Kade 1",
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Vul een geldig e-mailadres in, zoals info@onsbuurthuis.nl." in body
    assert "Vul een geldig webadres in, zoals www.onsbuurthuis.nl." in body
    assert "Dit telefoonnummer klopt niet." in body
    assert 'value="bel ons maar"' in body and 'value="post@"' in body
    assert not ProfileDraft.objects.exists()


@pytest.mark.django_db
def test_an_address_without_a_purpose_is_refused(client, alice, public_collective):
    client.force_login(alice)
    response = edit(client, public_collective, public_email=ADDRESS)  # both boxes left empty
    assert response.status_code == 400
    assert "kiest niet waarvoor" in response.content.decode()


@pytest.mark.django_db
def test_the_visiting_address_can_be_picked_from_public_places_only(
    client, alice, public_collective
):
    factories.AssetFactory(
        collective=public_collective,
        category="place",
        title="Buurthuis De Kade",
        address="Kade 7, Rotterdam",
        visibility="openbaar",
    )
    factories.AssetFactory(
        collective=public_collective,
        category="place",
        title="Huiskamer van Joke",
        address="Stille Hof 2, Rotterdam",
        visibility="buurtmakers",
    )
    public_collective.address = "Havenstraat 12, Rotterdam"
    public_collective.save()
    client.force_login(alice)
    page = client.get(reverse("public_profile:edit", args=[public_collective.slug]))
    body = page.content.decode()
    assert "Buurthuis De Kade: Kade 7, Rotterdam" in body
    assert "Adres uit de instellingen: Havenstraat 12, Rotterdam" in body
    assert "Stille Hof" not in body  # a place seen only inside the collective is not offered

    response = edit(
        client, public_collective, address_from="Kade 7, Rotterdam", public_address="iets"
    )
    assert response.status_code == 302
    assert ProfileDraft.objects.get().public_address == "Kade 7, Rotterdam"
    response = edit(client, public_collective, address_from="Stille Hof 2, Rotterdam")
    assert response.status_code == 400
    assert "Kies een adres uit de lijst." in response.content.decode()


@pytest.mark.django_db
def test_a_stale_save_of_the_details_is_refused(client, alice, public_collective):
    draft = ProfileDraft.objects.create(collective=public_collective, public_phone="010-1111111")
    client.force_login(alice)
    first = edit(client, public_collective, version=draft.version, public_phone="010-2222222")
    assert first.status_code == 302
    second = edit(client, public_collective, version=draft.version, public_phone="010-3333333")
    assert second.status_code == 400
    body = second.content.decode()
    assert "Iemand anders heeft dit ook aangepast" in body and "010-2222222" in body
    assert 'value="010-3333333"' in body  # what this person typed is still there
    assert ProfileDraft.objects.get().public_phone == "010-2222222"


@pytest.mark.django_db
def test_the_preview_shows_the_details_and_says_a_form_is_there(client, alice, public_collective):
    client.force_login(alice)
    edit(client, public_collective, public_email=ADDRESS, public_contact_form="on")
    body = client.get(reverse("public_profile:preview", args=[public_collective.slug]))
    body = body.content.decode()
    assert "Hier staat voor bezoekers een formulier" in body
    assert ADDRESS not in body.split('class="preview-frame"')[1]


# --- the contact form ------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_message_is_mailed_with_reply_to_and_the_address_never_shows(client, member, caplog):
    page = client.get(reverse("public:member", args=[member.slug])).content.decode()
    assert ADDRESS not in page
    with caplog.at_level(logging.INFO, logger="kring.public"):
        response = send(client, member)
    assert response.status_code == 302
    assert response.url == reverse("public:member_contact_sent", args=[member.slug])
    thanks = client.get(response.url).content.decode()
    assert "Uw bericht is verstuurd" in thanks and ADDRESS not in thanks
    [sent] = mail.outbox
    assert sent.to == [ADDRESS]
    assert sent.reply_to == ["sanne@voorbeeld.nl"]
    assert "Sanne de Vries" in sent.subject
    assert MESSAGE in sent.body and "sanne@voorbeeld.nl" in sent.body
    # The log tells which collective got a message, never what it said or who sent it.
    logged = caplog.text
    assert "relayed" in logged
    assert MESSAGE not in logged and "sanne" not in logged.lower()


@pytest.mark.django_db
def test_a_robot_filling_the_hidden_field_gets_thanks_and_nothing_is_sent(client, member):
    response = send(client, member, website="http://spam.example")
    assert response.status_code == 302
    assert not mail.outbox
    # Nothing was counted either: a person from the same address can still write.
    assert send(client, member).status_code == 302
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_repeat_too_soon_is_refused_kindly_and_keeps_the_message(client, member):
    assert send(client, member).status_code == 302
    again = send(client, member, message="Nog een vraag over de moestuin.")
    assert again.status_code == 429
    body = again.content.decode()
    assert "U stuurde dit collectief net al een bericht." in body
    assert "Nog een vraag over de moestuin." in body
    assert len(mail.outbox) == 1
    # Another sender from another computer is not held up.
    assert send(client, member, ip="10.0.0.2", email="piet@voorbeeld.nl").status_code == 302


@pytest.mark.django_db
def test_the_hourly_limit_per_visitor_address(client, member, settings):
    settings.KRING_CONTACT_MESSAGES_PER_HOUR = 2
    others = [factories.CollectiveFactory(is_public=True) for _ in range(3)]
    for other in others:
        other.public_email, other.public_place, other.public_teaser = ADDRESS, "Delft", "Hoi"
        other.save()
    codes = [
        send(client, other, email=f"mens{n}@voorbeeld.nl").status_code
        for n, other in enumerate(others)
    ]
    assert codes == [302, 302, 429]
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_the_hourly_limit_per_sender(client, member, settings):
    settings.KRING_CONTACT_MESSAGES_PER_ADDRESS = 1
    other = factories.CollectiveFactory(is_public=True, public_email=ADDRESS)
    assert send(client, member, ip="10.0.0.1").status_code == 302
    refused = send(client, other, ip="10.0.0.9", email="SANNE@voorbeeld.nl")
    assert refused.status_code == 429
    assert "Probeer het over een uur opnieuw." in refused.content.decode()
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_wrong_input_gets_dutch_errors_and_keeps_what_was_typed(client, member):
    response = send(client, member, name="", email="sanne@", message="x" * 6000)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Vul uw naam in." in body
    assert "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl." in body
    assert "Uw bericht is te lang: hoogstens 5000 tekens. Het zijn er nu 6000." in body
    assert 'value="sanne@"' in body and "x" * 6000 in body
    assert not mail.outbox
    # Typing errors are not counted: the corrected message goes out at once.
    assert send(client, member).status_code == 302


@pytest.mark.django_db
def test_odd_characters_never_give_a_500(client, member):
    # Escape codes, a bell and a bidi override could change how the mail reads: taken out.
    response = send(
        client, member, name="Sanne\x1b[31m\nde Vries", message="Hallo\x07 buurt\u202e\r\nTot ziens"
    )
    assert response.status_code == 302
    [sent] = mail.outbox
    assert "\x1b" not in sent.subject + sent.body and "\u202e" not in sent.body
    assert "Sanne[31m de Vries" in sent.subject
    assert "Hallo buurt\nTot ziens" in sent.body
    # A NUL byte is refused before any view reads it, in plain Dutch.
    refused = send(client, member, ip="10.0.0.3", message="a\x00b")
    assert refused.status_code == 400
    assert "teken dat Kring niet kan lezen" in refused.content.decode()
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_mail_server_failure_keeps_the_message(client, member, monkeypatch):
    def fail(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", fail)
    response = send(client, member)
    assert response.status_code == 503
    body = response.content.decode()
    assert "Het versturen lukte nu niet." in body and MESSAGE in body


@pytest.mark.django_db
def test_without_an_address_there_is_no_form(client, public_collective):
    page = client.get(reverse("public:member", args=[public_collective.slug])).content.decode()
    assert 'name="message"' not in page and "Stuur een bericht" not in page
    assert send(client, public_collective).status_code == 404
    url = reverse("public:member_contact", args=[public_collective.slug])
    assert client.get(url).status_code == 404
    assert not mail.outbox


@pytest.mark.django_db
def test_a_collective_that_is_not_public_takes_no_messages(client, member):
    member.is_public = False
    member.save()
    assert send(client, member).status_code == 404
    assert client.get(reverse("public:member", args=[member.slug])).status_code == 404
    assert not mail.outbox


@pytest.mark.django_db
def test_the_form_speaks_english_when_chosen(client, member):
    client.cookies["django_language"] = "en"
    page = client.get(reverse("public:member", args=[member.slug])).content.decode()
    assert "Send a message" in page and "Your message" in page
    again = send(client, member, message="")
    assert "Write your message." in again.content.decode()
