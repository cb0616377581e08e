"""Self-service inzage and erasure cover what residents write through their door."""

import pytest

from kring.privacy.selectors import resident_export
from kring.privacy.services import erase_resident
from kring.residents.models import Ask, AskStatus, GiftOffer, HelpOffer
from tests import factories


@pytest.fixture
def written(collective):
    asker = factories.ResidentFactory(collective=collective, name="Sem de Vries")
    helper = factories.ResidentFactory(collective=collective, name="Fatima Yilmaz")
    ask = Ask.objects.create(
        collective=collective,
        resident=asker,
        text="mijn fiets kan repareren",
        details="Lekke band bij Sem",
        status=AskStatus.OPEN,
    )
    offer = HelpOffer.objects.create(ask=ask, resident=helper, message="Zaterdag kan ik")
    GiftOffer.objects.create(
        collective=collective, resident=helper, gift_kind="hoofd", title="Tigrinya spreken"
    )
    return asker, helper, ask, offer


def _texts(data) -> str:
    return repr(data["related"])


@pytest.mark.django_db
def test_inzage_lists_asks_help_offers_and_offered_gifts(written):
    asker, helper, _ask, _offer = written
    assert "mijn fiets kan repareren" in _texts(resident_export(asker))
    helper_data = _texts(resident_export(helper))
    assert "Zaterdag kan ik" in helper_data and "Tigrinya spreken" in helper_data


@pytest.mark.django_db
def test_erasure_empties_what_they_wrote(written, bob):
    asker, helper, ask, offer = written
    erase_resident(actor=bob, resident=asker)
    erase_resident(actor=bob, resident=helper)
    ask.refresh_from_db()
    offer.refresh_from_db()
    assert (ask.text, ask.details, offer.message) == ("", "", "")
    assert GiftOffer.objects.get().title == ""


@pytest.mark.django_db
def test_self_service_erasure_from_mijn_kring(client, fatima, logged_in):
    from django.urls import reverse

    from kring.core.models import User

    logged_in("fatima@example.nl")
    fatima.refresh_from_db()
    Ask.objects.create(collective=fatima.collective, resident=fatima, text="iemand die kan tillen")
    url = reverse("residents:erase", args=[fatima.collective.slug])
    refused = client.post(url, {})
    assert refused.status_code == 400
    assert "Zet een vinkje" in refused.content.decode()
    assert Ask.objects.get().text == "iemand die kan tillen"
    response = client.post(url, {"confirm": "on"})
    assert "Uw gegevens zijn gewist" in response.content.decode()
    fatima.refresh_from_db()
    assert fatima.erased_at is not None and fatima.user is None
    assert Ask.objects.get().text == ""
    assert not User.objects.filter(email="fatima@example.nl").exists()
