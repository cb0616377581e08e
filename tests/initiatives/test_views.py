"""Initiatives as a buurtmaker and a member would use them: record, filter, needs under the
three questions, pledges and progress, attendance with ties and hours, quick connections."""

import datetime
import importlib
import re

import pytest
from django.utils import timezone

from kring.initiatives.models import (
    Activity,
    Connection,
    ConnectionKind,
    Initiative,
    NeedStatus,
    PublicTask,
)
from kring.privacy.models import AuditEntry
from tests import factories

BASE = "/c/havenkwartier"
starter = importlib.import_module("kring.initiatives.migrations.0002_starter_tasks")


@pytest.fixture
def residents(collective):
    return [
        factories.ResidentFactory(collective=collective, name=name)
        for name in ("Fatima El Amrani", "Henk de Vries", "Ilse Jansen")
    ]


@pytest.mark.django_db
def test_a_new_initiative_keeps_its_needs_under_the_three_questions(
    client, bob, residents, neighbourhood, place
):
    client.force_login(bob)
    energy = PublicTask.objects.get(name="energietransitie")
    response = client.post(
        f"{BASE}/initiatives/new/",
        {
            "title": "Repair café in het Fort",
            "description": "Elke zaterdag samen spullen maken.",
            "status": "idee",
            "neighbourhood": neighbourhood.pk,
            "tasks": [energy.pk],
            "initiators": [residents[0].pk],
            "assets": [place.pk],
            "needs_self": "koffie zetten\nflyers uitdelen\n",
            "needs_with_help": "iemand die fietsen kan maken",
            "needs_institution": "vergunning van de gemeente",
            "goal_hours": "40",
        },
    )
    initiative = Initiative.objects.get()
    assert response.status_code == 302 and response.url == initiative.get_absolute_url()
    assert [n.text for n in initiative.needs.filter(question="zelf")] == [
        "koffie zetten",
        "flyers uitdelen",
    ]
    assert initiative.needs.get(question="instelling").text == "vergunning van de gemeente"
    page = client.get(response.url).content.decode()
    for heading in (
        "Wat doen bewoners zelf?",
        "Wat lukt met wat hulp?",
        "Wat moet een instelling doen?",
    ):
        assert heading in page
    assert page.index("Wat lukt met wat hulp?") < page.index("iemand die fietsen kan maken")
    assert "Fatima El Amrani" in page and "energietransitie" in page
    assert AuditEntry.objects.filter(target_type="initiatives.initiative").exists()


@pytest.mark.django_db
def test_a_wrong_form_answers_400_and_keeps_what_was_typed(client, bob):
    client.force_login(bob)
    response = client.post(
        f"{BASE}/initiatives/new/",
        {
            "title": "Moestuin",
            "status": "loopt",
            "start_date": "2026-12-01",
            "end_date": "2026-11-01",
            "needs_self": "zaaien",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "De einddatum ligt vóór de begindatum" in body
    assert 'value="Moestuin"' in body and "zaaien" in body
    assert not Initiative.objects.exists()


@pytest.mark.django_db
def test_the_list_filters_by_status_opgave_and_buurt(client, mia, collective, neighbourhood):
    youth = PublicTask.objects.get(name="jeugd")
    garden = factories.InitiativeFactory(
        collective=collective, title="Moestuin", status="loopt", neighbourhood=neighbourhood
    )
    garden.tasks.add(youth)
    factories.InitiativeFactory(collective=collective, title="Kerstmarkt", status="idee")
    client.force_login(mia)
    by_status = client.get(f"{BASE}/initiatives/", {"status": "idee"}).content.decode()
    assert "Kerstmarkt" in by_status and "Moestuin" not in by_status
    by_task = client.get(f"{BASE}/initiatives/", {"task": youth.pk}).content.decode()
    assert "Moestuin" in by_task and "Kerstmarkt" not in by_task
    by_buurt = client.get(f"{BASE}/initiatives/", {"neighbourhood": neighbourhood.pk})
    assert "Moestuin" in by_buurt.content.decode()
    assert "Kerstmarkt" not in by_buurt.content.decode()
    # Members look, buurtmakers record.
    assert client.get(f"{BASE}/initiatives/new/").status_code == 403


@pytest.mark.django_db
def test_needs_are_added_and_change_status(client, bob, initiative):
    client.force_login(bob)
    client.post(
        f"{BASE}/initiatives/{initiative.pk}/needs/",
        {"text": "een aanhanger lenen", "question": "met_hulp"},
    )
    need = initiative.needs.get()
    client.post(f"{BASE}/needs/{need.pk}/status/", {"status": "vervuld"})
    need.refresh_from_db()
    assert need.status == NeedStatus.MET
    empty = client.post(f"{BASE}/initiatives/{initiative.pk}/needs/", {"question": "zelf"})
    assert empty.status_code == 400


@pytest.mark.django_db
def test_pledges_show_progress_towards_the_goal(client, bob, initiative, residents):
    initiative.goal_hours = 20
    initiative.goal_money = 500
    initiative.save()
    client.force_login(bob)
    today = timezone.localdate().isoformat()
    for data in (
        {"resident": residents[0].pk, "kind": "uren", "amount": "5", "pledged_on": today},
        {"resident": residents[1].pk, "kind": "geld", "amount": "125", "pledged_on": today},
        {
            "resident": residents[2].pk,
            "kind": "materiaal",
            "description": "gereedschapskist",
            "pledged_on": today,
        },
    ):
        assert (
            client.post(f"{BASE}/initiatives/{initiative.pk}/pledges/new/", data).status_code == 302
        )
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "Uren hulp beloofd: 5 van 20" in page
    assert "Geld beloofd: € 125,00 van € 500,00" in page
    assert "gereedschapskist" in page
    missing = client.post(
        f"{BASE}/initiatives/{initiative.pk}/pledges/new/",
        {"resident": residents[0].pk, "kind": "geld", "pledged_on": today},
    )
    assert missing.status_code == 400
    assert "Vul in hoeveel uren of euro" in missing.content.decode()


@pytest.mark.django_db
def test_attendance_ties_the_people_who_met_and_adds_hours(
    client, bob, initiative, place, residents
):
    activity = factories.ActivityFactory(initiative=initiative, place=place)
    client.force_login(bob)
    response = client.post(
        f"{BASE}/activities/{activity.pk}/attendance/",
        {"attendees": [r.pk for r in residents], "hours_given": "6", "version": 1},
    )
    assert response.status_code == 302
    met = Connection.objects.filter(activity=activity)
    assert met.filter(other_resident__isnull=False).count() == 3  # three pairs
    assert met.filter(asset=place).count() == 3  # each with the place
    assert Connection.objects.filter(kind=ConnectionKind.JOINED).count() == 3
    assert set(initiative.participants.all()) == set(residents)
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "Uren hulp gegeven bij activiteiten: 6" in page
    # The activity page lists the six ties per person: one line each, every pair once.
    activity_page = client.get(f"{BASE}/activities/{activity.pk}/")
    lines = re.findall(r'<span class="tie">(.*?)</span>', activity_page.content.decode(), re.S)
    assert "6 verbindingen, per persoon:" in activity_page.content.decode()
    assert len(lines) == 3
    named = [line.count(",") + 1 for line in lines]
    assert sorted(named) == [1, 2, 3]  # with the two others and the place; then one fewer
    assert all(place.title in line for line in lines)
    # Recording again without Ilse removes her ties and makes no doubles.
    client.post(
        f"{BASE}/activities/{activity.pk}/attendance/",
        {"attendees": [r.pk for r in residents[:2]], "hours_given": "4", "version": 2},
    )
    assert met.filter(other_resident__isnull=False).count() == 1
    assert met.filter(asset=place).count() == 2
    activity.refresh_from_db()
    assert activity.hours_given == 4
    assert activity.items_repaired == 0  # left empty: nothing repaired


@pytest.mark.django_db
def test_attendance_at_a_repair_cafe_counts_what_works_again(client, bob, initiative, place):
    activity = factories.ActivityFactory(initiative=initiative, place=place)
    client.force_login(bob)
    url = f"{BASE}/activities/{activity.pk}/attendance/"
    form = client.get(url).content.decode()
    assert 'name="items_repaired"' in form and "Hoeveel spullen werken weer?" in form
    wrong = client.post(url, {"hours_given": "6", "items_repaired": "-2", "version": 1})
    assert wrong.status_code == 400
    page = wrong.content.decode()
    assert 'value="-2"' in page and 'value="6"' in page  # what was typed stays
    activity.refresh_from_db()
    assert activity.items_repaired == 0 and activity.version == 1
    done = client.post(url, {"hours_given": "6", "items_repaired": "11", "version": 1})
    assert done.status_code == 302
    activity.refresh_from_db()
    assert activity.items_repaired == 11
    assert "Spullen gerepareerd" in client.get(activity.get_absolute_url()).content.decode()
    # The form opens with what was recorded.
    assert 'value="11"' in client.get(url).content.decode()


@pytest.mark.django_db
def test_quick_entry_of_a_connection_and_the_log_filters(client, bob, residents, place):
    client.force_login(bob)
    today = timezone.localdate()
    response = client.post(
        f"{BASE}/connections/new/",
        {
            "resident": residents[0].pk,
            "other_resident": residents[1].pk,
            "kind": "burenhulp",
            "happened_on": today.isoformat(),
        },
    )
    assert response.status_code == 302
    both = client.post(
        f"{BASE}/connections/new/",
        {
            "resident": residents[0].pk,
            "other_resident": residents[1].pk,
            "asset": place.pk,
            "kind": "voorgesteld",
            "happened_on": today.isoformat(),
        },
    )
    assert both.status_code == 400
    assert "één van de twee" in both.content.decode()
    client.post(
        f"{BASE}/connections/new/",
        {
            "resident": residents[2].pk,
            "asset": place.pk,
            "kind": "voorgesteld",
            "happened_on": (today - datetime.timedelta(days=3)).isoformat(),
        },
    )
    # The list itself, as htmx asks for it (the filter's choices name everyone).
    log = client.get(f"{BASE}/connections/", HTTP_HX_REQUEST="true").content.decode()
    assert log.index("Henk de Vries") < log.index("Buurthuis De Kade")  # newest first
    helped = client.get(
        f"{BASE}/connections/", {"kind": "burenhulp"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Henk de Vries" in helped and "Ilse Jansen" not in helped


@pytest.mark.django_db
def test_the_agenda_shows_this_week_and_each_place_its_bookings(client, mia, initiative, place):
    today = timezone.localdate()
    factories.ActivityFactory(initiative=initiative, place=place, title="Repair café", date=today)
    factories.ActivityFactory(
        initiative=initiative, place=place, title="Later", date=today + datetime.timedelta(days=14)
    )
    client.force_login(mia)
    agenda = client.get(f"{BASE}/agenda/").content.decode()
    assert "Repair café" in agenda and "Later" not in agenda
    assert "Printen" in agenda
    calendar = client.get(f"{BASE}/places/{place.pk}/calendar/").content.decode()
    assert "Repair café" in calendar and "Later" in calendar
    nonsense = client.get(f"{BASE}/agenda/", {"week": "geen-datum"})
    assert nonsense.status_code == 200


@pytest.mark.django_db
def test_starter_opgaven_are_shipped_and_can_be_removed_again():
    from django.apps import apps

    assert PublicTask.objects.filter(name__in=["zorg en welzijn", "eenzaamheid"]).count() == 2
    starter.remove_tasks(apps, None)
    assert not PublicTask.objects.exists()
    starter.add_tasks(apps, None)
    assert PublicTask.objects.count() == len(starter.STARTER_TASKS)


@pytest.mark.django_db
def test_activities_need_an_end_after_the_start(client, bob, initiative):
    client.force_login(bob)
    response = client.post(
        f"{BASE}/initiatives/{initiative.pk}/activities/new/",
        {"title": "Koffie", "date": "2026-11-28", "start_time": "12:00", "end_time": "11:00"},
    )
    assert response.status_code == 400
    assert "De eindtijd moet later zijn" in response.content.decode()
    assert not Activity.objects.exists()
