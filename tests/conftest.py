"""Shared fixtures. The trio follows healthchecks' habit: alice (admin of one collective),
bob (buurtmaker there), charlie (member of another collective: no access to alice's stuff)."""

import pytest

from kring.communities.models import Role

from . import factories


@pytest.fixture(autouse=True)
def _dutch_first():
    """Every test starts in Dutch: a request in English must not leak into the next test."""
    from django.utils import translation

    with translation.override("nl"):
        yield


@pytest.fixture(autouse=True)
def _media_and_mail(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.KRING_IMPORT_ROOT = tmp_path / "imports"
    settings.KRING_ARCHIVE_ROOT = tmp_path / "archives"
    settings.KRING_AUDIT_ANCHOR_DIR = tmp_path / "audit-anchors"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Argon2 on purpose costs time; tests need the behaviour, not the cost.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Background tasks run at once, so a test sees their result.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # Fixtures log in without a phone; tests/security switches the second step on.
    settings.KRING_REQUIRE_2FA = False
    # Counts kept in the cache (rate limits) start at zero for every test.
    from django.core.cache import cache

    cache.clear()
    # The typo vocabulary a process keeps per collective id: ids come back after a rollback
    # (SQLite), so a vocabulary kept by an earlier test would save this test a query.
    from kring.matching import typos

    typos.forget()


# Starter rows that data migrations put in (model, migration module, its forward function).
STARTER_DATA = [
    ("initiatives.PublicTask", "kring.initiatives.migrations.0002_starter_tasks", "add_tasks"),
    ("matching.SynonymGroup", "kring.matching.migrations.0003_starter_synonyms", "add"),
    ("impact.SocialValueProxy", "kring.impact.migrations.0002_starter_proxies", "add"),
    ("impact.SocialValueProxy", "kring.impact.migrations.0006_sourced_proxies", "add"),
    ("selfscan.Theme", "kring.selfscan.migrations.0002_starter_themes", "add_themes"),
    # Their English, filled in by the migrations that added the English fields.
    ("initiatives.PublicTask", "kring.initiatives.migrations.0009_english_names", "fill_english"),
    ("impact.SocialValueProxy", "kring.impact.migrations.0009_english_names", "fill_english"),
    ("impact.SocialValueProxy", "kring.impact.migrations.0010_repair_proxy", "add"),
    ("selfscan.Theme", "kring.selfscan.migrations.0004_english_names", "fill_english"),
]


@pytest.fixture(autouse=True)
def _starter_data_survives_flushes(request):
    """A transactional test (the browser tests) ends with a flush that also empties what data
    migrations put in. Before each test with database access, put it back if it is gone, so
    every test sees an installed Kring whatever ran before it on this worker."""
    import importlib

    from django.apps import apps

    try:
        empty = {
            label for label, _m, _f in STARTER_DATA if not apps.get_model(label).objects.exists()
        }
        # In migration order: a later data migration builds on an earlier one's rows.
        for label, module, function in STARTER_DATA:
            if label in empty:
                getattr(importlib.import_module(module), function)(apps, None)
    except RuntimeError:
        pass  # a test without database access (pytest-django refuses the query)
    yield


@pytest.fixture
def municipality(db):
    return factories.MunicipalityFactory(code="GM0599", name="Rotterdam")


@pytest.fixture
def neighbourhood(municipality):
    district = factories.DistrictFactory(
        municipality=municipality, code="WK059901", name="Oude Westen"
    )
    return factories.NeighbourhoodFactory(district=district, code="BU05990101", name="Gaffelstraat")


@pytest.fixture
def collective(municipality, neighbourhood):
    collective = factories.CollectiveFactory(
        name="Havenkwartier Coöperatie", slug="havenkwartier", municipality=municipality
    )
    collective.working_area.add(neighbourhood)
    return collective


@pytest.fixture
def other_collective(municipality):
    return factories.CollectiveFactory(
        name="Dorpshuis Elders", slug="elders", municipality=municipality
    )


@pytest.fixture
def alice(collective):
    user = factories.UserFactory(email="alice@example.org", name="Alice Admin")
    factories.MembershipFactory(user=user, collective=collective, role=Role.ADMIN)
    return user


@pytest.fixture
def bob(collective):
    user = factories.UserFactory(email="bob@example.org", name="Bob Buurtmaker")
    factories.MembershipFactory(user=user, collective=collective, role=Role.BUILDER)
    return user


@pytest.fixture
def mia(collective):
    """A plain member (lid) of alice's collective."""
    user = factories.UserFactory(email="mia@example.org", name="Mia Lid")
    factories.MembershipFactory(user=user, collective=collective, role=Role.MEMBER)
    return user


@pytest.fixture
def charlie(other_collective):
    user = factories.UserFactory(email="charlie@example.org", name="Charlie Elders")
    factories.MembershipFactory(user=user, collective=other_collective, role=Role.ADMIN)
    return user


@pytest.fixture
def official(municipality):
    """A municipality user of the same gemeente: sees aggregates only, never a resident."""
    return factories.UserFactory(
        email="ambtenaar@example.org", name="Olga Ambtenaar", municipality=municipality
    )


@pytest.fixture
def access_for():
    from kring.communities.access import collective_access

    def make(user, collective):
        return collective_access(user, collective.slug)

    return make
