"""A story names the residents whose story it is (tellers), of its own collective only, and it
may leave the collective only while every teller has an active "verhalen" consent."""

import pytest
from django.urls import reverse
from django.utils import timezone

from kring.assets import services
from kring.assets.models import Asset, Category
from kring.assets.selectors import story_sharing, told_with_consent
from kring.people.services import set_consents
from kring.privacy.models import AuditEntry
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def ria(collective):
    resident = factories.ResidentFactory(collective=collective, name="Ria de Vries")
    factories.ConsentFactory(resident=resident)
    return resident


def _story_data(**extra):
    return {
        "title": "Het havenfeest van 1975",
        "description": "Toen de hele straat danste.",
        "visibility": "leden",
        "source": "handmatig",
        "image_description": "",
        "tags": "",
        **extra,
    }


def test_a_buurtmaker_names_a_teller_by_typing_part_of_the_name(client, bob, collective, ria):
    client.force_login(bob)
    url = reverse("assets:create", args=[collective.slug, "story"])
    form = client.get(url).content.decode()
    assert 'name="tellers_search"' in form and 'role="combobox"' in form
    assert "Ria de Vries" not in form  # searched, never listed

    response = client.post(url, _story_data(tellers_search="ria de"))
    assert response.status_code == 302
    story = Asset.objects.get(title="Het havenfeest van 1975")
    assert list(story.tellers.all()) == [ria]
    # Naming her is personal data: her inzage shows it through the audit log.
    assert AuditEntry.objects.filter(subject_id=ria.pk, target_id=str(story.pk)).exists()

    page = client.get(story.get_absolute_url()).content.decode()
    assert "Verteld door" in page and "Ria de Vries" in page
    assert "nog geen toestemming van Ria de Vries" in page


def test_a_teller_of_another_collective_cannot_be_saved_and_the_form_keeps_the_text(
    client, bob, collective, other_collective
):
    stranger = factories.ResidentFactory(collective=other_collective, name="Olaf Elders")
    client.force_login(bob)
    url = reverse("assets:create", args=[collective.slug, "story"])
    response = client.post(url, _story_data(tellers=[str(stranger.pk)]))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Deze bewoner kunt u hier niet kiezen" in page
    assert "Het havenfeest van 1975" in page and "Toen de hele straat danste." in page
    assert not Asset.objects.filter(category=Category.STORY).exists()
    # By name neither: the search only knows this collective's residents.
    response = client.post(url, _story_data(tellers_search="Olaf"))
    assert response.status_code == 400
    assert "Geen bewoner gevonden" in response.content.decode()
    assert "Het havenfeest van 1975" in response.content.decode()
    assert not Asset.objects.filter(category=Category.STORY).exists()


def test_the_service_refuses_strangers_erased_residents_and_tellers_on_other_assets(
    bob, collective, other_collective, access_for, ria
):
    access = access_for(bob, collective)
    stranger = factories.ResidentFactory(collective=other_collective)
    with pytest.raises(ValueError):
        services.create_asset(
            access=access,
            asset=Asset(category=Category.STORY, title="Verhaal", description="x"),
            tellers=[stranger],
        )
    assert not Asset.objects.filter(category=Category.STORY).exists()
    place = factories.AssetFactory(collective=collective)
    with pytest.raises(ValueError):
        services.update_asset(access=access, asset=place, tellers=[ria])
    ria.erased_at = timezone.now()
    ria.save()
    story = factories.StoryFactory(collective=collective)
    with pytest.raises(ValueError):
        services.update_asset(access=access, asset=story, tellers=[ria])
    assert not story.tellers.exists()


def test_editing_keeps_or_changes_the_tellers(client, bob, collective, ria):
    ahmed = factories.ResidentFactory(collective=collective, name="Ahmed Yilmaz")
    story = factories.StoryFactory(collective=collective, tellers=[ria])
    client.force_login(bob)
    url = reverse("assets:edit", args=[collective.slug, story.pk])
    form = client.get(url).content.decode()
    assert f'name="tellers" value="{ria.pk}" checked' in form
    data = _story_data(version=story.version, tellers=[str(ria.pk)], tellers_search="Ahmed")
    assert client.post(url, data).status_code == 302
    assert set(story.tellers.all()) == {ria, ahmed}
    data = _story_data(version=story.version + 1, tellers=[str(ahmed.pk)])
    assert client.post(url, data).status_code == 302
    assert list(story.tellers.all()) == [ahmed]
    assert AuditEntry.objects.filter(subject_id=ria.pk, action="delete").exists()


def test_the_rule_needs_the_consent_of_every_teller_at_this_moment(bob, collective, access_for):
    access = access_for(bob, collective)
    ria = factories.ResidentFactory(collective=collective, name="Ria de Vries")
    piet = factories.ResidentFactory(collective=collective, name="Piet Kok")
    factories.ConsentFactory(resident=ria, purpose="verhalen")
    own = factories.StoryFactory(collective=collective, title="Van de buurt")
    by_ria = factories.StoryFactory(collective=collective, title="Van Ria", tellers=[ria])
    by_both = factories.StoryFactory(collective=collective, title="Van beiden", tellers=[ria, piet])
    place = factories.AssetFactory(collective=collective, title="Een plek")

    def shareable():
        return set(told_with_consent(Asset.objects.all()).values_list("title", flat=True))

    assert shareable() == {"Van de buurt", "Van Ria", "Een plek"}
    gaps = story_sharing(access, [own, by_ria, by_both])
    assert set(gaps) == {by_both.pk}
    assert str(gaps[by_both.pk]) == (
        "Kan nu niet naar buiten: nog geen toestemming van Piet Kok om het verhaal openbaar te "
        "delen."
    )
    set_consents(access=access, resident=ria, purposes={"inventaris"}, method="digitaal")
    assert shareable() == {"Van de buurt", "Een plek"}
    assert place.pk not in story_sharing(access, [place])


def test_members_see_only_tellers_they_may_see(client, mia, collective):
    shy = factories.ResidentFactory(collective=collective, name="Sanne Stil")
    open_ = factories.ResidentFactory(collective=collective, name="Otto Open")
    factories.ConsentFactory(resident=open_, purpose="leden")
    story = factories.StoryFactory(collective=collective, tellers=[shy, open_])
    client.force_login(mia)
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Otto Open" in page and "Sanne Stil" not in page
    assert "1 bewoner die u niet kunt zien" in page
    assert "toestemming" not in page  # the sharing note is for buurtmakers


def test_the_residents_page_lists_the_stories_they_told(client, bob, collective, ria):
    story = factories.StoryFactory(collective=collective, title="Het kadefeest", tellers=[ria])
    client.force_login(bob)
    page = client.get(reverse("people:detail", args=[collective.slug, ria.pk])).content.decode()
    assert "Het kadefeest" in page and story.get_absolute_url() in page
    assert "gaan niet naar buiten het collectief" in page
    factories.ConsentFactory(resident=ria, purpose="verhalen")
    page = client.get(reverse("people:detail", args=[collective.slug, ria.pk])).content.decode()
    assert "Het kadefeest" in page and "gaan niet naar buiten" not in page
