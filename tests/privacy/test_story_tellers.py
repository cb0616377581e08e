"""A resident named as the teller of a story: inzage lists the story, erasure takes the name
off it (and takes a story only they told away, like a gift)."""

import pytest
from django.urls import reverse

from kring.assets.models import Asset
from kring.maps.models import PortraitStory
from kring.privacy.selectors import resident_export
from kring.privacy.services import ERASED_TEXT, erase_resident
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def tellers(collective):
    ria = factories.ResidentFactory(collective=collective, name="Ria de Vries")
    piet = factories.ResidentFactory(collective=collective, name="Piet Kok")
    for resident in (ria, piet):
        factories.ConsentFactory(resident=resident, purpose="verhalen")
    together = factories.StoryFactory(
        collective=collective, title="Samen op de kade", tellers=[ria, piet]
    )
    alone = factories.StoryFactory(
        collective=collective, title="Ria's eerste winter", description="Koud.", tellers=[ria]
    )
    PortraitStory.objects.create(collective=collective, asset=together)
    return {"ria": ria, "piet": piet, "together": together, "alone": alone}


def test_inzage_lists_the_stories_a_resident_is_named_in(client, bob, collective, tellers):
    data = resident_export(tellers["ria"])
    assert sorted(s["titel"] for s in data["stories"]) == [
        "Ria's eerste winter",
        "Samen op de kade",
    ]
    chosen = {s["titel"]: s["gekozen voor het wijkportret"] for s in data["stories"]}
    assert chosen == {"Ria's eerste winter": False, "Samen op de kade": True}
    client.force_login(bob)
    page = client.get(
        reverse("privacy:resident", args=[collective.slug, tellers["ria"].pk])
    ).content.decode()
    assert "Verhalen die u vertelde" in page and "Samen op de kade" in page


def test_erasure_removes_the_teller_and_a_story_only_they_told(bob, tellers):
    result = erase_resident(actor=bob, resident=tellers["ria"])
    assert result.teller_links == 2 and result.stories == 1
    together = Asset.objects.get(pk=tellers["together"].pk)
    assert list(together.tellers.all()) == [tellers["piet"]]
    assert not Asset.tellers.through.objects.filter(resident_id=tellers["ria"].pk).exists()
    assert not Asset.objects.filter(pk=tellers["alone"].pk).exists()
    # Its historical versions keep no text.
    history = Asset.history.filter(id=tellers["alone"].pk)
    assert history.exists() and set(history.values_list("title", flat=True)) == {ERASED_TEXT}
    assert not history.exclude(description="").exists()
    # The story told together still needs Piet's consent, and has it.
    from kring.assets.selectors import told_with_consent

    assert told_with_consent(Asset.objects.filter(pk=together.pk)).exists()
