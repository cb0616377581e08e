"""Mijn Kring: my gifts (add, edit, pause, remove), my consent (at once, by me, digital), what
the collective keeps about me (with download), and nobody else's record."""

import json

import pytest
from django.urls import reverse

from kring.assets.models import Asset
from kring.people.models import Consent
from kring.privacy.models import AuditEntry
from kring.residents.models import GiftOffer
from tests import factories


@pytest.fixture
def inside(client, fatima, logged_in):
    logged_in("fatima@example.nl")
    fatima.refresh_from_db()
    return fatima


def _gift(resident):
    return Asset.objects.get(resident=resident, title="Fietsen repareren")


@pytest.mark.django_db
def test_mijn_kring_shows_my_things_and_who_may_see_me(client, inside):
    body = client.get(reverse("residents:mine", args=[inside.collective.slug])).content.decode()
    for text in (
        "Fietsen repareren",
        "Mijn toestemming",
        "Alleen de buurtmakers van het collectief",
        "Mijn verbindingen",
        "Initiatieven waar ik aan meedoe",
    ):
        assert text in body


@pytest.mark.django_db
def test_i_edit_and_pause_my_gift(client, inside):
    gift = _gift(inside)
    url = reverse("residents:gift_edit", args=[inside.collective.slug, gift.pk])
    response = client.post(
        url,
        {
            "gift_kind": "handen",
            "title": "Fietsen en scooters repareren",
            "description": "",
            "availability": "niet_nu",
            "version": gift.version,
        },
    )
    assert response.status_code == 302
    gift.refresh_from_db()
    assert (gift.title, gift.availability, gift.updated_by) == (
        "Fietsen en scooters repareren",
        "niet_nu",
        inside.user,
    )


@pytest.mark.django_db
def test_an_empty_title_gets_a_dutch_error_and_keeps_the_rest(client, inside):
    gift = _gift(inside)
    url = reverse("residents:gift_edit", args=[inside.collective.slug, gift.pk])
    response = client.post(
        url,
        {
            "gift_kind": "handen",
            "title": "",
            "description": "op zaterdag",
            "availability": "soms",
            "version": gift.version,
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Schrijf in een paar woorden wat uw gave is." in body
    assert "op zaterdag" in body


@pytest.mark.django_db
def test_i_remove_my_gift(client, inside):
    gift = _gift(inside)
    url = reverse("residents:gift_remove", args=[inside.collective.slug, gift.pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not Asset.objects.filter(pk=gift.pk).exists()


@pytest.mark.django_db
def test_someone_elses_gift_is_not_mine_to_touch(client, inside, collective):
    other = factories.GiftFactory(collective=collective, title="Breien")
    for name in ("residents:gift_edit", "residents:gift_remove"):
        url = reverse(name, args=[collective.slug, other.pk])
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    assert Asset.objects.filter(pk=other.pk).exists()


@pytest.mark.django_db
def test_a_new_gift_waits_for_a_buurtmaker_by_default(client, inside, bob):
    url = reverse("residents:gift_new", args=[inside.collective.slug])
    response = client.post(url, {"gift_kind": "hoofd", "title": "Tigrinya spreken"})
    assert response.status_code == 302
    offer = GiftOffer.objects.get(resident=inside)
    assert offer.status == "voorstel" and offer.asset is None
    assert not Asset.objects.filter(title="Tigrinya spreken").exists()
    client.force_login(bob)
    review = reverse("residents:review", args=[inside.collective.slug])
    assert "Tigrinya spreken" in client.get(review).content.decode()
    client.post(reverse("residents:gift_accept", args=[inside.collective.slug, offer.pk]))
    gift = Asset.objects.get(title="Tigrinya spreken")
    assert (gift.resident, gift.category, gift.visibility) == (inside, "gift", "buurtmakers")


@pytest.mark.django_db
def test_a_new_gift_goes_live_at_once_when_the_collective_says_so(client, inside):
    inside.collective.residents_post_directly = True
    inside.collective.save()
    url = reverse("residents:gift_new", args=[inside.collective.slug])
    client.post(url, {"gift_kind": "hart", "title": "Eenzame ouderen bezoeken"})
    assert Asset.objects.filter(resident=inside, title="Eenzame ouderen bezoeken").exists()


@pytest.mark.django_db
def test_i_withdraw_a_consent_at_once_recorded_as_mine_and_digital(client, inside):
    url = reverse("residents:consents", args=[inside.collective.slug])
    inside.refresh_from_db()
    response = client.post(url, {"purposes": ["inventaris", "leden"], "version": inside.version})
    assert response.status_code == 302
    inside.refresh_from_db()
    assert inside.active_purposes() == {"inventaris", "leden"}
    withdrawn = Consent.objects.get(resident=inside, purpose="verbinden")
    assert withdrawn.withdrawn_at is not None
    given = Consent.objects.get(resident=inside, purpose="leden", withdrawn_at__isnull=True)
    assert (given.method, given.recorded_by) == ("digitaal", inside.user)
    assert AuditEntry.objects.filter(
        actor=inside.user, action="withdraw", subject_id=inside.pk
    ).exists()


@pytest.mark.django_db
def test_my_data_is_self_service_with_download(client, inside):
    page = client.get(reverse("residents:my_data", args=[inside.collective.slug]))
    assert "Fietsen repareren" in page.content.decode()
    download = client.get(reverse("residents:my_data_json", args=[inside.collective.slug]))
    assert download["Content-Disposition"].startswith("attachment")
    data = json.loads(download.content)
    assert data["resident"]["naam"] == "Fatima Yilmaz"
    assert AuditEntry.objects.filter(action="export", actor=inside.user).count() == 2


@pytest.mark.django_db
def test_without_a_record_here_there_is_no_mijn_kring(client, inside, other_collective, mia):
    assert client.get(reverse("residents:mine", args=[other_collective.slug])).status_code == 404
    client.force_login(mia)  # a member without a resident record
    assert client.get(reverse("residents:mine", args=[inside.collective.slug])).status_code == 404


def _pdf_text(pdf: bytes) -> str:
    import io

    import pypdf

    return "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.django_db
def test_my_data_downloads_as_a_pdf_with_my_name_and_gifts(client, inside, tmp_path):
    mine = client.get(reverse("residents:mine", args=[inside.collective.slug])).content.decode()
    url = reverse("residents:my_data_pdf", args=[inside.collective.slug])
    assert f'href="{url}"' in mine
    download = client.get(url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == (
        f'attachment; filename="mijn-gegevens-{inside.collective.slug}.pdf"'
    )
    assert download.content.startswith(b"%PDF-")
    text = _pdf_text(download.content)
    for expected in ("Alles wat we over u bewaren", "Fatima Yilmaz", "Fietsen repareren"):
        assert expected in text
    assert AuditEntry.objects.filter(
        action="export", actor=inside.user, summary="inzage (pdf)"
    ).exists()


@pytest.mark.django_db
def test_another_residents_pdf_is_not_mine(client, inside, other_collective):
    url = reverse("residents:my_data_pdf", args=[other_collective.slug])
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_mijn_kring_links_to_my_notice_rhythm_and_i_change_it_there(client, inside):
    from kring.notices.models import NoticePreference

    mine = client.get(reverse("residents:mine", args=[inside.collective.slug])).content.decode()
    url = reverse("notices:mine", args=[inside.collective.slug])
    assert f'href="{url}"' in mine
    page = client.get(url)
    assert page.status_code == 200
    assert "Hoe vaak wilt u een bericht?" in page.content.decode()
    bad = client.post(url, {"rhythm": "elk uur", "scope": "gebied"})
    assert bad.status_code == 400
    assert "Kies hoe vaak u een bericht wilt" in bad.content.decode()
    assert not NoticePreference.objects.filter(resident=inside).exists()
    response = client.post(url, {"rhythm": "dagelijks", "scope": "gebied"})
    assert response.status_code == 302
    choice = NoticePreference.objects.get(resident=inside)
    assert (choice.rhythm, choice.scope, choice.changed_by, choice.recorded_by) == (
        "dagelijks",
        "gebied",
        "bewoner",
        inside.user,
    )
    assert "Nu gekozen: hooguit één keer per dag" in client.get(url).content.decode()


@pytest.mark.django_db
def test_the_rhythm_page_warns_without_consent_and_is_only_mine(client, inside, other_collective):
    url = reverse("notices:mine", args=[inside.collective.slug])
    consents = reverse("residents:consents", args=[inside.collective.slug])
    client.post(consents, {"purposes": ["inventaris"], "version": inside.version})
    body = client.get(url).content.decode()
    assert "Nu krijgt u dus geen berichten" in body
    assert client.get(reverse("notices:mine", args=[other_collective.slug])).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
