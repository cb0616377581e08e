"""A neighbour's standalone burenhulp ask (not a need of an initiative) reaches the residents
whose gifts fit, through the same path as needs: the engine's reason, the chosen rhythm, consent
to "verbinden", the unsubscribe links, once per resident and ask, logged without content."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from kring.communities.access import collective_access
from kring.core.bulkmail import DeliveryStatus
from kring.notices import services
from kring.notices.models import NoticeDelivery, NoticeItem, Rhythm, Scope
from kring.privacy.services import erase_resident
from kring.residents import door
from kring.residents import services as resident_services
from kring.residents.models import Ask
from tests import factories

pytestmark = pytest.mark.django_db


def _to(resident):
    return [m for m in mail.outbox if m.to == [resident.email]]


@pytest.fixture
def sem(make_resident):
    """The neighbour who asks; he repairs bikes too, but is never told of his own ask."""
    return make_resident("Sem de Vries", "Fietsen repareren")


@pytest.fixture
def post(sem, django_capture_on_commit_callbacks):
    """Sem posts an ask through his own door (the announcement runs on commit)."""

    def make(text="mijn fiets kan repareren", details="De achterband is lek."):
        user = door.open_door(resident=sem)
        sem.refresh_from_db()
        access = collective_access(user, sem.collective.slug)
        with django_capture_on_commit_callbacks(execute=True):
            return resident_services.post_ask(
                access=access, resident=sem, text=text, details=details, neighbourhood=None
            )

    return make


@pytest.fixture
def directly(collective):
    collective.residents_post_directly = True
    collective.save()
    return collective


def test_a_standalone_ask_reaches_the_neighbours_whose_gifts_fit_with_the_reason(
    directly, make_resident, post, sem, other_buurt
):
    fatima = make_resident("Fatima Yilmaz", "Fietsen repareren en banden plakken")
    baker = make_resident("Kees Bakker", "Taarten bakken")
    no_consent = make_resident("Ria de Vries", "Fietsen repareren", consent=False)
    elsewhere = make_resident("Joop Smit", "Fietsen repareren", buurt=other_buurt)
    whole_area = make_resident("Noor Haddad", "Fiets repareren", buurt=other_buurt, scope="gebied")
    not_asked = make_resident("Piet Jansen", "Fietsen repareren", rhythm=None)
    mail.outbox.clear()
    ask = post()
    assert ask.status == "open" and ask.need is None

    told = set(NoticeItem.objects.filter(ask=ask).values_list("resident_id", flat=True))
    assert told == {fatima.pk, whole_area.pk}
    for person in (sem, baker, no_consent, elsewhere, not_asked):
        assert not _to(person), person.name
    (message,) = _to(fatima)
    assert "Een buur zoekt iemand die mijn fiets kan repareren" in message.body
    assert "Fietsen repareren en banden plakken" in message.body
    assert "woont in dezelfde buurt" in message.body  # the engine's reason
    help_link = f"/mijn/{ask.collective.slug}/vragen/{ask.pk}/help/"
    assert help_link in message.body
    assert "Sem" not in message.body  # the asker's name is for buurtmakers only
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"][1:-1] in message.body


def test_a_proposed_ask_is_told_only_once_a_buurtmaker_accepts_it(
    make_resident, post, builder, django_capture_on_commit_callbacks
):
    fatima = make_resident("Fatima Yilmaz")
    mail.outbox.clear()
    ask = post()
    assert ask.status == "voorstel"
    assert not NoticeItem.objects.exists() and not _to(fatima)
    with django_capture_on_commit_callbacks(execute=True):
        resident_services.accept_ask(access=builder, ask=ask, expected_version=ask.version)
    (item,) = NoticeItem.objects.all()
    assert (item.resident, item.ask, item.need) == (fatima, ask, None)
    assert len(_to(fatima)) == 1


def test_an_ask_accepted_as_a_need_of_an_initiative_is_told_once_as_that_need(
    make_resident, post, builder, initiative, django_capture_on_commit_callbacks
):
    fatima = make_resident("Fatima Yilmaz")
    mail.outbox.clear()
    ask = post()
    with django_capture_on_commit_callbacks(execute=True):
        ask = resident_services.accept_ask(
            access=builder, ask=ask, initiative=initiative, expected_version=ask.version
        )
    (item,) = NoticeItem.objects.all()
    assert (item.need, item.ask) == (ask.need, None)
    (message,) = _to(fatima)
    assert "Fietsenwerkplaats" in message.body


def test_telling_a_standalone_ask_again_sends_nothing_more(directly, make_resident, post):
    fatima = make_resident("Fatima Yilmaz")
    mail.outbox.clear()
    ask = post()
    assert len(_to(fatima)) == 1
    # A second worker, or the same task run again after a crash.
    assert services.prepare_notices(ask_ids=[ask.pk]) == 1  # found again, kept once
    services.send_due()
    assert NoticeItem.objects.filter(ask=ask).count() == 1
    assert len(_to(fatima)) == 1


def test_a_digest_leaves_out_an_ask_closed_or_emptied_meanwhile(
    directly, make_resident, post, sem, settings
):
    fatima = make_resident("Fatima Yilmaz", rhythm=Rhythm.DAILY)
    noor = make_resident("Noor Haddad", "Fiets repareren", rhythm=Rhythm.DAILY)
    closed = post("een fiets kan repareren")
    sem_access = collective_access(sem.user, sem.collective.slug)
    resident_services.close_my_ask(access=sem_access, resident=sem, ask=closed)
    assert NoticeItem.objects.filter(ask=closed).count() == 2
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    services.send_due(now=tomorrow.replace(hour=settings.KRING_NOTICES_DIGEST_HOUR + 1))
    assert not _to(fatima) and not _to(noor)
    assert set(NoticeDelivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SKIPPED}
    # The asker is erased before the next digest: his emptied ask is not told either.
    mail.outbox.clear()
    NoticeDelivery.objects.all().delete()
    open_ask = post("mijn fiets kan repareren")
    erase_resident(actor=None, resident=sem)
    assert Ask.objects.get(pk=open_ask.pk).text == ""
    services.send_due(now=tomorrow.replace(hour=settings.KRING_NOTICES_DIGEST_HOUR + 1))
    assert not _to(fatima) and not _to(noor)


def test_withdrawn_consent_or_unsubscribing_stops_notices_of_asks(
    directly, make_resident, post, builder
):
    from kring.people import services as people_services

    fatima = make_resident("Fatima Yilmaz")
    noor = make_resident("Noor Haddad", "Fiets repareren", scope=Scope.AREA)
    people_services.set_consents(
        access=builder, resident=fatima, purposes={"inventaris"}, method="digitaal"
    )
    services.set_preference(
        resident=noor, rhythm=Rhythm.OFF, scope=Scope.AREA, changed_by="bewoner"
    )
    mail.outbox.clear()
    post()
    assert not _to(fatima) and not _to(noor)


def test_notices_of_asks_are_logged_per_recipient_without_the_content(
    directly, make_resident, post, caplog
):
    fatima = make_resident("Fatima Yilmaz")
    with caplog.at_level("INFO", logger="kring.notices.services"):
        post("mijn fiets bij de Haringvliet kan repareren")
    (delivery,) = NoticeDelivery.objects.filter(resident=fatima)
    assert delivery.status == DeliveryStatus.SENT and delivery.asks == 1
    lines = [r.getMessage() for r in caplog.records if "delivery" in r.getMessage()]
    assert lines == [f"notice delivery {delivery.pk} to resident {fatima.pk}: sent, 1 asks"]
    text = " ".join(r.getMessage() for r in caplog.records)
    for secret in ("Fatima", "Sem", "Haringvliet", "fiets", fatima.email):
        assert secret not in text


def test_a_notice_item_names_a_need_or_an_ask_never_both(make_resident, initiative, post):
    from django.db import IntegrityError, transaction

    fatima = make_resident("Fatima Yilmaz")
    ask = post()
    need = factories.NeedFactory(initiative=initiative, text="Fiets")
    for kwargs in ({}, {"need": need, "ask": ask}):
        with pytest.raises(IntegrityError), transaction.atomic():
            NoticeItem.objects.create(resident=fatima, found_at=timezone.now(), **kwargs)
