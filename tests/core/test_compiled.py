"""A query compiled once per process gives what the queryset gives, for every value it is run
with; the session store built on it reads live sessions and no expired or unknown one."""

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
from django.contrib.sessions.models import Session
from django.db.models import Exists, OuterRef
from django.utils import timezone

from kring.communities.models import Membership
from kring.core.compiled import CompiledQuery
from kring.core.sessions.db import SessionStore

from .. import factories


def memberships(user_id, since):
    return (
        Membership.objects.select_related("user", "collective", "collective__municipality")
        .filter(user_id=user_id, created_at__gte=since)
        .annotate(
            admin_elsewhere=Exists(
                Membership.objects.filter(user_id=OuterRef("user_id"), role="beheerder").exclude(
                    pk=OuterRef("pk")
                )
            )
        )
        .order_by("collective__name")
    )


@pytest.mark.django_db
def test_a_compiled_query_gives_what_the_queryset_gives(alice, charlie, collective):
    factories.MembershipFactory(user=charlie, collective=collective, role="lid")
    compiled = CompiledQuery(memberships, user_id=int, since=type(timezone.now()))
    long_ago = timezone.now() - timedelta(days=1)
    for user, since in [(alice, long_ago), (charlie, long_ago), (charlie, timezone.now())]:
        expected = list(memberships(user.pk, since))
        found = compiled.run(user_id=user.pk, since=since)
        assert [m.pk for m in found] == [m.pk for m in expected]
        for got, want in zip(found, expected, strict=True):
            assert got.collective.name == want.collective.name
            assert got.collective.municipality.name == want.collective.municipality.name
            assert got.user.email == want.user.email
            assert got.admin_elsewhere is want.admin_elsewhere
            assert got.created_at == want.created_at
    # Charlie is beheerder in Elders, so from his membership here he is one elsewhere.
    found = compiled.run(user_id=charlie.pk, since=long_ago)
    assert {m.collective.slug: m.admin_elsewhere for m in found} == {
        collective.slug: True,
        "elders": False,
    }
    assert compiled.run(user_id=-1, since=long_ago) == []


def test_a_value_that_does_not_reach_the_query_is_refused(db):
    compiled = CompiledQuery(lambda user_id: Membership.objects.all(), user_id=int)
    with pytest.raises(ValueError, match="user_id"):
        compiled.run(user_id=1)


@pytest.mark.django_db
def test_the_session_store_reads_live_sessions_only():
    django_store = DjangoSessionStore()
    django_store["who"] = "alice"
    django_store.create()
    assert SessionStore(django_store.session_key).load() == {"who": "alice"}
    Session.objects.filter(pk=django_store.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    expired = SessionStore(django_store.session_key)
    assert expired.load() == {}
    assert expired.session_key is None  # a new session is made, the old key is not reused
    assert SessionStore("x" * 32).load() == {}
