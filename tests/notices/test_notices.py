"""Notices of new asks: who hears of them, how often, exactly once, and never without consent."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from kring.core.bulkmail import DeliveryStatus
from kring.notices import services
from kring.notices.models import (
    NoticeDelivery,
    NoticeItem,
    NoticePreference,
    Rhythm,
    Scope,
)
from kring.people import services as people_services
from kring.people.models import ConsentPurpose

pytestmark = pytest.mark.django_db


def _to(resident):
    return [m for m in mail.outbox if m.to == [resident.email]]


def test_a_new_ask_reaches_the_residents_whose_gifts_fit_with_the_reason(
    make_resident, ask, other_buurt
):
    fits = make_resident("Fatima Yilmaz", "Fietsen repareren en banden plakken")
    other_gift = make_resident("Kees Bakker", "Taarten bakken")
    no_consent = make_resident("Ria de Vries", "Fietsen repareren", consent=False)
    elsewhere = make_resident("Joop Smit", "Fietsen repareren", buurt=other_buurt)
    whole_area = make_resident(
        "Noor Haddad", "Fiets repareren", buurt=other_buurt, scope=Scope.AREA
    )
    not_asked = make_resident("Piet Jansen", "Fietsen repareren", rhythm=None)
    need = ask("Iemand die fietsen kan repareren voor de kinderen")

    told = set(NoticeItem.objects.filter(need=need).values_list("resident_id", flat=True))
    assert told == {fits.pk, whole_area.pk}
    for person in (other_gift, no_consent, elsewhere, not_asked):
        assert not _to(person)
    (message,) = _to(fits)
    assert "Iemand die fietsen kan repareren" in message.body
    assert "Fietsen repareren en banden plakken" in message.body
    assert "woont in dezelfde buurt" in message.body  # the engine's reason
    assert "Beste Fatima," in message.body
    assert len(_to(whole_area)) == 1


def test_every_notice_has_one_click_unsubscribe_headers_and_a_rhythm_link(
    make_resident, ask, client
):
    person = make_resident("Fatima Yilmaz")
    ask("Wie kan fietsen repareren?")
    (message,) = _to(person)
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith("<http") and header.endswith(">")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = header[1:-1]
    assert unsubscribe in message.body
    rhythm_link = unsubscribe.removesuffix("unsubscribe/")
    assert rhythm_link in message.body.replace(unsubscribe, "")
    # RFC 8058: the mail program posts "List-Unsubscribe=One-Click" without a form or cookie.
    path = unsubscribe.split("://", 1)[1].split("/", 1)[1]
    client.handler.enforce_csrf_checks = True
    response = client.post(
        "/" + path,
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    person.notice_preference.refresh_from_db()
    assert person.notice_preference.rhythm == Rhythm.OFF
    mail.outbox.clear()
    ask("Fietsen repareren voor de buurtfietsen")
    assert not _to(person)


def test_a_tampered_link_changes_nothing(make_resident, client):
    person = make_resident("Fatima Yilmaz")
    token = services.preference_token(person)
    response = client.post(f"/notices/{token}x/unsubscribe/")
    assert response.status_code == 404
    person.notice_preference.refresh_from_db()
    assert person.notice_preference.rhythm == Rhythm.IMMEDIATE


def test_the_resident_changes_the_rhythm_through_the_link_without_logging_in(make_resident, client):
    person = make_resident("Fatima Yilmaz")
    token = services.preference_token(person)
    page = client.get(f"/notices/{token}/")
    assert page.status_code == 200
    assert "Hoe vaak wilt u een bericht?" in page.content.decode()
    response = client.post(f"/notices/{token}/", {"rhythm": "wekelijks", "scope": "gebied"})
    assert response.status_code == 200
    person.notice_preference.refresh_from_db()
    assert (person.notice_preference.rhythm, person.notice_preference.scope) == (
        Rhythm.WEEKLY,
        Scope.AREA,
    )
    assert person.notice_preference.changed_by == "bewoner"
    bad = client.post(f"/notices/{token}/", {"rhythm": "elk uur", "scope": "gebied"})
    assert bad.status_code == 200
    assert "Kies hoe vaak u een bericht wilt" in bad.content.decode()


def test_withdrawing_consent_stops_mails_at_once(make_resident, ask, builder, settings):
    person = make_resident("Fatima Yilmaz", rhythm=Rhythm.DAILY)
    ask("Wie kan fietsen repareren?")
    assert NoticeItem.objects.filter(resident=person, delivery__isnull=True).count() == 1
    people_services.set_consents(
        access=builder, resident=person, purposes={ConsentPurpose.INVENTORY}, method="digitaal"
    )
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    services.send_due(now=tomorrow.replace(hour=settings.KRING_NOTICES_DIGEST_HOUR + 1))
    assert not _to(person)
    assert NoticeDelivery.objects.get(resident=person).status == DeliveryStatus.SKIPPED


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _found(person, need, when):
    NoticeItem.objects.create(resident=person, need=need, reason="", found_at=when)


@pytest.mark.parametrize(
    ("rhythm", "days", "most"),
    [(Rhythm.DAILY, 1, 1), (Rhythm.WEEKLY, 7, 1)],
)
def test_digests_never_come_more_often_than_chosen(
    make_resident, initiative, settings, rhythm, days, most
):
    from tests import factories

    settings.KRING_NOTICES_DIGEST_HOUR = 7
    person = make_resident("Fatima Yilmaz", rhythm=rhythm)
    monday = datetime.date(2026, 11, 30)
    sent_per_period: dict[int, int] = {}
    # Asks keep coming all day, every day, for three weeks; the worker runs every hour.
    for offset in range(21):
        day = monday + datetime.timedelta(days=offset)
        for hour in range(0, 24, 2):
            need = factories.NeedFactory(initiative=initiative, text="Fiets repareren")
            _found(person, need, _at(day, hour))
            before = len(_to(person))
            services.send_due(now=_at(day, hour, 30))
            if len(_to(person)) > before:
                assert hour >= 7, "a digest goes at the digest hour or later, never before"
                sent_per_period[offset // days] = sent_per_period.get(offset // days, 0) + 1
    assert set(sent_per_period.values()) == {most}
    assert len(sent_per_period) == 21 // days
    # Nothing is told twice and nothing is lost: every ask found before the last digest is in one.
    told = NoticeItem.objects.filter(resident=person, delivery__status=DeliveryStatus.SENT)
    assert (
        told.count()
        == NoticeItem.objects.filter(
            resident=person,
            found_at__lt=services.digest_moment(
                rhythm, _at(monday, 0) + datetime.timedelta(days=20, hours=23)
            ),
        ).count()
    )


def test_immediate_notices_come_per_ask_and_each_ask_only_once(make_resident, ask):
    person = make_resident("Fatima Yilmaz")
    first = ask("Wie kan fietsen repareren?")
    ask("Fietsen repareren voor de buurtfietsen")
    assert len(_to(person)) == 2
    services.prepare_notices(need_ids=[first.pk])  # the same need again: a second worker
    services.send_due()
    assert len(_to(person)) == 2


def test_a_second_worker_while_the_first_is_sending_sends_nothing(
    make_resident, initiative, monkeypatch
):
    """The claim race: worker 2 runs between worker 1's claim and its mail."""
    from kring.notices import mail as notice_mail
    from tests import factories

    person = make_resident("Fatima Yilmaz")
    need = factories.NeedFactory(initiative=initiative, text="Fiets repareren")
    _found(person, need, timezone.now())
    send = notice_mail.send_notice
    second: list[dict] = []

    def send_while_another_worker_runs(*args, **kwargs):
        second.append(services.send_due())
        return send(*args, **kwargs)

    monkeypatch.setattr(notice_mail, "send_notice", send_while_another_worker_runs)
    assert services.send_due() == {DeliveryStatus.SENT: 1}
    assert second == [{}]
    assert len(_to(person)) == 1


def test_a_worker_that_finds_the_period_taken_sends_nothing(make_resident, initiative, settings):
    """The other order: worker 1 committed the day's row first; worker 2 cannot claim it."""
    from tests import factories

    person = make_resident("Fatima Yilmaz", rhythm=Rhythm.DAILY)
    day = timezone.localdate()
    need = factories.NeedFactory(initiative=initiative, text="Fiets repareren")
    _found(person, need, _at(day - datetime.timedelta(days=1), 12))
    now = _at(day, settings.KRING_NOTICES_DIGEST_HOUR, 30)
    NoticeDelivery.objects.create(
        resident=person,
        rhythm=Rhythm.DAILY,
        period=f"dag-{day.isoformat()}",
        status=DeliveryStatus.CLAIMED,
        claimed_at=now,
    )
    assert services.send_due(now=now) == {}
    assert not _to(person)
    assert NoticeItem.objects.get(resident=person).delivery is None


def test_a_crash_after_the_claim_never_sends_twice(make_resident, initiative, monkeypatch):
    from kring.notices import mail as notice_mail
    from tests import factories

    person = make_resident("Fatima Yilmaz")
    _found(person, factories.NeedFactory(initiative=initiative, text="Fiets"), timezone.now())

    def crash(*args, **kwargs):
        raise SystemExit("worker killed")

    monkeypatch.setattr(notice_mail, "send_notice", crash)
    with pytest.raises(SystemExit):
        services.send_due()
    monkeypatch.undo()
    assert services.send_due() == {}  # the claimed row stays: at most once
    assert not _to(person)


def test_a_failed_mail_is_tried_again_later(make_resident, initiative, monkeypatch, caplog):
    from kring.notices import mail as notice_mail
    from tests import factories

    person = make_resident("Fatima Yilmaz")
    _found(person, factories.NeedFactory(initiative=initiative, text="Fiets"), timezone.now())

    def refused(*args, **kwargs):
        raise OSError("mail server away")

    monkeypatch.setattr(notice_mail, "send_notice", refused)
    assert services.send_due() == {DeliveryStatus.FAILED: 1}
    monkeypatch.undo()
    assert services.send_due() == {DeliveryStatus.SENT: 1}
    assert len(_to(person)) == 1


def test_sending_is_logged_per_recipient_without_the_content(make_resident, ask, caplog):
    person = make_resident("Fatima Yilmaz")
    with caplog.at_level("INFO", logger="kring.notices.services"):
        ask("Wie kan fietsen repareren bij Fatima thuis?")
    (delivery,) = NoticeDelivery.objects.filter(resident=person)
    assert delivery.status == DeliveryStatus.SENT and delivery.asks == 1
    lines = [r.getMessage() for r in caplog.records if "delivery" in r.getMessage()]
    assert lines == [f"notice delivery {delivery.pk} to resident {person.pk}: sent, 1 asks"]
    text = " ".join(r.getMessage() for r in caplog.records)
    assert "Fatima" not in text and "fietsen" not in text and person.email not in text


def test_the_buurtmaker_sets_the_choice_with_the_residents_say_so(
    make_resident, client, bob, collective
):
    person = make_resident("Fatima Yilmaz", rhythm=None)
    client.force_login(bob)
    url = f"/c/{collective.slug}/residents/{person.pk}/notices/"
    page = client.get(url)
    assert page.status_code == 200
    refused = client.post(url, {"rhythm": "dagelijks", "scope": "buurt"})
    assert "Vink aan dat de bewoner dit zelf wil" in refused.content.decode()
    assert not NoticePreference.objects.filter(resident=person).exists()
    response = client.post(url, {"rhythm": "dagelijks", "scope": "buurt", "agreed": "on"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.notice_preference.rhythm == Rhythm.DAILY
    assert person.notice_preference.changed_by == "buurtmaker"
    assert person.notice_preference.recorded_by == bob


def test_another_collective_cannot_set_a_residents_choice(make_resident, client, charlie):
    person = make_resident("Fatima Yilmaz", rhythm=None)
    client.force_login(charlie)
    response = client.post(
        f"/c/{person.collective.slug}/residents/{person.pk}/notices/",
        {"rhythm": "direct", "scope": "buurt", "agreed": "on"},
    )
    assert response.status_code == 404
