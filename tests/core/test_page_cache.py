"""The page cache (kring.core.pagecache): a kept body is served until data it shows changes,
however it changes, and never to another role or collective.

Each test opens a page once (kept), changes data in one way, and opens it again: the change
must show. Database triggers give the kinds of data written new versions
(kring.core.versioning), so writes that bypass Django's signals count too. A write of one kind
leaves the kept parts that cannot show it alone (``test_each_write_against_each_kept_part``)."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import F
from django.test import RequestFactory, override_settings
from django.utils import timezone

from kring.assets.models import Asset, Tag
from kring.communities.models import Membership, Role
from kring.communities.parts import CSRF_MARKER
from kring.core import versioning
from kring.core.models import DataVersion, KindVersion, User
from kring.core.pagecache import data_version, kind_versions
from kring.geo.models import Neighbourhood
from kring.initiatives.models import Connection
from kring.people.models import Consent, Conversation, Resident
from kring.security.signed_in import get_user

from .. import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(collective, neighbourhood, bob, mia):
    ria = factories.ResidentFactory(
        collective=collective, name="Ria Rozenhof", neighbourhood=neighbourhood
    )
    factories.ConsentFactory(resident=ria, purpose="inventaris")
    factories.ConsentFactory(resident=ria, purpose="leden")
    gift = factories.GiftFactory(
        collective=collective,
        resident=ria,
        title="Fietsen plakken",
        visibility="leden",
        neighbourhood=neighbourhood,
    )
    tag = Tag.objects.create(collective=collective, name="techniek")
    gift.tags.add(tag)
    place = factories.AssetFactory(
        collective=collective, title="Buurthuis de Kas", visibility="openbaar", category="place"
    )
    return {"ria": ria, "gift": gift, "tag": tag, "place": place}


def new_versions(**filters):
    """Every version (of the collectives ``filters`` choose) moves on: nothing kept is asked for
    again."""
    DataVersion.objects.filter(**filters).update(version=F("version") + 1)
    KindVersion.objects.filter(**filters).update(version=F("version") + 1)


def get(client, url, **headers):
    """(HTML, what the page cache did: 'hit', 'miss' or '')."""
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code)
    # As Server-Timing says it: a miss when any kept part of the page was rendered again.
    outcomes = getattr(response.wsgi_request, "kring_part_cache", None) or [""]
    outcome = next((o for o in ("miss", "off") if o in outcomes), outcomes[-1])
    return response.content.decode(), outcome


def body(html: str) -> str:
    """The page's <main>: the header and footer around it are not kept (they carry the
    viewer's name and a CSRF token). A kept body's forms get each request's own token."""
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert CSRF_MARKER not in main
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "TOKEN", main)


def kept(client, url):
    """Open the page twice: the second answer comes from the cache. Returns its HTML."""
    get(client, url)
    html, outcome = get(client, url)
    assert outcome == "hit", url
    return html


def slug_urls(collective, world):
    slug = collective.slug
    return {
        "overview": f"/c/{slug}/",
        "gifts": f"/c/{slug}/assets/gift/",
        "search": f"/c/{slug}/assets/gift/?q=fiets",
        "detail": f"/c/{slug}/assets/{world['gift'].pk}/",
        "residents": f"/c/{slug}/residents/",
        "connections": f"/c/{slug}/connections/",
        "resident": f"/c/{slug}/residents/{world['ria'].pk}/",
    }


@pytest.mark.parametrize("who", ["bob", "mia"])
def test_a_kept_body_is_byte_identical_to_a_fresh_one(client, collective, world, who, request):
    client.force_login(request.getfixturevalue(who))
    urls = slug_urls(collective, world)
    if who == "mia":
        urls.pop("connections")  # buurtmakers only
    for name, url in urls.items():
        first, outcome = get(client, url)
        assert outcome == "miss", name
        again, outcome = get(client, url)
        assert outcome == "hit", name
        assert body(again) == body(first), name
        # Rendered afresh under a new version: the same bytes.
        new_versions(collective_id=collective.pk)
        fresh, outcome = get(client, url)
        assert outcome == "miss", name
        assert body(fresh) == body(again), name
        assert "csrfmiddlewaretoken" not in body(again) or name == "resident"


def test_roles_do_not_share_a_body(client, collective, world, bob, mia):
    gift = world["gift"]
    Consent.objects.filter(resident=world["ria"], purpose="leden").delete()
    url = slug_urls(collective, world)["gifts"]
    client.force_login(bob)
    assert gift.title in kept(client, url)
    client.force_login(mia)
    html, outcome = get(client, url)
    assert outcome == "miss" and gift.title not in html
    # And the other way round: the member's kept body is not the buurtmaker's.
    assert gift.title not in kept(client, url)
    client.force_login(bob)
    assert gift.title in get(client, url)[0]


def test_collectives_never_share_a_body(client, collective, other_collective, world, bob):
    charlie_place = factories.AssetFactory(
        collective=other_collective, title="Dorpshuis Elders zaal", visibility="openbaar"
    )
    eve = factories.UserFactory(email="eve@example.org")
    factories.MembershipFactory(user=eve, collective=other_collective, role=Role.BUILDER)
    # Even with the same version value, the collective is part of the key.
    DataVersion.objects.update(version=777)
    KindVersion.objects.update(version=777)
    client.force_login(bob)
    html = kept(client, f"/c/{collective.slug}/assets/{charlie_place.category}/")
    assert world["place"].title in html and charlie_place.title not in html
    client.force_login(eve)
    html, outcome = get(client, f"/c/{other_collective.slug}/assets/{charlie_place.category}/")
    assert outcome == "miss"
    assert charlie_place.title in html and world["place"].title not in html


def change_orm_save(world):
    world["gift"].title = "Banden plakken"
    world["gift"].save()
    return "Banden plakken"


def change_bulk_create(world):
    gift = world["gift"]
    Asset.objects.bulk_create(
        [
            Asset(
                collective_id=gift.collective_id,
                resident=world["ria"],
                category="gift",
                gift_kind="handen",
                title="Bulkfiets bouwen",
                visibility="leden",
                source="import",
            )
        ]
    )
    return "Bulkfiets bouwen"


def change_queryset_update(world):
    Asset.objects.filter(pk=world["gift"].pk).update(title="Update via queryset")
    return "Update via queryset"


def change_raw_sql(world):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE assets_asset SET title = %s WHERE id = %s", ["Rauwe SQL", world["gift"].pk]
        )
    return "Rauwe SQL"


def change_resident_name(world):
    Resident.objects.filter(pk=world["ria"].pk).update(name="Ria Nieuwenhuis")
    return "Ria Nieuwenhuis"


@pytest.mark.parametrize(
    "change", [change_orm_save, change_bulk_create, change_queryset_update, change_raw_sql]
)
def test_a_write_shows_at_the_next_request(client, collective, world, bob, change):
    client.force_login(bob)
    url = slug_urls(collective, world)["gifts"]
    before = kept(client, url)
    new = change(world)
    assert new not in before
    html, outcome = get(client, url)
    assert outcome == "miss" and new in html


def test_a_new_asset_shows_on_the_overview(client, collective, world, bob):
    client.force_login(bob)
    url = slug_urls(collective, world)["overview"]
    kept(client, url)
    new = change_bulk_create(world)
    html, outcome = get(client, url)
    assert outcome == "miss" and new in html


def test_a_resident_renamed_shows_in_the_lists(client, collective, world, bob):
    client.force_login(bob)
    urls = slug_urls(collective, world)
    for url in (urls["gifts"], urls["residents"]):
        kept(client, url)
    new = change_resident_name(world)
    for url in (urls["gifts"], urls["residents"]):
        assert new in get(client, url)[0]


def test_a_deleted_asset_vanishes(client, collective, world, bob):
    client.force_login(bob)
    url = slug_urls(collective, world)["gifts"]
    assert world["gift"].title in kept(client, url)
    Asset.objects.filter(pk=world["gift"].pk).delete()
    assert world["gift"].title not in get(client, url)[0]


def test_a_tag_unlinked_by_raw_sql_or_renamed_shows(client, collective, world, bob):
    client.force_login(bob)
    url = slug_urls(collective, world)["detail"]
    assert "techniek" in kept(client, url)
    Tag.objects.filter(pk=world["tag"].pk).update(name="mechaniek")
    assert "mechaniek" in kept(client, url)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM assets_asset_tags WHERE asset_id = %s", [world["gift"].pk])
    assert "mechaniek" not in get(client, url)[0]


def test_a_buurt_renamed_shows(client, collective, world, bob, neighbourhood):
    client.force_login(bob)
    url = slug_urls(collective, world)["detail"]
    assert neighbourhood.name in kept(client, url)
    Neighbourhood.objects.filter(pk=neighbourhood.pk).update(name="Nieuwe Gaffel")
    assert "Nieuwe Gaffel" in get(client, url)[0]


def test_a_user_renamed_shows_in_the_history(client, collective, world, bob):
    Asset.objects.filter(pk=world["gift"].pk).update(created_by=bob)
    client.force_login(bob)
    url = slug_urls(collective, world)["detail"]
    assert "Bob Buurtmaker" in kept(client, url)
    type(bob).objects.filter(pk=bob.pk).update(name="Bob de Bouwer")
    assert "Bob de Bouwer" in get(client, url)[0]


def test_logging_in_keeps_the_bodies(client, collective, world, bob):
    """A user's last log-in changes no shown column: the kept bodies stay."""
    client.force_login(bob)
    url = slug_urls(collective, world)["gifts"]
    kept(client, url)
    type(bob).objects.filter(pk=bob.pk).update(last_login=timezone.now())
    assert get(client, url)[1] == "hit"


def test_an_erased_resident_vanishes_at_once(client, collective, world, bob, mia):
    from kring.privacy.services import erase_resident

    urls = slug_urls(collective, world)
    client.force_login(mia)
    assert world["gift"].title in kept(client, urls["gifts"])
    client.force_login(bob)
    for url in (urls["gifts"], urls["residents"]):
        assert world["ria"].name in kept(client, url)
    erase_resident(actor=bob, resident=world["ria"])
    for url in (urls["gifts"], urls["residents"]):
        html = get(client, url)[0]
        assert world["ria"].name not in html and world["gift"].title not in html
    client.force_login(mia)
    assert world["gift"].title not in get(client, urls["gifts"])[0]


@pytest.mark.parametrize("how", ["service", "update"])
def test_consent_withdrawn_hides_the_gift_from_members_at_once(
    client, collective, world, bob, mia, access_for, how
):
    client.force_login(mia)
    url = slug_urls(collective, world)["gifts"]
    assert world["gift"].title in kept(client, url)
    if how == "service":
        from kring.people.services import set_consents

        set_consents(
            access=access_for(bob, collective),
            resident=Resident.objects.get(pk=world["ria"].pk),
            purposes={"inventaris"},
            method="digitaal",
        )
    else:
        Consent.objects.filter(resident=world["ria"], purpose="leden").update(
            withdrawn_at=timezone.now()
        )
    html, outcome = get(client, url)
    assert outcome == "miss" and world["gift"].title not in html


def test_a_role_changed_changes_the_body(client, collective, world, bob, mia):
    Consent.objects.filter(resident=world["ria"], purpose="leden").delete()
    client.force_login(mia)
    url = slug_urls(collective, world)["gifts"]
    assert world["gift"].title not in kept(client, url)
    Membership.objects.filter(user=mia, collective=collective).update(role=Role.BUILDER)
    assert world["gift"].title in get(client, url)[0]
    Membership.objects.filter(user=mia, collective=collective).update(role=Role.MEMBER)
    assert world["gift"].title not in get(client, url)[0]


def test_an_import_shows_at_once(client, collective, world, bob, access_for):
    from kring.imports import engine

    from ..imports.conftest import GIFT_HEADER, csv_bytes, upload

    client.force_login(bob)
    url = slug_urls(collective, world)["gifts"]
    kept(client, url)
    header = [*GIFT_HEADER, "Toestemming voor", "Toestemming gegeven op", "Toestemming gegeven hoe"]
    row = ["Jan de Vries", "jan@example.nl", "hart", "Ouderen bezoeken", "", "inventaris, leden"]
    job = upload(
        access_for(bob, collective), "gaven", csv_bytes([header, [*row, "2-11-2026", "papier"]])
    )
    with job.file.open("rb") as binary:
        assert engine.run(job, binary, user=bob).ok
    html, outcome = get(client, url)
    assert outcome == "miss" and "Ouderen bezoeken" in html


def test_a_connection_recorded_shows_in_the_log(client, collective, world, bob):
    client.force_login(bob)
    url = slug_urls(collective, world)["connections"]
    kept(client, url)
    other = factories.ResidentFactory(collective=collective, name="Otto Overbuur")
    Connection.objects.bulk_create(
        [
            Connection(
                collective=collective,
                resident=world["ria"],
                other_resident=other,
                kind="ontmoet",
                happened_on=datetime.date.today(),
            )
        ]
    )
    html, outcome = get(client, url)
    assert outcome == "miss" and "Otto Overbuur" in html


def test_a_filter_with_errors_is_not_kept(client, collective, world, bob):
    client.force_login(bob)
    url = f"/c/{collective.slug}/assets/gift/?neighbourhood=999999"
    assert get(client, url)[1] == "miss"
    assert get(client, url)[1] == "miss"


def test_each_language_has_its_own_body(client, collective, world, bob):
    client.force_login(bob)
    url = slug_urls(collective, world)["residents"]
    dutch = kept(client, url)
    client.cookies["django_language"] = "en"
    english, _outcome = get(client, url)
    assert "Zoek op naam" in dutch and "Zoek op naam" not in english


def test_versions_change_with_every_kind_of_write(collective, world):
    before = data_version(collective.pk)
    assert before is not None
    Consent.objects.filter(resident=world["ria"]).update(withdrawn_at=timezone.now())
    after = data_version(collective.pk)
    assert after != before
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM assets_asset_tags")
    assert data_version(collective.pk) != after


def test_a_deleted_collective_keeps_a_changed_version(collective, other_collective):
    pk = other_collective.pk
    before = data_version(pk)
    other_collective.delete()
    assert data_version(pk) not in (None, before)


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "kring.core.cache.TolerantRedisCache",
            # Nothing listens here: every cache call fails.
            "LOCATION": "redis://127.0.0.1:9/0",
        }
    },
    # As production with a shared cache: the sessions are read from it first.
    SESSION_ENGINE="kring.core.sessions.cached_db",
)
def test_the_pages_work_without_the_cache(client, collective, world, bob):
    client.force_login(bob)
    urls = slug_urls(collective, world)
    for url in urls.values():
        _html, outcome = get(client, url)
        assert outcome == "miss"
        assert get(client, url)[1] == "miss"
    cache.close()


def test_a_kept_resident_page_is_logged_and_posts_with_the_requests_token(
    client, collective, world, bob
):
    from kring.privacy.models import AuditEntry

    client.force_login(bob)
    url = slug_urls(collective, world)["resident"]
    views = AuditEntry.objects.filter(action="view", target_id=str(world["ria"].pk))
    before = views.count()
    html = kept(client, url)
    assert views.count() == before + 2
    main = html.split("<main", 1)[1]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', main)
    assert token and token.group(1) != CSRF_MARKER
    # The token works: the form posts.
    client.handler.enforce_csrf_checks = True
    response = client.post(
        f"/c/{collective.slug}/residents/{world['ria'].pk}/eigen-link/",
        {"csrfmiddlewaretoken": token.group(1)},
    )
    assert response.status_code != 403


def test_an_erased_resident_page_is_gone(client, collective, world, bob):
    from kring.privacy.services import erase_resident

    client.force_login(bob)
    url = slug_urls(collective, world)["resident"]
    assert world["ria"].name in kept(client, url)
    erase_resident(actor=bob, resident=world["ria"])
    response = client.get(url)
    assert world["ria"].name not in response.content.decode()


# --- Each kind of write against each kept part --------------------------------------------------


@pytest.fixture
def town(collective, world, bob):
    """The world with something of every kind each kept part shows: a story, a conversation,
    an initiative and a connection between Ria and the buurthuis, a gift entered by Bob."""
    ria, gift, place = world["ria"], world["gift"], world["place"]
    Asset.objects.filter(pk=gift.pk).update(created_by=bob)
    story = factories.StoryFactory(collective=collective, title="Het oude veer", visibility="leden")
    Conversation.objects.create(
        collective=collective,
        resident=ria,
        held_on=datetime.date.today() - datetime.timedelta(days=400),
        held_by=bob,
        method="persoonlijk",
    )
    initiative = factories.InitiativeFactory(collective=collective, title="Buurtmoestuin")
    otto = factories.ResidentFactory(collective=collective, name="Otto Overbuur")
    Connection.objects.create(
        collective=collective,
        resident=ria,
        asset=place,
        initiative=initiative,
        kind="ontmoet",
        happened_on=datetime.date.today(),
        recorded_by=bob,
    )
    return {**world, "story": story, "initiative": initiative, "otto": otto}


def element(html: str, start: str) -> str:
    """The element that begins with ``start`` (a ``<div`` with its attributes), to its end."""
    begin = html.index(start)
    depth, at = 0, begin
    while True:
        opening, closing = html.find("<div", at), html.find("</div>", at)
        if opening != -1 and opening < closing:
            depth, at = depth + 1, opening + 4
        else:
            depth, at = depth - 1, closing + 6
            if depth == 0:
                return html[begin:at]


def kept_part(name: str, html: str) -> str:
    """What is kept of the page: the overview's other sections are rendered each time."""
    if name == "overview":
        return '<main id="main">' + element(html, '<div class="two-columns">') + "</main>"
    return html


def town_urls(collective, town):
    slug = collective.slug
    return {
        "overview": f"/c/{slug}/",
        "gifts": f"/c/{slug}/assets/gift/",
        "search": f"/c/{slug}/assets/gift/?q=fiets",
        "places": f"/c/{slug}/assets/place/",
        "detail": f"/c/{slug}/assets/{town['gift'].pk}/",
        "residents": f"/c/{slug}/residents/",
        "resident_search": f"/c/{slug}/residents/?q=Ria",
        "resident": f"/c/{slug}/residents/{town['ria'].pk}/",
        "connections": f"/c/{slug}/connections/",
    }


def write_new_place(town):
    Asset.objects.bulk_create(
        [
            Asset(
                collective_id=town["place"].collective_id,
                category="place",
                title="Speeltuin Nieuwland",
                visibility="openbaar",
            )
        ]
    )


def write_new_gift(town):
    change_bulk_create(town)


def write_gift_renamed(town):
    change_raw_sql(town)


def write_place_renamed(town):
    Asset.objects.filter(pk=town["place"].pk).update(title="Buurthuis de Serre")


def write_resident_renamed(town):
    change_resident_name(town)


def write_consent_withdrawn(town):
    Consent.objects.filter(resident=town["ria"], purpose="leden").update(
        withdrawn_at=timezone.now()
    )


def write_conversation(town):
    Conversation.objects.create(
        collective_id=town["ria"].collective_id,
        resident=town["ria"],
        held_on=datetime.date.today(),
        method="persoonlijk",
    )


def write_tag_renamed(town):
    Tag.objects.filter(pk=town["tag"].pk).update(name="mechaniek")


def write_tag_unlinked(town):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM assets_asset_tags WHERE asset_id = %s", [town["gift"].pk])


def write_story_told(town):
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO assets_asset_tellers (asset_id, resident_id) VALUES (%s, %s)",
            [town["story"].pk, town["ria"].pk],
        )


def write_connection(town):
    Connection.objects.bulk_create(
        [
            Connection(
                collective_id=town["otto"].collective_id,
                resident=town["ria"],
                other_resident=town["otto"],
                kind="ontmoet",
                happened_on=datetime.date.today(),
            )
        ]
    )


def write_connection_only(town):
    Connection.objects.filter(initiative=town["initiative"]).update(outcome="ja")


def write_initiative_renamed(town):
    type(town["initiative"]).objects.filter(pk=town["initiative"].pk).update(title="Pluktuin")


def write_user_renamed(town):
    User.objects.filter(email="bob@example.org").update(name="Bob de Bouwer")


def write_buurt_renamed(town):
    Neighbourhood.objects.filter(pk=town["ria"].neighbourhood_id).update(name="Nieuwe Gaffel")


def write_member_added(town):
    factories.MembershipFactory(
        user=factories.UserFactory(email="nieuw@example.org"),
        collective_id=town["ria"].collective_id,
        role=Role.MEMBER,
    )


ALL_PARTS = {
    "overview",
    "gifts",
    "search",
    "places",
    "detail",
    "residents",
    "resident_search",
    "resident",
    "connections",
}
# For each kind of write, the kept parts (as a buurtmaker sees them) that show the change, and
# those that must stay kept because they cannot show it. The rest are rendered again although
# they look the same: their kinds are wider than this one write (e.g. the asset detail page
# shows assets of any category, so any new asset drops it).
# The overview's own year counts connections and initiatives, and its to-do list shows the
# follow-ups of connections: a new connection drops it too.
WRITES = [
    (write_new_place, {"overview", "places"}, {"gifts", "search", "residents", "resident_search", "resident", "connections"}),
    (write_new_gift, {"overview", "gifts", "search", "residents", "resident_search", "resident"}, {"places", "connections"}),
    (write_gift_renamed, {"overview", "gifts", "search", "detail", "resident"}, {"places"}),
    (write_place_renamed, {"overview", "places", "connections"}, {"gifts", "search", "residents", "resident_search", "resident"}),
    (write_resident_renamed, ALL_PARTS - {"places"}, set()),
    (write_consent_withdrawn, {"resident"}, set()),
    (write_conversation, {"overview", "residents", "resident_search", "resident"}, {"gifts", "search", "places", "detail", "connections"}),
    (write_tag_renamed, {"gifts", "search", "detail"}, {"overview", "residents", "resident_search", "resident", "connections"}),
    (write_tag_unlinked, {"gifts", "search", "detail"}, {"places", "connections"}),
    (write_story_told, {"resident"}, {"gifts", "search", "places", "residents", "resident_search", "connections"}),
    (write_connection, {"connections"}, ALL_PARTS - {"connections", "overview"}),
    (write_connection_only, {"connections"}, ALL_PARTS - {"connections", "overview"}),
    (write_initiative_renamed, {"connections"}, ALL_PARTS - {"connections", "overview"}),
    (write_user_renamed, {"overview", "detail", "resident", "connections"}, {"gifts", "search", "places", "residents", "resident_search"}),
    (write_buurt_renamed, ALL_PARTS - {"overview", "connections"}, set()),
    (write_member_added, set(), ALL_PARTS),
]  # fmt: skip


@pytest.mark.parametrize(
    ("write", "shows", "stays"), WRITES, ids=[w.__name__.removeprefix("write_") for w, *_ in WRITES]
)
def test_each_write_against_each_kept_part(client, collective, town, bob, write, shows, stays):
    assert shows <= ALL_PARTS and stays <= ALL_PARTS and not shows & stays
    client.force_login(bob)
    urls = town_urls(collective, town)
    before = {name: kept_part(name, kept(client, url)) for name, url in urls.items()}
    write(town)
    for name, url in urls.items():
        html, outcome = get(client, url)
        html = kept_part(name, html)
        if name in shows:
            assert outcome == "miss" and body(html) != body(before[name]), (name, "shows it")
        elif name in stays:
            assert outcome == "hit", (name, "cannot show it: stays kept")
        else:
            # Rendered again (a wider kind), and the same: it does not show this write.
            assert outcome == "miss" and body(html) == body(before[name]), (name, outcome)


def test_a_new_asset_changes_only_its_kinds(collective, other_collective, world):
    before = kind_versions(collective.pk)
    elsewhere = kind_versions(other_collective.pk)
    write_new_place(world)
    after = kind_versions(collective.pk)
    changed = {kind for kind in after if after[kind] != before.get(kind)}
    assert changed == {versioning.ASSETS, versioning.assets_of("place")}
    assert kind_versions(other_collective.pk) == elsewhere
    # A change (not an addition) also changes what shows assets through a reference.
    Asset.objects.filter(pk=world["place"].pk).update(title="Buurthuis de Serre")
    changed = {kind for kind, v in kind_versions(collective.pk).items() if v != after[kind]}
    assert changed == {
        versioning.ASSETS,
        versioning.assets_of("place"),
        versioning.ASSETS_CHANGED,
    }


def test_a_link_belongs_to_its_parents_kinds(collective, world):
    before = kind_versions(collective.pk)
    world["gift"].tags.remove(world["tag"])
    after = kind_versions(collective.pk)
    changed = {kind for kind in after if after[kind] != before.get(kind)}
    assert changed == {versioning.ASSETS, versioning.assets_of("gift")}
    Consent.objects.filter(resident=world["ria"]).update(withdrawn_at=timezone.now())
    changed = {kind for kind, v in kind_versions(collective.pk).items() if v != after[kind]}
    assert changed == {versioning.PEOPLE}


def test_a_name_every_collective_shows_changes_that_kind_everywhere(
    collective, other_collective, world, bob
):
    mine, theirs = kind_versions(collective.pk), kind_versions(other_collective.pk)
    User.objects.filter(pk=bob.pk).update(name="Bob de Bouwer")
    for before, after in (
        (mine, kind_versions(collective.pk)),
        (theirs, kind_versions(other_collective.pk)),
    ):
        assert {kind for kind in after if after[kind] != before[kind]} == {versioning.USERS}


def test_a_new_collective_has_every_named_kind(collective):
    from kring.assets.models import Category

    assert set(versioning.CATEGORIES) == set(Category.values)
    fresh = factories.CollectiveFactory(municipality=collective.municipality)
    assert set(kind_versions(fresh.pk)) == versioning.NAMED_KINDS
    assert {versioning.assets_of(c) for c in Category.values} <= versioning.NAMED_KINDS
    assert data_version(fresh.pk) is not None


def test_a_kind_without_a_row_gets_one_and_a_write_changes_it(client, collective, world, bob):
    place = versioning.assets_of("place")
    KindVersion.objects.filter(collective_id=collective.pk, kind=place).delete()
    client.force_login(bob)
    url = slug_urls(collective, world)["gifts"].replace("/gift/", "/place/")
    assert get(client, url)[1] == "miss"
    assert place in kind_versions(collective.pk)
    kept(client, url)
    write_place_renamed(world)
    html, outcome = get(client, url)
    assert outcome == "miss" and "Buurthuis de Serre" in html


def test_a_part_names_only_kinds_that_exist():
    from kring.core.pagecache import kinds

    assert kinds(["people", "assets:gift", "people"]) == ("assets:gift", "collective", "people")
    assert kinds(None) is None
    for wrong in (["peple"], ["assets:"], []):
        with pytest.raises(ValueError):
            kinds(wrong)


def test_a_new_association_through_the_service_keeps_what_cannot_show_it(
    client, collective, town, bob, access_for
):
    """The load mix's write: a buurtmaker adds an association (the service writes the asset,
    its history, its tags and the search index)."""
    from kring.assets.services import create_asset

    client.force_login(bob)
    urls = town_urls(collective, town)
    for url in urls.values():
        kept(client, url)
    create_asset(
        access=access_for(bob, collective),
        asset=Asset(category="association", title="Koor De Kade", visibility="openbaar"),
        tags=["zingen"],
    )
    for name in ("gifts", "search", "places", "residents", "resident_search", "resident"):
        assert get(client, urls[name])[1] == "hit", name
    assert get(client, urls["connections"])[1] == "hit"
    html, outcome = get(client, urls["overview"])
    assert outcome == "miss" and "Koor De Kade" in html
    html, outcome = get(client, f"/c/{collective.slug}/assets/association/")
    assert "Koor De Kade" in html


def test_the_versions_read_with_the_user_are_each_collectives_own(
    client, collective, other_collective, world, bob
):
    """The user's query reads the versions of every collective they belong to
    (kring.security.signed_in): each collective's, as ``kind_versions`` reads them, and a write
    to one shows at the next request, without a query of the page cache's own."""
    Membership.objects.create(user=bob, collective=other_collective, role=Role.MEMBER)
    new_versions(collective_id=other_collective.pk)  # the two collectives' versions differ
    client.force_login(bob)

    def read():
        request = RequestFactory().get("/")
        request.session = client.session
        assert get_user(request) == bob
        return request._kring_kind_versions

    read_first = read()
    assert read_first == {
        collective.pk: kind_versions(collective.pk),
        other_collective.pk: kind_versions(other_collective.pk),
    }
    assert read_first[collective.pk] != read_first[other_collective.pk]
    assert "Ria Rozenhof" in client.get(f"/c/{collective.slug}/residents/").content.decode()
    Resident.objects.filter(pk=world["ria"].pk).update(name="Ria Anders")
    read_then = read()
    assert read_then[collective.pk] != read_first[collective.pk]
    assert read_then[other_collective.pk] == read_first[other_collective.pk]
    # The residents list shows the change at the next request.
    page = client.get(f"/c/{collective.slug}/residents/")
    assert "Ria Anders" in page.content.decode()
