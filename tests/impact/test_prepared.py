"""The dashboard answers from the last figures the background worker made: older figures are
shown with their time while new ones are made (one task for many changes), a withdrawal takes
kept figures away at once, and a gemeente's first question reads what was made before."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django_tasks import default_task_backend

from kring.communities.models import Role
from kring.impact import aggregates, prepared, services, suppression, tasks
from kring.impact.models import PreparedFigures, ShareGroup
from kring.people.models import Resident

from .. import factories
from .world import YEAR, make_world


@pytest.fixture
def exact(settings):
    settings.KRING_SUPPRESSION_ROUNDING = 1
    settings.KRING_SUPPRESSION_THRESHOLD = 10


@pytest.fixture
def worker(settings):
    """A background worker: tasks are queued (and run by the test when it says so)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


def _queued(backend) -> list:
    return [r for r in backend.results if r.task.name == "prepare_figures"]


def _run_queued(backend) -> None:
    """What the worker does: run the queued preparations (run_after is not waited for)."""
    for result in _queued(backend):
        tasks.prepare_figures.call(*result.args, **result.kwargs)
    backend.clear()


def _new_residents(collective, buurt, n: int, month: int = 3) -> None:
    batch = [
        Resident.objects.create(collective=collective, name=f"Nieuw {i}", neighbourhood=buurt)
        for i in range(n)
    ]
    when = timezone.make_aware(datetime.datetime(YEAR, month, 10, 12))
    Resident.objects.filter(pk__in=[r.pk for r in batch]).update(created_at=when)


def _admin(access_for, collective):
    user = factories.UserFactory(email=f"admin-{collective.slug}@example.org")
    factories.MembershipFactory(user=user, collective=collective, role=Role.ADMIN)
    return access_for(user, collective)


def _refuse_counting(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("counted in the request")

    monkeypatch.setattr(aggregates, "base_cells", refuse)
    monkeypatch.setattr(suppression, "protect", refuse)


def test_an_older_answer_is_shown_while_new_figures_are_made(
    municipality, official, exact, worker, django_capture_on_commit_callbacks, monkeypatch
):
    world = make_world(municipality)
    collective, buurt = world["collectives"][0], world["buurten"][0]
    prepared.prepare(municipality=municipality, year=YEAR)
    first = prepared.answer(user=official, year=YEAR)
    assert not first.stale and first.figures is not None
    before = first.figures.get("residents").value

    with django_capture_on_commit_callbacks(execute=True):
        _new_residents(collective, buurt, 12)
    with monkeypatch.context() as m:
        _refuse_counting(m)
        stale = prepared.answer(user=official, year=YEAR)
    assert stale.stale
    assert stale.made_at == first.made_at
    assert stale.figures.get("residents").value == before  # the older figures, at once
    assert len(_queued(worker)) == 1

    _run_queued(worker)
    fresh = prepared.answer(user=official, year=YEAR)
    assert not fresh.stale and fresh.made_at > first.made_at
    assert fresh.figures.get("residents").value == before + 12
    assert _queued(worker) == []


def test_the_page_says_how_old_the_figures_are(
    client, municipality, official, worker, django_capture_on_commit_callbacks
):
    world = make_world(municipality)
    prepared.prepare(municipality=municipality, year=YEAR)
    client.force_login(official)
    url = reverse("impact:dashboard") + f"?year={YEAR}"
    page = client.get(url).content.decode()
    assert "Deze cijfers zijn van" in page
    assert "Nieuwe cijfers worden gemaakt" not in page
    with django_capture_on_commit_callbacks(execute=True):
        _new_residents(world["collectives"][0], world["buurten"][0], 3)
    page = client.get(url).content.decode()
    assert "Deze cijfers zijn van" in page
    assert "Nieuwe cijfers worden gemaakt; ververs de pagina over een minuut." in page
    assert "aria-live" not in page.split("impact-freshness")[1][:400]


def test_many_changes_make_one_task_until_it_starts(
    municipality, official, worker, django_capture_on_commit_callbacks
):
    world = make_world(municipality)
    collective, buurt = world["collectives"][0], world["buurten"][0]
    prepared.prepare(municipality=municipality, year=YEAR)
    for _ in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            _new_residents(collective, buurt, 1)
        prepared.answer(user=official, year=YEAR)  # the dashboard asks meanwhile
    queued = _queued(worker)
    assert len(queued) == 1
    assert queued[0].args == [municipality.pk]
    assert queued[0].task.run_after is not None  # the changes of the next moments join it
    _run_queued(worker)
    # A change after the task started asks again.
    with django_capture_on_commit_callbacks(execute=True):
        _new_residents(collective, buurt, 1)
    assert len(_queued(worker)) == 1


@pytest.mark.parametrize("left", [[], [ShareGroup.ACTIVITIES, ShareGroup.ASSETS]])
def test_a_withdrawal_takes_the_kept_figures_away_at_once(
    client, municipality, official, exact, worker, access_for, left, monkeypatch
):
    world = make_world(municipality)
    collective = world["collectives"][0]
    prepared.prepare(municipality=municipality, year=YEAR)
    kept = cache.get(f"impact:prepared:{municipality.pk}:{YEAR}")
    client.force_login(official)
    url = reverse("impact:dashboard") + f"?year={YEAR}"
    page = client.get(url).content.decode()
    assert "Collectief a" in page and "Deze cijfers zijn van" in page

    services.set_sharing(
        access=_admin(access_for, collective), municipality=municipality, groups=left
    )
    assert not PreparedFigures.objects.filter(municipality=municipality).exists()
    with monkeypatch.context() as m:
        _refuse_counting(m)
        page = client.get(url).content.decode()
    assert "De cijfers worden voorbereid" in page
    assert "Deze cijfers zijn van" not in page  # no old numbers
    assert 'class="impact-table"' not in page
    # Another node's cache still holding the old figures does not bring them back.
    cache.set(f"impact:prepared:{municipality.pk}:{YEAR}", kept)
    assert prepared.answer(user=official, year=YEAR).figures is None
    # The worker makes new ones without what was withdrawn.
    _run_queued(worker)
    tasks.prepare_figures.call(municipality.pk, [YEAR])
    figures = prepared.answer(user=official, year=YEAR).figures
    shared = {c["id"]: c["groups"] for c in figures.collectives}
    if left:
        assert shared[collective.pk] == sorted(left)
        assert figures.get("residents", f"C:{collective.pk}").value == 0
    else:
        assert collective.pk not in shared


def test_the_first_question_reads_what_was_made_when_sharing_started(
    client,
    municipality,
    official,
    exact,
    worker,
    access_for,
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    world = make_world(municipality, share=False)
    collective = world["collectives"][0]
    with django_capture_on_commit_callbacks(execute=True):
        services.set_sharing(
            access=_admin(access_for, collective),
            municipality=municipality,
            groups=list(ShareGroup.values),
        )
    assert len(_queued(worker)) == 1
    _run_queued(worker)
    client.force_login(official)
    with monkeypatch.context() as m:
        _refuse_counting(m)
        response = client.get(reverse("impact:dashboard") + f"?year={YEAR}")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Deze cijfers zijn van" in page and "Collectief a" in page
    assert "Nieuwe cijfers worden gemaakt" not in page


def test_with_nothing_made_yet_the_page_says_so_without_counting(
    client, municipality, official, worker, monkeypatch, django_capture_on_commit_callbacks
):
    make_world(municipality)
    client.force_login(official)
    with monkeypatch.context() as m, django_capture_on_commit_callbacks(execute=True):
        _refuse_counting(m)
        response = client.get(reverse("impact:dashboard"))
        again = client.get(reverse("impact:dashboard"))
    page = response.content.decode()
    assert response.status_code == 200 and again.status_code == 200
    assert "De cijfers worden voorbereid" in page
    assert "Collectief a, Collectief b, Collectief c" in page  # who shares, no figure
    assert len(_queued(worker)) == 1  # asked once, not once per visit


def test_a_new_municipality_account_has_its_figures_made(
    municipality, worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        factories.UserFactory(email="nieuw@example.org", municipality=municipality)
    queued = _queued(worker)
    assert [r.args for r in queued] == [[municipality.pk]]
    assert queued[0].task.run_after is None


def test_kept_figures_are_the_suppressed_figures_and_never_more(municipality, official, exact):
    make_world(municipality)
    prepared.prepare(municipality=municipality, year=YEAR)
    kept = prepared.answer(user=official, year=YEAR).figures
    cache.clear()
    made = aggregates.municipality_figures(user=official, year=YEAR)
    assert kept._cells == made._cells
    statuses = {f.status for f in kept.all()}
    assert suppression.SMALL in statuses  # the world has small counts: they stay hidden
    row = PreparedFigures.objects.get(municipality=municipality, year=YEAR)
    for values, statuses in row.data["cells"].values():
        assert all(
            v is None for v, s in zip(values, statuses, strict=True) if s != suppression.SHOWN
        )


def test_figures_made_with_a_lower_threshold_are_not_shown(
    municipality, official, exact, worker, settings
):
    make_world(municipality)
    prepared.prepare(municipality=municipality, year=YEAR)
    settings.KRING_SUPPRESSION_THRESHOLD = 20
    assert prepared.answer(user=official, year=YEAR).figures is None


def test_a_change_that_announces_nothing_is_still_seen(
    municipality, official, exact, worker, django_capture_on_commit_callbacks
):
    """A bulk write sends no signal: the collectives' fingerprints still show the change."""
    world = make_world(municipality)
    prepared.prepare(municipality=municipality, year=YEAR)
    cache.delete(tasks.changed_key(municipality.pk))
    assert not prepared.answer(user=official, year=YEAR).stale
    Resident.objects.bulk_create(
        [
            Resident(
                collective=world["collectives"][0], name="Stil", neighbourhood=world["buurten"][0]
            )
        ]
    )
    with django_capture_on_commit_callbacks(execute=True):
        answer = prepared.answer(user=official, year=YEAR)
    assert answer.stale and answer.figures is not None
    assert len(_queued(worker)) == 1
