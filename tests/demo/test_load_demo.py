import io

import pytest
import shapely
from django.contrib.auth import authenticate
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.db.models import Max, Min
from django.test import Client, RequestFactory, override_settings
from django.utils import timezone
from shapely.geometry import shape

from kring.assets.models import Asset, Category, Tag
from kring.communities.models import Collective, Membership
from kring.core.models import User
from kring.demo.builder import DEMO_EMAILS, DEMO_SLUGS, PASSWORD, DemoError, load_demo
from kring.geo.models import Municipality, Neighbourhood
from kring.impact import aggregates, socialvalue
from kring.impact.models import FigureStore, ImpactReport, SharingChoice
from kring.initiatives.models import (
    Activity,
    Connection,
    ConnectionKind,
    GiverKind,
    Initiative,
    Need,
    NeedStatus,
    Pledge,
    Question,
    Status,
)
from kring.maps.cells import rebuild_cells
from kring.maps.models import ClusterCell, PortraitStory
from kring.matching.models import SearchDocument
from kring.matching.services import rebuild_search_index
from kring.network.models import NetworkAnalysis
from kring.people.models import Consent, Conversation, Resident
from kring.privacy.audit import verify_chain
from kring.privacy.models import AuditEntry
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
        yield load_demo(size="small")
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
def test_three_public_collectives_with_their_residents(demo):
    collectives = Collective.objects.filter(slug__in=DEMO_SLUGS).select_related("municipality")
    assert {c.kind for c in collectives} == {"cooperatie", "dorpshuis", "wijkcentrum"}
    for collective in collectives:
        assert collective.municipality.code == "GM9999"
        assert collective.is_public and collective.public_teaser and collective.public_description
        assert 25 <= collective.residents.count() <= 35
        area = set(collective.working_area.values_list("district__code", flat=True))
        assert len(area) == 1, "the working area is the buurten of one wijk"
        assert collective.working_area.count() >= 3
        # The public profile shows contact details and takes messages without the address.
        assert collective.public_phone and collective.public_address
        page = Client().get(f"/members/{collective.slug}/").content.decode()
        assert collective.public_address in page and 'name="message"' in page
        assert collective.public_email not in page


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
    assert gifts.count() > 100
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
    assert Conversation.objects.filter(resident__in=residents).count() > 60


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
        assert Membership.objects.filter(collective__slug=slug, role="beheerder").exists()
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
    call_command("load_demo", "--size", "small", stdout=out)

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


@pytest.mark.django_db
def test_the_demo_has_lived_a_year_of_the_whole_cycle(demo):
    """Initiatives in every status with needs under the three questions, connections of every
    kind, activities with attendance and hours, pledges of residents and organisations and
    stories, spread over about fifteen months."""
    today = timezone.localdate()
    for collective in Collective.objects.filter(slug__in=DEMO_SLUGS):
        initiatives = Initiative.objects.filter(collective=collective)
        assert 8 <= initiatives.count() <= 15, collective.slug
        assert initiatives.values("tasks").distinct().count() >= 4
    initiatives = Initiative.objects.filter(collective__slug__in=DEMO_SLUGS)
    assert set(initiatives.values_list("status", flat=True)) == set(Status.values)
    needs = Need.objects.filter(initiative__in=initiatives)
    assert set(needs.values_list("question", "status")) >= {
        (q, s) for q in Question.values for s in NeedStatus.values if s != "gevonden"
    }
    # A need found through "Wie kan helpen?" is connected to its helper.
    found = needs.exclude(status=NeedStatus.OPEN)
    assert found.count() >= 30
    assert not found.exclude(connections__isnull=False).exists()
    connections = Connection.objects.filter(collective__slug__in=DEMO_SLUGS)
    assert set(connections.values_list("kind", flat=True)) == set(ConnectionKind.values)
    held = Activity.objects.filter(
        collective__slug__in=DEMO_SLUGS, attendance_recorded_at__isnull=False
    )
    assert held.filter(hours_given__gt=0).count() == held.count() > 100
    # Things repaired are recorded at the repair cafés, and only there.
    repaired = held.filter(items_repaired__gt=0)
    assert repaired.count() >= 12
    assert set(repaired.values_list("title", flat=True)) == {"Repair Café"}
    assert held.filter(attendees__isnull=False).distinct().count() == held.count()
    assert len({(a.year, a.month) for a in held.values_list("date", flat=True)}) >= 13
    assert Activity.objects.filter(collective__slug__in=DEMO_SLUGS, date__gt=today).exists()
    pledges = Pledge.objects.filter(initiative__in=initiatives).select_related("giver")
    assert {p.giver_kind for p in pledges} == set(GiverKind.values)
    assert pledges.filter(kind="geld", giver__category="institution").exists()
    spread = Resident.objects.filter(collective__slug__in=DEMO_SLUGS).aggregate(
        first=Min("created_at"), last=Max("created_at")
    )
    assert (spread["last"] - spread["first"]).days > 400
    assert spread["last"] <= timezone.now()


@pytest.mark.django_db
def test_stories_name_tellers_who_consented_and_some_who_did_not_yet(demo):
    stories = Asset.objects.filter(collective__slug__in=DEMO_SLUGS, category=Category.STORY)
    tellers = Resident.objects.filter(told_stories__in=stories)
    assert tellers.with_consent("verhalen").exists()
    assert tellers.exclude(pk__in=Resident.objects.with_consent("verhalen")).exists()
    # Each collective chose stories for its wijkportret.
    for collective in Collective.objects.filter(slug__in=DEMO_SLUGS):
        assert PortraitStory.objects.filter(collective=collective).exists()


@pytest.mark.django_db
def test_the_network_is_computed_at_several_dates_and_fewer_residents_are_alone(demo):
    alone = {"before": 0, "after": 0}
    for collective in Collective.objects.filter(slug__in=DEMO_SLUGS):
        analyses = NetworkAnalysis.objects.filter(collective=collective, status="klaar")
        assert analyses.count() >= 3
        assert len(set(analyses.values_list("as_of", flat=True))) >= 3
        latest = analyses.order_by("-created_at").first()
        comparison = latest.result["comparison"]
        assert comparison is not None
        before, after = comparison["before"], comparison["after"]
        alone_before = before["residents"] - before["residents_connected"]
        alone_after = after["residents"] - after["residents_connected"]
        assert alone_after <= alone_before, collective.slug
        alone["before"] += alone_before
        alone["after"] += alone_after
        assert latest.result["summary"]["bridging"] > 0
        assert latest.result["connectors"]
    assert alone["after"] < alone["before"]


@pytest.mark.django_db
def test_the_gemeente_has_figures_and_a_council_report(demo):
    municipality = Municipality.objects.get(code="GM9999")
    assert SharingChoice.objects.filter(municipality=municipality).count() == 3
    report = ImpactReport.objects.get(municipality=municipality)
    assert report.status == "klaar" and report.pdf and report.xlsx and report.csv
    official = User.objects.get(email="gemeente@kringstad.example")
    figures = aggregates.municipality_figures(user=official, year=timezone.localdate().year)
    # The year's main figures of the gemeente show (a small month may hide one of them).
    main = ["residents", "gifts", "connections", "bridging", "reach", "activities", "hours"]
    shown = [key for key in main if figures.get(key).shown and figures.get(key).value > 0]
    assert len(shown) >= 5, shown
    # At least five outcomes have an amount with its source, and the headline is a range of
    # euros, never € 0.
    values = socialvalue.social_values(figures)
    valued = [v for v in values if v.proxy.value is not None]
    assert len(valued) >= 5
    assert all(v.proxy.source_title and v.proxy.source_url for v in valued)
    result = socialvalue.summary(values)
    assert len(result.counted) >= 3
    assert 0 < result.low < result.high
    assert "tussen € " in result.headline and "€ 0 " not in result.headline


@pytest.mark.django_db
def test_the_demo_was_built_through_the_services(demo):
    """What the services keep in step as they go equals a fresh recount: the audit chain
    verifies, and the search index, the map cells and the municipality figures are the same
    when made again from scratch."""
    collectives = list(Collective.objects.filter(slug__in=DEMO_SLUGS))
    assert verify_chain() == []
    for collective in collectives:
        entries = AuditEntry.objects.filter(collective=collective)
        # Every kind of work left its trace, on the day it was done.
        assert {"create", "consent", "change"} <= set(entries.values_list("action", flat=True))
        assert (timezone.now() - entries.aggregate(first=Min("at"))["first"]).days > 300

    def documents():
        return sorted(
            SearchDocument.objects.filter(collective__in=collectives).values_list(
                "asset_id", "keys"
            )
        )

    def cells():
        return sorted(
            ClusterCell.objects.filter(collective__in=collectives).values_list(
                "collective_id", "zoom", "cell_x", "cell_y", "category", "members", "n", "sum_id"
            )
        )

    official = User.objects.get(email="gemeente@kringstad.example")
    this_year = timezone.localdate().year

    def figures():
        cache.clear()
        made = aggregates.municipality_figures(user=official, year=this_year)
        return {key: [*made.series(key), made.get(key)] for key in made._cells}

    indexed, mapped, counted = documents(), cells(), figures()
    assert indexed and mapped and counted
    for collective in collectives:
        rebuild_search_index(collective=collective)
        rebuild_cells(collective.pk)
    FigureStore.objects.all().delete()
    assert documents() == indexed
    assert cells() == mapped
    assert figures() == counted
