import io

import pytest
import shapely
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import transaction
from django.test import RequestFactory, override_settings
from shapely.geometry import shape

from kring.assets.models import Asset, Category, Tag
from kring.communities.models import Collective, Membership
from kring.core.models import User
from kring.demo.builder import DEMO_EMAILS, DEMO_SLUGS, PASSWORD, DemoError, load_demo
from kring.geo.models import Municipality, Neighbourhood
from kring.people.models import Consent, Conversation, Resident
from tests import factories

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Load the demo once for this module, inside a transaction that is rolled back at the
    end, so no other test ever sees it. Tests run in savepoints within it."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHER),
        transaction.atomic(),
    ):
        yield load_demo()
        transaction.set_rollback(True)


def demo_counts():
    collectives = Collective.objects.filter(slug__in=DEMO_SLUGS)
    ids = list(collectives.values_list("pk", flat=True))
    return {
        "collectives": len(ids),
        "residents": Resident.objects.filter(collective_id__in=ids).count(),
        "consents": Consent.objects.filter(resident__collective_id__in=ids).count(),
        "conversations": Conversation.objects.filter(collective_id__in=ids).count(),
        "assets": Asset.objects.filter(collective_id__in=ids).count(),
        "history": Asset.history.filter(collective_id__in=ids).count(),
        "tags": Tag.objects.filter(collective_id__in=ids).count(),
        "memberships": Membership.objects.filter(collective_id__in=ids).count(),
        "users": User.objects.filter(email__in=DEMO_EMAILS).count(),
        "buurten": Neighbourhood.objects.filter(is_sample=True).count(),
        "names": sorted(
            Resident.objects.filter(collective_id__in=ids).values_list("name", flat=True)
        ),
    }


@pytest.mark.django_db
def test_three_public_collectives_with_about_a_hundred_residents_each(demo):
    collectives = Collective.objects.filter(slug__in=DEMO_SLUGS).select_related("municipality")
    assert {c.kind for c in collectives} == {"cooperatie", "dorpshuis", "wijkcentrum"}
    for collective in collectives:
        assert collective.municipality.code == "GM9999"
        assert collective.is_public and collective.public_teaser and collective.public_description
        assert 90 <= collective.residents.count() <= 110
        area = set(collective.working_area.values_list("district__code", flat=True))
        assert len(area) == 1, "the working area is the buurten of one wijk"
        assert collective.working_area.count() >= 3


@pytest.mark.django_db
def test_assets_of_all_six_kinds_in_every_collective(demo):
    for collective in Collective.objects.filter(slug__in=DEMO_SLUGS):
        kinds = set(collective.assets.values_list("category", flat=True))
        assert kinds == set(Category.values), collective.slug
        institutions = collective.assets.filter(category=Category.INSTITUTION)
        assert not institutions.filter(institution_type="").exists()
        assert collective.tags.exists()


@pytest.mark.django_db
def test_every_gift_belongs_to_a_resident_with_active_inventory_consent(demo):
    gifts = Asset.objects.filter(category=Category.GIFT, collective__slug__in=DEMO_SLUGS)
    assert gifts.count() > 300
    allowed = Resident.objects.with_consent("inventaris")
    assert not gifts.exclude(resident__in=allowed).exists()
    # Seen by members only where the resident allowed it.
    assert (
        not gifts.filter(visibility="leden")
        .exclude(resident__in=Resident.objects.with_consent("leden"))
        .exists()
    )
    assert not gifts.filter(visibility="openbaar").exists()
    assert set(gifts.values_list("gift_kind", flat=True)) == {"hoofd", "handen", "hart"}


@pytest.mark.django_db
def test_residents_are_fictional_and_live_in_the_working_area(demo):
    residents = Resident.objects.filter(collective__slug__in=DEMO_SLUGS).select_related(
        "collective"
    )
    for resident in residents:
        domain = resident.email.rpartition("@")[2]
        assert domain in ("", "example.org", "example.nl")
        assert resident.neighbourhood_id in {n.pk for n in resident.collective.working_area.all()}
    assert residents.exclude(languages__startswith="Nederlands").exists()
    assert Conversation.objects.filter(resident__in=residents).count() > 200


@pytest.mark.django_db
def test_assets_with_an_address_lie_inside_their_buurt(demo):
    located = Asset.objects.filter(collective__slug__in=DEMO_SLUGS, latitude__isnull=False)
    assert located.filter(category=Category.PLACE).count() >= 12
    for asset in located.select_related("neighbourhood"):
        point = shapely.Point(asset.longitude, asset.latitude)
        assert shape(asset.neighbourhood.boundary).contains(point), asset.title
    places = Asset.objects.filter(collective__slug__in=DEMO_SLUGS, category=Category.PLACE)
    assert not places.filter(latitude__isnull=True).exists()
    assert not places.filter(opening_hours="").exists()


@pytest.mark.django_db
def test_every_asset_has_its_first_history_record(demo):
    assets = Asset.objects.filter(collective__slug__in=DEMO_SLUGS)
    history = Asset.history.filter(id__in=assets.values("id"))
    assert history.count() == assets.count()
    assert not history.exclude(history_type="+").exists()


@pytest.mark.django_db
def test_every_demo_log_in_works(demo):
    assert {login.email for login in demo.logins} == set(DEMO_EMAILS)
    for login in demo.logins:
        assert login.password == PASSWORD
        # With a request, as the log-in form does (the lock-out counts per request).
        request = RequestFactory().post("/login/")
        assert authenticate(request, username=login.email, password=PASSWORD), login.email

    roles = dict(
        Membership.objects.filter(collective__slug="havenkwartier").values_list(
            "user__email", "role"
        )
    )
    assert roles == {
        "beheerder@havenkwartier.example": "beheerder",
        "buurtmaker@havenkwartier.example": "buurtmaker",
        "lid@havenkwartier.example": "lid",
    }
    for slug in ("fort-oudwijk", "lindenhof"):
        assert Membership.objects.filter(collective__slug=slug, role="buurtmaker").exists()
    assert User.objects.get(email="gemeente@kringstad.example").municipality.code == "GM9999"
    assert User.objects.get(email="redactie@netwerk.example").is_network_editor
    admin = User.objects.get(email="beheer@kring.example")
    assert admin.is_staff and admin.is_superuser
    # The member log-in belongs to a resident of the collective.
    assert Resident.objects.get(user__email="lid@havenkwartier.example").collective.slug == (
        "havenkwartier"
    )


@pytest.mark.django_db
def test_running_again_gives_the_same_demo_and_leaves_other_data_alone(demo):
    before = demo_counts()
    other = factories.CollectiveFactory(
        slug="elders", municipality=factories.MunicipalityFactory(code="GM0599")
    )
    other_user = factories.UserFactory(email="iemand@example.org")

    out = io.StringIO()
    call_command("load_demo", stdout=out)

    assert demo_counts() == before
    assert Collective.objects.filter(pk=other.pk).exists()
    assert User.objects.filter(pk=other_user.pk).exists()
    assert Municipality.objects.filter(code="GM0599").exists()
    text = out.getvalue()
    assert "Demo geladen" in text
    for email in DEMO_EMAILS:
        assert email in text
    assert PASSWORD in text


@pytest.mark.django_db
def test_a_non_demo_collective_with_a_demo_slug_stops_the_demo(demo):
    real = factories.MunicipalityFactory(code="GM0599")
    Collective.objects.filter(slug="lindenhof").update(municipality=real)
    with pytest.raises(DemoError, match="lindenhof"):
        load_demo()
    assert Collective.objects.filter(slug="lindenhof", municipality=real).exists()
