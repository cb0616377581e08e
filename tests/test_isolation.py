"""Charlie (admin of another collective) and a municipality user walk every URL of Kring with
alice's collective in it, by GET and POST, and find nothing of it: 404 or 403, and none of its
names, gifts or contact details in the answer. New URLs are walked automatically; a URL with a
parameter this test cannot fill makes it fail, so nobody forgets to add it."""

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from kring.assets.models import Category
from kring.communities import services as community_services
from kring.communities.models import Membership
from kring.imports.models import ImportKind
from kring.initiatives import services as initiative_services
from kring.initiatives.models import ActivitySeries, Connection, Pledge
from kring.matching.services import rebuild_search_index

from . import factories

SECRETS = [
    "Zebulon Geheimnaam",
    "Xylofoonstemmen",
    "zebulon@example.nl",
    "06-99887766",
    "Geheimpad 7",
    "geheim-deelnemer@example.nl",
    "geheim-abonnee@example.nl",
    "Quokkafeest",
    "Wombatwerk",
    "Geheime gemeenteronde",
    # What residents wrote through their own door: a proposed ask, an answer, a gift offer.
    "Okapi-oppasdienst",
    "Geheime hulpbelofte",
    "Gnoegave",
]
# What a resident of the same collective, who sees what members may see, must still not see of
# a neighbour who did not allow members to see them.
PERSONAL = [
    "Zebulon Geheimnaam",
    "zebulon@example.nl",
    "06-99887766",
    "Okapi-oppasdienst",
    "Geheime hulpbelofte",
    "Gnoegave",
]
SKIPPED_PREFIXES = ("admin", "i18n", "media")
# Pages that every logged-in user may see; checked for leaks, not for 404.
OPEN_PAGES = {
    "home",
    # The proxy's health check: says only whether this node can work (no data, no version).
    "healthz",
    "login",
    "logout",
    "geo:municipality",
    # The municipality's own figures: aggregates only, checked for leaks here and in
    # tests/impact/test_no_resident_data.py.
    "impact:dashboard",
    "impact:target",
    "impact:report_start",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "privacy:accessibility",
    # Each user's own log-in security (second step, recovery codes).
    "security:verify",
    "security:recovery",
    "security:two_factor",
    # The resident's own door: asking a link, opening one, their own password and records.
    "residents:ask_link",
    "residents:link_sent",
    "residents:open_link",
    "residents:home",
    "residents:password",
    # A collective's sign-up (public) and the one-click unsubscribe link from a message.
    "joining:join",
    "joining:sent",
    "joining:confirm",
    "news:unsubscribe",
}
# A municipality user's own self-scan: open to the official (their own gemeente), not to
# charlie. Pages of one round are walked with a round of *another* gemeente: 404 for both.
MUNICIPALITY_PAGES = {
    "selfscan:index",
    "selfscan:start",
    "selfscan:fill",
    "selfscan:submit",
    "selfscan:compare",
    # Their own API tokens for the gemeente's figures.
    "api_tokens:municipality_list",
    "api_tokens:municipality_revoke",
}
# The REST API: its description, docs and the public directory are open to all; its
# collective endpoints answer for the caller's own token's collective only.
API_OPEN = {"api:openapi-json", "api:openapi-view", "api:api-root", "api:directory", "api:member"}
API_LISTS = {"api:assets", "api:residents", "api:initiatives", "api:needs", "api:connections"}
# A gemeente's own figures (municipality token; a collective token gets 403).
API_LISTS |= {"api:m_figures", "api:m_areas"}


def api_headers_for(user) -> dict:
    """A read-write API token of the user's own collective, when they have one; a municipality
    user's read-only token for their gemeente."""
    from kring.api import services as api_services
    from kring.communities.access import collective_access

    if user.is_municipality_user:
        _token, secret = api_services.create_municipality_token(user=user, name="walk", days=1)
        return {"Authorization": f"Bearer {secret}"}
    membership = Membership.objects.filter(user=user).select_related("collective").first()
    if membership is None:
        return {}
    _token, secret = api_services.create_token(
        access=collective_access(user, membership.collective.slug),
        name="walk",
        scope="schrijven",
        days=1,
    )
    return {"Authorization": f"Bearer {secret}"}


def walk(resolver=None, prefix="", namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            route = str(entry.pattern)
            if route.startswith(SKIPPED_PREFIXES):
                continue
            ns = entry.namespace or namespace
            yield from walk(entry, prefix + route, ns)
        elif isinstance(entry, URLPattern):
            if (prefix + str(entry.pattern)).startswith(SKIPPED_PREFIXES):
                continue  # uploads served in debug mode: files, not pages
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield prefix + str(entry.pattern), name, entry.pattern


@pytest.fixture
def alice_world(collective, alice, bob, neighbourhood, access_for):
    resident = factories.ResidentFactory(
        collective=collective,
        name="Zebulon Geheimnaam",
        email="zebulon@example.nl",
        phone="06-99887766",
        address="Geheimpad 7",
        neighbourhood=neighbourhood,
    )
    factories.ConsentFactory(resident=resident)
    # An audit entry about her, for the audit log page (privacy).
    from kring.privacy import audit

    audit.record(actor=alice, collective=collective, action="view", target=resident)
    gift = factories.GiftFactory(collective=collective, resident=resident, title="Xylofoonstemmen")
    place = factories.AssetFactory(
        collective=collective, title="Geheimpad 7 werkplaats", visibility="openbaar"
    )
    # In the search index too, findable for matching: the search page must not leak it.
    factories.ConsentFactory(resident=resident, purpose="verbinden")
    rebuild_search_index(collective=collective)
    initiative = factories.InitiativeFactory(collective=collective, title="Quokkafeest")
    initiative.initiators.add(resident)
    need = factories.NeedFactory(initiative=initiative, text="Wombatwerk")
    activity = factories.ActivityFactory(initiative=initiative, place=place, title="Quokkafeest")
    activity.attendees.add(resident)
    # A repeating activity in her workshop, with a skipped date (not on the public agenda).
    first = timezone.localdate() + datetime.timedelta(days=1)
    series = initiative_services.save_series(
        access=access_for(bob, collective),
        series=ActivitySeries(
            initiative=initiative,
            title="Quokkafeest elke week",
            repeat="week",
            starts_on=first,
            count=3,
            start_time=datetime.time(19, 0),
            end_time=datetime.time(21, 0),
            place=place,
        ),
        skipped=[first + datetime.timedelta(weeks=1)],
    ).series
    # On the public agenda: only this title shows there, not the initiative or the place.
    factories.ActivityFactory(
        initiative=initiative,
        title="Open inloop",
        date=first,
        start_time="09:00",
        end_time="10:00",
        public=True,
    )
    pledge = Pledge.objects.create(
        initiative=initiative, resident=resident, kind="uren", amount=3, pledged_on="2026-11-25"
    )
    connection = Connection.objects.create(
        collective=collective,
        initiative=initiative,
        need=need,
        other_resident=resident,
        kind="voorgesteld",
        happened_on="2026-11-25",
        note="Wombatwerk",
    )
    invitation, token = community_services.invite_member(
        access=access_for(alice, collective), email="nieuw@example.org", role="lid"
    )
    membership = Membership.objects.get(user=bob, collective=collective)
    # On the map, in the wijkportret and in a finished network analysis.
    place.latitude, place.longitude = 51.918, 4.466
    place.save()
    from kring.maps.models import PortraitStory
    from kring.network import services as network_services

    story = factories.AssetFactory(
        collective=collective,
        category="story",
        title="Xylofoonstemmen verhaal",
        description="Geheimpad 7",
    )
    PortraitStory.objects.create(collective=collective, asset=story)
    # Her own story, naming her as teller (without "verhalen" consent: it stays inside).
    told = factories.StoryFactory(
        collective=collective,
        title="Xylofoonstemmen herinnering",
        description="Geheimpad 7, toen",
        tellers=[resident],
    )
    analysis = network_services.start_analysis(
        access=access_for(bob, collective), as_of=timezone.localdate()
    )
    # The public site: alice's collective published, with one of each public object.
    collective.public_place, collective.public_teaser, collective.is_public = (
        "Rotterdam",
        "Samen aan de haven.",
        True,
    )
    # Its profile takes messages: the contact form is walked (and fed bad input) too.
    collective.public_email = "post@havenkwartier.nl"
    collective.save()
    article = factories.ArticleFactory()
    article.collectives.add(collective)
    publication = factories.PublicationFactory()
    meeting = factories.MeetingFactory()
    factories.RegistrationFactory(meeting=meeting, email="geheim-deelnemer@example.nl")
    from kring.public.models import MeetingMail

    # A mail to the registrations whose text names her (its pages are the editors' only; its
    # number is not added to the pks: more API calls per outsider would meet the throttle).
    MeetingMail.objects.create(
        meeting=meeting, subject="Geheime mail", body="Zebulon Geheimnaam komt ook"
    )
    factories.SubscriberFactory(email="geheim-abonnee@example.nl")
    picture = factories.PictureFactory()
    # The self-scan of another gemeente, handed in: no outsider may see it.
    from kring.selfscan.models import Response, ScanRound

    scan_round = ScanRound.objects.create(
        municipality=factories.MunicipalityFactory(),
        name="Geheime gemeenteronde",
        started_on="2026-01-01",
    )
    Response.objects.create(round=scan_round, submitted_at=timezone.now())
    # An import waiting for its preview, with her in the file.
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kring.imports import services as import_services

    import_job = import_services.upload(
        access=access_for(bob, collective),
        kind="bewoners",
        uploaded=SimpleUploadedFile(
            "bewoners.csv", b"Naam;E-mail\nZebulon Geheimnaam;geheim-abonnee@example.nl\n"
        ),
    )
    import_services.set_mapping(
        access=access_for(bob, collective), job=import_job, mapping=import_job.mapping
    )
    # A moving archive, made and ready to download: it holds her too.
    from kring.exports import archive_jobs

    archive_job = archive_jobs.start_archive(access=access_for(alice, collective))
    assert archive_job.ready
    # A resident erased after a request, whose receipt lists a text that still names them.
    from kring.privacy.services import erase_resident

    erased = factories.ResidentFactory(collective=collective, name="Ypsilon Vergeetmij")
    factories.InitiativeFactory(collective=collective, title="Ypsilon Quokkafeest")
    receipt = erase_resident(actor=bob, resident=erased).receipt
    # Through the resident's own door: his ask waiting for a buurtmaker, his answer to a
    # neighbour's open ask, and a gift he offered.
    from kring.residents.models import Ask, GiftOffer, HelpOffer

    own_ask = Ask.objects.create(
        collective=collective, resident=resident, text="Okapi-oppasdienst", status="voorstel"
    )
    neighbour = factories.ResidentFactory(collective=collective, name="Buurvrouw Anna")
    open_ask = Ask.objects.create(
        collective=collective, resident=neighbour, text="tuin wil wieden", status="open"
    )
    help_offer = HelpOffer.objects.create(
        ask=open_ask, resident=resident, message="Geheime hulpbelofte"
    )
    gift_offer = GiftOffer.objects.create(
        collective=collective, resident=resident, gift_kind="hoofd", title="Gnoegave"
    )
    # A message to her, sent (a delivery row), and the sign-up that made the collective.
    from kring.joining.models import JoinRequest
    from kring.news import services as news_services
    from kring.news.models import Delivery, Message

    factories.ConsentFactory(resident=resident, purpose="nieuws")
    news_message = news_services.save_message(
        access=access_for(bob, collective),
        message=Message(subject="Xylofoonstemmen nieuws", body="Geheimpad 7"),
        neighbourhoods=[],
        tags=[],
    )
    Delivery.objects.create(message=news_message, resident=resident, status="verstuurd")
    join_request = JoinRequest.objects.create(
        name=collective.name,
        legal_form="stichting",
        municipality=collective.municipality,
        contact_name="Zebulon Geheimnaam",
        contact_email="zebulon@example.nl",
        description="Geheimpad 7",
        terms_text="t",
        status="goedgekeurd",
        collective=collective,
    )
    return {
        "article": article.slug,
        "publication": publication.slug,
        "meeting": meeting.slug,
        "picture": picture.pk,
        "round": scan_round.pk,
        "theme": "vertrouwen",
        "slug": collective.slug,
        "pks": [
            resident.pk,
            gift.pk,
            place.pk,
            told.pk,
            membership.pk,
            invitation.pk,
            analysis.pk,
            initiative.pk,
            need.pk,
            activity.pk,
            series.pk,
            pledge.pk,
            connection.pk,
            import_job.pk,
            archive_job.pk,
            receipt.pk,
            own_ask.pk,
            open_ask.pk,
            help_offer.pk,
            gift_offer.pk,
            news_message.pk,
            join_request.pk,
        ],
        "token": token,
    }


def body_of(response) -> str:
    # Downloads (publications, plaatjes) answer with a stream.
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode(errors="replace")


def urls_for(pattern_route, name, world):
    """Every concrete URL for a pattern, filled with alice's objects."""
    from django.urls import reverse

    if name == "communities:accept":
        return []  # A secret link for one person; tested in tests/communities.
    converters = pattern_route.converters if hasattr(pattern_route, "converters") else {}
    keys = set(converters)
    options = [{}]
    if "slug" in keys:
        options = [{**o, "slug": world["slug"]} for o in options]
    if "category" in keys:
        options = [{**o, "category": c} for o in options for c in Category.values]
    if "kind" in keys:
        options = [{**o, "kind": k} for o in options for k in ImportKind.values]
    if "pk" in keys:
        options = [{**o, "pk": pk} for o in options for pk in world["pks"]]
    if "uidb64" in keys:
        options = [{**o, "uidb64": "MQ", "token": "set-password"} for o in options]
    elif "token" in keys:
        options = [{**o, "token": world["token"]} for o in options]
    for key in ("article", "publication", "meeting", "picture", "round", "theme"):
        if key in keys:
            options = [{**o, key: world[key]} for o in options]
    unknown = keys - {
        "slug",
        "category",
        "kind",
        "pk",
        "uidb64",
        "token",
        "article",
        "publication",
        "meeting",
        "picture",
        "round",
        "theme",
    }
    assert not unknown, f"isolation test cannot fill {unknown} in {name}: teach it"
    return [reverse(name, kwargs=o) for o in options]


@pytest.mark.django_db
@pytest.mark.parametrize("outsider", ["charlie", "official"])
def test_outsiders_find_nothing_of_alices_collective(
    client, alice_world, outsider, request, settings
):
    # Every URL pattern is walked with GET and POST: more API calls in a minute than a real
    # client may make. The throttle has its own test (tests/api/test_api.py).
    settings.KRING_API_RATE = 100_000
    user = request.getfixturevalue(outsider)
    client.force_login(user)
    api_headers = api_headers_for(user)
    walked = set()
    for route, name, pattern in walk():
        assert name, f"URL {route} has no name"
        walked.add(name)
        for url in urls_for(pattern, name, alice_world):
            for method in ("get", "post"):
                client.force_login(user)  # the walk passes the log-out URL too
                headers = api_headers if name.startswith("api:") else {}
                response = getattr(client, method)(url, headers=headers)
                body = body_of(response)
                for secret in SECRETS:
                    assert secret not in body, (
                        f"{method.upper()} {url} shows {secret!r} to {outsider}"
                    )
                if name.startswith("api:") and name not in API_OPEN:
                    # A list shows the caller's own collective; an object of alice's is 404.
                    # (The test client's empty POST is a form, not JSON: 415.)
                    allowed = {400, 401, 403, 404, 405, 415, 422}
                    if name in API_LISTS:
                        allowed |= {200}
                    assert response.status_code in allowed, (
                        f"{method.upper()} {url} answered {response.status_code} to {outsider}"
                    )
                    continue
                own_scan = outsider == "official" and name in MUNICIPALITY_PAGES
                # The network's public site and the API's open pages: only leaks are checked.
                if (
                    name not in OPEN_PAGES
                    and not name.startswith(("public:", "api:"))
                    and not own_scan
                ):
                    assert response.status_code in (403, 404, 405), (
                        f"{method.upper()} {url} answered {response.status_code} to {outsider}"
                    )
    assert {
        "communities:overview",
        "people:detail",
        "assets:detail",
        "selfscan:results",
        "api:asset",
    } <= walked
    assert {
        "exports:page",
        "exports:archive",
        "exports:archive_job",
        "exports:archive_file",
        "exports:residents_csv",
    } <= walked


def _resident_with_a_door(collective, email):
    user = factories.UserFactory(email=email, name="Rosa Buur")
    Membership.objects.create(user=user, collective=collective, role="lid")
    resident = factories.ResidentFactory(collective=collective, user=user, name="Rosa Buur")
    factories.ConsentFactory(resident=resident)
    return user


# A resident's own record ("Mijn gegevens"): their own, wherever they live.
OWN_PAGES = {
    "privacy:my_data",
    "privacy:my_json",
    "privacy:my_pdf",
    "privacy:my_edit",
    "privacy:my_erase",
}
# Pages for buurtmakers only among the resident's door: a resident (a plain member) gets 403.
BUILDER_DOOR_PAGES = {
    "residents:review",
    "residents:ask_accept",
    "residents:ask_decline",
    "residents:gift_accept",
    "residents:gift_decline",
    "residents:connect",
    "residents:send_link",
}


@pytest.mark.django_db
@pytest.mark.parametrize("where", ["same", "other"])
def test_a_resident_sees_only_themself_and_what_members_may_see(
    client, alice_world, where, collective, other_collective
):
    """A resident who opened their door walks every URL: of a neighbour who did not allow
    members to see him, nothing personal shows; builders' pages answer 403; a resident of
    another collective finds nothing of this one, like any outsider."""
    home = collective if where == "same" else other_collective
    user = _resident_with_a_door(home, f"rosa-{where}@example.org")
    secrets = PERSONAL if where == "same" else SECRETS
    for _route, name, pattern in walk():
        if name.startswith("api:"):
            continue  # a resident has no API token
        for url in urls_for(pattern, name, alice_world):
            for method in ("get", "post"):
                client.force_login(user)
                response = getattr(client, method)(url)
                assert response.status_code != 500, url
                body = body_of(response)
                for secret in secrets:
                    assert secret not in body, f"{method.upper()} {url} shows {secret!r}"
                if name in BUILDER_DOOR_PAGES:
                    assert response.status_code in (403, 404, 405), (method, url)
                if (
                    where == "other"
                    and name not in OPEN_PAGES | OWN_PAGES
                    and not name.startswith("public:")
                ):
                    assert response.status_code in (403, 404, 405), (
                        f"{method.upper()} {url} answered {response.status_code}"
                    )


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client, alice_world):
    for _route, name, pattern in walk():
        for url in urls_for(pattern, name, alice_world):
            response = client.get(url)
            # The API asks for its token (401) instead of sending to the log-in page.
            assert response.status_code in (200, 302, 401, 404, 405), url
            body = body_of(response)
            assert not any(secret in body for secret in SECRETS), url


ODD_QUERIES = [
    "q=a%00b&thema=%00&page=%00&area=%00&indicator=%00&buurt=%00&year=%00&status=%00",
    "q=%FF%FE&category=%FF",
    "q=%ED%A0%80&tag=%ED%A0%80",
]


@pytest.mark.django_db
def test_odd_bytes_in_any_parameter_of_any_page_never_give_a_500(client, alice_world, alice):
    """Every page and API address, as its own admin, with NUL, invalid UTF-8 and lone
    surrogates in its parameters: a plain 400 (problem details under /api/), never a 500."""
    client.raise_request_exception = False
    api_headers = api_headers_for(alice)
    answered = 0
    for _route, name, pattern in walk():
        for url in urls_for(pattern, name, alice_world):
            for query in ODD_QUERIES:
                client.force_login(alice)
                headers = api_headers if name.startswith("api:") else {}
                response = client.get(f"{url}?{query}", headers=headers)
                assert response.status_code == 400, (url, query, response.status_code)
                if name.startswith("api:"):
                    assert response["Content-Type"].startswith("application/problem+json"), url
                answered += 1
    assert answered > 300
