"""The background worker prepares the municipality figures (counts and suppression patterns in
``FigureStore``) when what a gemeente sees changes, so its first question finds them."""

import numpy as np
import pytest
from django.core.cache import cache

from kring.communities.models import Role
from kring.impact import aggregates, lattice, prepared, services, suppression, tasks
from kring.impact.aggregates import municipality_figures
from kring.impact.models import FigureStore, ShareGroup
from kring.people.models import Resident

from .. import factories
from .world import YEAR, make_world


@pytest.fixture
def exact(settings):
    settings.KRING_SUPPRESSION_ROUNDING = 1
    settings.KRING_SUPPRESSION_THRESHOLD = 10


def _admin_access(access_for, collective):
    user = factories.UserFactory(email=f"admin-{collective.slug}@example.org")
    factories.MembershipFactory(user=user, collective=collective, role=Role.ADMIN)
    return access_for(user, collective)


def _nothing_made_anew(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("made anew although prepared")

    monkeypatch.setattr(aggregates, "base_cells", refuse)
    monkeypatch.setattr(suppression, "protect", refuse)


def test_a_prepared_gemeente_is_answered_without_counting_or_suppressing(
    municipality, official, exact, monkeypatch
):
    make_world(municipality)
    tasks.prepare_figures.enqueue(municipality.pk, [YEAR])
    assert FigureStore.objects.filter(kind=FigureStore.Kind.COUNTS, year=YEAR).count() == 3
    cache.clear()  # another process: only FigureStore is shared
    with monkeypatch.context() as m:
        _nothing_made_anew(m)
        made = municipality_figures(user=official, year=YEAR)
    cache.clear()
    FigureStore.objects.all().delete()
    assert municipality_figures(user=official, year=YEAR)._cells == made._cells


def test_starting_to_share_prepares_the_gemeente(
    municipality, official, exact, access_for, monkeypatch, django_capture_on_commit_callbacks
):
    world = make_world(municipality, share=False)
    collective = world["collectives"][0]
    access = _admin_access(access_for, collective)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.set_sharing(
            access=access, municipality=municipality, groups=list(ShareGroup.values)
        )
    assert callbacks, "preparing waits for the choice to be saved"
    assert FigureStore.objects.filter(
        kind=FigureStore.Kind.COUNTS, collective=collective, year=YEAR
    ).exists()
    cache.clear()
    with monkeypatch.context() as m:
        _nothing_made_anew(m)
        figures = municipality_figures(user=official, year=YEAR)
    assert [c["id"] for c in figures.collectives] == [collective.pk]


def test_a_withdrawal_prepares_too_and_counts_at_once(
    municipality, official, exact, access_for, django_capture_on_commit_callbacks
):
    world = make_world(municipality)
    collective = world["collectives"][0]
    before = municipality_figures(user=official, year=YEAR)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.set_sharing(
            access=_admin_access(access_for, collective), municipality=municipality, groups=[]
        )
    assert callbacks
    after = municipality_figures(user=official, year=YEAR)
    assert collective.pk not in [c["id"] for c in after.collectives]
    assert after.get("residents", f"C:{collective.pk}").value == 0
    assert collective.pk in [c["id"] for c in before.collectives]


def test_a_change_is_prepared_once_a_minute_with_a_worker(
    municipality, settings, django_capture_on_commit_callbacks
):
    world = make_world(municipality)
    collective, buurt = world["collectives"][0], world["buurten"][0]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    default_task_backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        Resident.objects.create(collective=collective, name="Nieuw", neighbourhood=buurt)
        Resident.objects.create(collective=collective, name="Nog een", neighbourhood=buurt)
    queued = [r for r in default_task_backend.results if r.task.name == "prepare_figures"]
    assert len(queued) == 1
    assert queued[0].args == [municipality.pk]
    assert queued[0].task.run_after is not None


def test_without_a_worker_a_change_prepares_nothing_in_the_request(
    municipality, official, django_capture_on_commit_callbacks, monkeypatch
):
    world = make_world(municipality)
    collective, buurt = world["collectives"][0], world["buurten"][0]
    calls = []
    monkeypatch.setattr(prepared, "prepare", lambda **kw: calls.append(kw))
    with django_capture_on_commit_callbacks(execute=True):
        Resident.objects.create(collective=collective, name="Nieuw", neighbourhood=buurt)
    assert calls == []


@pytest.mark.parametrize("step", [1, 5, 10])
def test_rounding_many_cells_at_once_is_rounding_each(step):
    rng = np.random.default_rng(3)
    sums = np.concatenate(
        [
            rng.integers(0, 200, 500).astype(float),
            rng.integers(0, 400, 200) / 2,  # halves: where rounding rules differ
            np.round(rng.random(200) * 50, 1),
        ]
    ).reshape(-1, 1)
    assert lattice.rounded(sums, step) == [
        suppression.rounded(v, step) for v in sums.ravel().tolist()
    ]


def test_an_import_prepares_the_gemeente_too(
    municipality, access_for, settings, django_capture_on_commit_callbacks
):
    """An import writes in bulk, without the signals a save sends; it still has the worker
    prepare the figures of the gemeenten its collective shares with."""
    from django_tasks import default_task_backend

    from kring.imports import engine
    from tests.imports.conftest import csv_bytes, upload

    world = make_world(municipality)
    collective = world["collectives"][0]
    access = _admin_access(access_for, collective)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    cache.clear()
    rows = [["Naam", "E-mail", "Buurt"], ["Nieuwe Bewoner", "", ""]]
    job = upload(access, "bewoners", csv_bytes(rows))
    with django_capture_on_commit_callbacks(execute=True), job.file.open("rb") as binary:
        outcome = engine.run(job, binary, user=access.user)
    assert outcome.ok and outcome.counts["residents"] == 1
    queued = [r for r in default_task_backend.results if r.task.name == "prepare_figures"]
    assert [r.args for r in queued] == [[municipality.pk]]
