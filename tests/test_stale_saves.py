"""No lost update anywhere: every page, admin form and API call that changes an existing record
refuses a save based on an older version (kring.core.locking).

The lists below are checked against what Kring has: every page of the URL conf, every model
form class, every admin and every API operation that changes something. A new edit page, form,
admin or PATCH that is not versioned and tested here makes this file fail."""

import datetime
import importlib
import pkgutil
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django import forms
from django.contrib import admin
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

import kring
from kring.communities.access import collective_access
from kring.core.locking import CONFLICT_MESSAGE, VersionedAdminMixin, VersionedFormMixin
from kring.initiatives import services as initiative_services
from kring.initiatives.models import ActivitySeries

from . import factories
from .stale_forms import form_with

CONFLICT = str(CONFLICT_MESSAGE)[:40]


# --- what counts as an edit ------------------------------------------------------------------

# Pages that change an existing record from what a person saw: each has a case below.
EDIT_PAGES = {
    "people:edit",
    "people:consent",
    "assets:edit",
    "privacy:my_edit",
    "residents:gift_edit",
    "residents:consents",
    "initiatives:edit",
    "initiatives:edit_activity",
    "initiatives:edit_series",
    "initiatives:attendance",
    "initiatives:need_status",
    "communities:settings",
    "public_profile:edit",
    "editorial:article_edit",
    "editorial:publication_edit",
    "editorial:meeting_edit",
    "editorial:picture_edit",
    "editorial:newsletter_edit",
    "editorial:meeting_registrations",
    "editorial:meeting_mail_edit",
    "news:edit",
    "impact:sharing",
    "impact:target",
    "selfscan:fill",
}

# Every other page, with why a stale save cannot lose someone else's change there.
NOT_EDITS = {
    **dict.fromkeys(
        [
            "home",
            "healthz",
            "assets:index",
            "assets:list",
            "assets:detail",
            "communities:overview",
            "communities:members",
            "editorial:index",
            "editorial:newsletter_report",
            "editorial:meeting_registrations_csv",
            "editorial:meeting_registrations_xlsx",
            "editorial:meeting_mail_preview",
            "editorial:meeting_mail_report",
            "editorial:newsletter_preview",
            "editorial:newsletter_preview_mail",
            "exports:page",
            "exports:geojson",
            "exports:hsds",
            "exports:assets_csv",
            "exports:assets_xlsx",
            "exports:residents_csv",
            "exports:residents_xlsx",
            "exports:archive_job",
            "exports:archive_file",
            "exports:public_geojson",
            "exports:public_hsds",
            "geo:municipality",
            "impact:dashboard",
            "impact:report",
            "impact:report_csv",
            "impact:report_pdf",
            "impact:report_xlsx",
            "imports:index",
            "imports:detail",
            "imports:preview",
            "imports:template_csv",
            "imports:template_xlsx",
            "initiatives:list",
            "initiatives:detail",
            "initiatives:activity",
            "initiatives:agenda",
            "initiatives:series",
            "initiatives:place_calendar",
            "initiatives:connections",
            "initiatives:connection",
            "initiatives:helpers",
            "maps:map",
            "maps:clusters",
            "maps:boundaries",
            "maps:geocode",
            "maps:svg",
            "maps:png",
            "maps:portrait",
            "maps:portrait_story",
            "maps:portrait_pdf",
            "maps:portrait_png",
            "matching:search",
            "network:index",
            "network:graph",
            "network:svg",
            "network:png",
            "network:progress",
            "people:list",
            "people:pick",
            "people:detail",
            "assets:paper_form",
            "privacy:accessibility",
            "privacy:audit_log",
            "privacy:erasure_receipt",
            "privacy:erasure_receipts",
            "privacy:my_data",
            "privacy:my_json",
            "privacy:my_pdf",
            "privacy:resident",
            "privacy:resident_json",
            "privacy:resident_pdf",
            "residents:home",
            "residents:mine",
            "residents:my_data",
            "residents:my_data_json",
            "residents:my_data_pdf",
            "residents:asks",
            "residents:review",
            "residents:link_sent",
            "public:academy",
            "public:article",
            "public:feed_atom",
            "public:feed_rss",
            "public:map",
            "public:meeting_calendar",
            "public:member",
            "public:member_contact_sent",
            "public:agenda",
            "public:agenda_ics",
            "public:members",
            "public:news",
            "public:newsletter_sent",
            "public:newsletter_archive",
            "public:newsletter_issue",
            "public:newsletter_feed_rss",
            "public:newsletter_feed_atom",
            "public:picture_download",
            "public:pictures",
            "public:publication",
            "public:publication_download",
            "public:publications",
            "public:sitemap",
            "public_profile:preview",
            "selfscan:index",
            "selfscan:compare",
            "selfscan:results",
            "selfscan:results_pdf",
            "api_tokens:list",
            "api_tokens:municipality_list",
            "password_reset_done",
            "password_reset_complete",
        ],
        "reads only (a form there filters or asks, it does not change a record)",
    ),
    **dict.fromkeys(
        [
            "assets:create",
            "people:create",
            "people:invite",
            "assets:conversation",
            "initiatives:create",
            "initiatives:add_need",
            "initiatives:create_activity",
            "initiatives:create_pledge",
            "initiatives:create_connection",
            "initiatives:connect",
            "residents:ask_link",
            "residents:open_link",
            "residents:gift_new",
            "residents:ask_new",
            "residents:help",
            "residents:send_link",
            "communities:invite",
            "editorial:article_new",
            "editorial:publication_new",
            "editorial:meeting_new",
            "editorial:picture_new",
            "editorial:newsletter_new",
            "editorial:meeting_mail_new",
            "editorial:image_upload",
            "exports:open_data",
            "exports:archive",
            "imports:upload",
            "impact:report_start",
            "network:start",
            "selfscan:start",
            "public:newsletter",
            "public:meeting",
            "public:member_contact",
            "communities:accept",
            "login",
            "password_reset",
            "password_reset_confirm",
            "security:verify",
            "security:recovery",
            "set_language",
        ],
        "makes a new record or asks for something; nothing existing is overwritten",
    ),
    **dict.fromkeys(
        [
            "notices:preference",
            "notices:resident",
            "notices:mine",
            "notices:unsubscribe",
            "notices:followups",
        ],
        "a choice (how often, which asks; a number of days) replaced as a whole: the newest "
        "choice is the wish, nothing typed is lost, and the audit log keeps each change",
    ),
    **dict.fromkeys(
        ["notices:followup", "notices:followup_answer"],
        "an answer to one question: a later answer replaces the earlier one on purpose (‘loopt "
        "nog’ becomes ‘ja’), and the audit log keeps each",
    ),
    **dict.fromkeys(
        [
            "assets:delete",
            "initiatives:delete_need",
            "initiatives:delete_activity",
            "initiatives:delete_series",
            "initiatives:delete_pledge",
            "initiatives:delete_connection",
            "editorial:article_delete",
            "editorial:publication_delete",
            "editorial:meeting_delete",
            "communities:remove",
            "communities:revoke",
            "api_tokens:revoke",
            "api_tokens:municipality_revoke",
            "privacy:resident_erase",
            "privacy:my_erase",
            "residents:gift_remove",
            "residents:erase",
            "residents:ask_close",
            "imports:discard",
            "public_profile:discard",
            "public:unsubscribe",
            "public:registration_cancel",
            "logout",
        ],
        "removes or ends something after a confirmation; there is no text to lose",
    ),
    **dict.fromkeys(
        [
            "public_profile:publish",
            "editorial:newsletter_send",
            "editorial:meeting_mail_send",
            "selfscan:submit",
            "selfscan:close",
            "imports:start",
            "public:newsletter_confirm",
            "residents:ask_accept",
            "residents:ask_decline",
            "residents:gift_accept",
            "residents:gift_decline",
            "residents:connect",
            "initiatives:restore_date",
        ],
        "one button that moves a record to its next step; doing it twice does nothing more",
    ),
    "residents:password": "the person's own password; only they reach it, and the old one is asked",
    **dict.fromkeys(
        [
            "news:index",
            "news:preview",
            "news:report",
            "news:door_list",
            "news:paper_pdf",
            "joining:requests",
            "joining:sent",
        ],
        "reads only (a form there filters or asks, it does not change a record)",
    ),
    **dict.fromkeys(
        ["news:new", "news:test", "editorial:newsletter_test", "joining:join"],
        "makes a new record or sends a test mail; nothing existing is overwritten",
    ),
    **dict.fromkeys(
        [
            "news:send",
            "editorial:newsletter_cancel",
            "joining:confirm",
            "joining:detail",
            "news:unsubscribe",
        ],
        "one button that moves a record to its next step (send, confirm, approve or decline, "
        "unsubscribe); doing it twice does nothing more",
    ),
    "editorial:newsletter_send": "a confirmation that moves an issue from draft to sending or "
    "scheduled, once; it carries the version seen in the preview and refuses a newer one "
    "(tests/public/test_newsletter_sending.py)",
    "joining:erase_contact": "removes something after a confirmation; there is no text to lose",
    "communities:change_role": "one choice whose latest value is the intended one; logged",
    "imports:mapping": "the uploader's own import, one step of a wizard only they walk",
    "security:two_factor": "the person's own second step; only they reach it",
}


def _url_names():
    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern.url_patterns, inner)
            else:
                # An unnamed page is known by its route, so it cannot slip through.
                name = pattern.name or str(pattern.pattern)
                yield f"{namespace}:{name}" if namespace else name

    return {
        name
        for name in walk(get_resolver().url_patterns)
        # Uploads (served only in debug mode) are files, not pages.
        if not name.startswith(("admin", "api:", "media"))
    }


def test_every_page_is_either_an_edit_with_a_stale_save_case_or_says_why_not():
    names = _url_names()
    unknown = names - EDIT_PAGES - set(NOT_EDITS)
    assert not unknown, (
        f"New pages {sorted(unknown)}: if they change an existing record, version them "
        "(kring.core.locking) and add a case to STALE_CASES; otherwise say why in NOT_EDITS."
    )
    assert not EDIT_PAGES & set(NOT_EDITS)
    assert names >= EDIT_PAGES and set(NOT_EDITS) <= names, "lists name pages that are gone"
    assert set(STALE_CASES) == EDIT_PAGES


# Model forms that only ever create (never get an existing instance), with why.
CREATE_ONLY_FORMS = {
    "kring.initiatives.forms.pledges.PledgeForm": "a pledge is made or removed, never edited",
    "kring.initiatives.forms.connections.ConnectionForm": "a connection is recorded or removed",
    "kring.api.forms.TokenForm": "a key is made or revoked",
    "kring.api.forms.MunicipalityTokenForm": "a key is made or revoked",
    "kring.joining.forms.JoinRequestForm": "a sign-up is made by the public page, never edited",
}


def _kring_modules(suffix: str):
    for info in pkgutil.walk_packages(kring.__path__, "kring."):
        if info.name.endswith(suffix) and ".migrations" not in info.name:
            yield importlib.import_module(info.name)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_every_model_form_that_can_edit_carries_the_version():
    list(_kring_modules(".forms"))
    missing = []
    for form in set(_subclasses(forms.ModelForm)):
        name = f"{form.__module__}.{form.__qualname__}"
        if not name.startswith("kring.") or form._meta.model is None:
            continue
        if name in CREATE_ONLY_FORMS or issubclass(form, VersionedFormMixin):
            continue
        missing.append(name)
    assert not missing, f"model forms without the version check: {sorted(missing)}"
    for name in CREATE_ONLY_FORMS:
        module, cls = name.rsplit(".", 1)
        assert hasattr(importlib.import_module(module), cls), f"{name} is gone"


# --- the stale save on every edit page --------------------------------------------------------


@dataclass
class Case:
    user: object
    url: str
    other: dict  # what the other person saves first, from the same form
    mine: dict  # what this person then saves, from the form loaded before that
    shown: str  # text of the other's change, shown beside the form
    typed: str | None  # what this person typed, still in the form
    saved: object  # reads the record again: must still hold the other's change
    expected: object
    version_field: str = "version"
    extra: dict = field(default_factory=dict)


@pytest.fixture
def editor(db):
    return factories.UserFactory(email="redactie@example.org", is_network_editor=True)


def _resident_edit(ctx):
    resident = factories.ResidentFactory(collective=ctx["collective"], name="Fatima Yilmaz")
    return Case(
        user=ctx["bob"],
        url=reverse("people:edit", args=[ctx["collective"].slug, resident.pk]),
        other={"languages": "Arabisch"},
        mine={"languages": "Turks, Nederlands"},
        shown="Arabisch",
        typed="Turks, Nederlands",
        saved=lambda: type(resident).objects.get(pk=resident.pk).languages,
        expected="Arabisch",
    )


def _consent(ctx):
    resident = factories.ResidentFactory(collective=ctx["collective"], name="Fatima Yilmaz")
    factories.ConsentFactory(resident=resident, purpose="verbinden")
    return Case(
        user=ctx["bob"],
        url=reverse("people:consent", args=[ctx["collective"].slug, resident.pk]),
        other={"purposes": []},  # the consent is withdrawn
        mine={"purposes": ["verbinden", "inventaris"]},  # the stale form would give it back
        shown="(geen)",
        typed=None,
        saved=lambda: sorted(type(resident).objects.get(pk=resident.pk).active_purposes()),
        expected=[],
    )


def _asset_edit(ctx):
    place = factories.AssetFactory(collective=ctx["collective"], title="Buurttuin")
    return Case(
        user=ctx["bob"],
        url=reverse("assets:edit", args=[ctx["collective"].slug, place.pk]),
        other={"opening_hours": "elke zaterdag 10-14 uur"},
        mine={"opening_hours": "op woensdag"},
        shown="elke zaterdag 10-14 uur",
        typed="op woensdag",
        saved=lambda: type(place).objects.get(pk=place.pk).opening_hours,
        expected="elke zaterdag 10-14 uur",
    )


def _my_edit(ctx):
    user = factories.UserFactory(email="fatima@example.org")
    resident = factories.ResidentFactory(collective=ctx["collective"], user=user, phone="")
    return Case(
        user=user,
        url=reverse("privacy:my_edit"),
        other={"phone": "06-11112222"},
        mine={"phone": "010-1234567"},
        shown="06-11112222",
        typed="010-1234567",
        saved=lambda: type(resident).objects.get(pk=resident.pk).phone,
        expected="06-11112222",
    )


def _initiative_edit(ctx):
    initiative = factories.InitiativeFactory(collective=ctx["collective"], title="Repair café")
    return Case(
        user=ctx["bob"],
        url=reverse("initiatives:edit", args=[ctx["collective"].slug, initiative.pk]),
        other={"description": "Elke eerste zaterdag in het Fort"},
        mine={"description": "Op woensdagmiddag in de bieb"},
        shown="Elke eerste zaterdag in het Fort",
        typed="Op woensdagmiddag in de bieb",
        saved=lambda: type(initiative).objects.get(pk=initiative.pk).description,
        expected="Elke eerste zaterdag in het Fort",
    )


def _activity_edit(ctx):
    initiative = factories.InitiativeFactory(collective=ctx["collective"])
    activity = factories.ActivityFactory(initiative=initiative, title="Koffie")
    return Case(
        user=ctx["bob"],
        url=reverse("initiatives:edit_activity", args=[ctx["collective"].slug, activity.pk]),
        other={"title": "Koffie met taart"},
        mine={"title": "Koffie en soep"},
        shown="Koffie met taart",
        typed="Koffie en soep",
        saved=lambda: type(activity).objects.get(pk=activity.pk).title,
        expected="Koffie met taart",
    )


def _series_edit(ctx):
    initiative = factories.InitiativeFactory(collective=ctx["collective"])
    series = initiative_services.save_series(
        access=collective_access(ctx["bob"], ctx["collective"].slug),
        series=ActivitySeries(
            initiative=initiative,
            title="Repair café",
            repeat="week",
            starts_on=timezone.localdate() + datetime.timedelta(days=7),
            count=3,
            start_time=datetime.time(10, 0),
            end_time=datetime.time(12, 0),
        ),
    ).series
    return Case(
        user=ctx["bob"],
        url=reverse("initiatives:edit_series", args=[ctx["collective"].slug, series.pk]),
        other={"title": "Repair café in het Fort"},
        mine={"title": "Fietsenmaakdag"},
        shown="Repair café in het Fort",
        typed="Fietsenmaakdag",
        saved=lambda: ActivitySeries.objects.get(pk=series.pk).title,
        expected="Repair café in het Fort",
    )


def _attendance(ctx):
    initiative = factories.InitiativeFactory(collective=ctx["collective"])
    activity = factories.ActivityFactory(initiative=initiative)
    resident = factories.ResidentFactory(collective=ctx["collective"], name="Kees Kraan")
    return Case(
        user=ctx["bob"],
        url=reverse("initiatives:attendance", args=[ctx["collective"].slug, activity.pk]),
        other={"attendees": [resident.pk], "hours_given": "6", "items_repaired": "12"},
        mine={"attendees": [], "hours_given": "2", "items_repaired": "3"},
        shown="Kees Kraan",
        typed=None,
        saved=lambda: (
            list(type(activity).objects.get(pk=activity.pk).attendees.all()),
            type(activity).objects.get(pk=activity.pk).hours_given,
            type(activity).objects.get(pk=activity.pk).items_repaired,
        ),
        expected=([resident], Decimal("6"), 12),
    )


def _collective_settings(ctx):
    collective = ctx["collective"]
    return Case(
        user=ctx["alice"],
        url=reverse("communities:settings", args=[collective.slug]),
        other={"description": "Bewoners van het Havenkwartier helpen elkaar"},
        mine={"description": "Wij delen gereedschap"},
        shown="Bewoners van het Havenkwartier helpen elkaar",
        typed="Wij delen gereedschap",
        saved=lambda: type(collective).objects.get(pk=collective.pk).description,
        expected="Bewoners van het Havenkwartier helpen elkaar",
    )


def _public_profile(ctx):
    from kring.public.models import ProfileDraft

    collective = ctx["collective"]
    ProfileDraft.objects.create(collective=collective, public_teaser="Eerste versie")
    return Case(
        user=ctx["alice"],
        url=reverse("public_profile:edit", args=[collective.slug]),
        other={"public_teaser": "Buren helpen buren"},
        mine={"public_teaser": "Samen sterk in de wijk"},
        shown="Buren helpen buren",
        typed="Samen sterk in de wijk",
        saved=lambda: ProfileDraft.objects.get(collective=collective).public_teaser,
        expected="Buren helpen buren",
    )


def _editorial(kind, factory, text_field):
    def make(ctx):
        item = factory()
        return Case(
            user=ctx["editor"],
            url=reverse(f"editorial:{kind}_edit", args=[item.pk]),
            other={text_field: "Wat de ander schreef"},
            mine={text_field: "Wat ik net typte"},
            shown="Wat de ander schreef",
            typed="Wat ik net typte",
            saved=lambda: getattr(type(item).objects.get(pk=item.pk), text_field),
            expected="Wat de ander schreef",
        )

    return make


def _newsletter():
    from kring.public.models import Newsletter

    return Newsletter.objects.create(subject="Nieuws uit de buurt", body="<p>Hallo</p>")


def _meeting_attendance(ctx):
    meeting = factories.MeetingFactory()
    registration = factories.RegistrationFactory(meeting=meeting, name="Kees Kraan")
    return Case(
        user=ctx["editor"],
        url=reverse("editorial:meeting_registrations", args=[meeting.pk]),
        other={f"a{registration.pk}": "ja"},
        mine={f"a{registration.pk}": "nee"},
        shown="Kees Kraan",
        typed=None,
        saved=lambda: type(registration).objects.get(pk=registration.pk).attended,
        expected=True,
    )


def _meeting_mail(ctx):
    from kring.public.models import MeetingMail

    meeting_mail = MeetingMail.objects.create(
        meeting=factories.MeetingFactory(), subject="Neem een stoel mee", body="Eerste versie"
    )
    return Case(
        user=ctx["editor"],
        url=reverse("editorial:meeting_mail_edit", args=[meeting_mail.pk]),
        other={"body": "Wat de ander schreef"},
        mine={"body": "Wat ik net typte"},
        shown="Wat de ander schreef",
        typed="Wat ik net typte",
        saved=lambda: MeetingMail.objects.get(pk=meeting_mail.pk).body,
        expected="Wat de ander schreef",
    )


def _news_edit(ctx):
    from kring.news.models import Message

    collective = ctx["collective"]
    message = Message.objects.create(
        collective=collective, subject="Nieuws van het collectief", body="Eerste versie"
    )
    return Case(
        user=ctx["alice"],
        url=reverse("news:edit", args=[collective.slug, message.pk]),
        other={"body": "Wat de ander schreef"},
        mine={"body": "Wat ik net typte"},
        shown="Wat de ander schreef",
        typed="Wat ik net typte",
        saved=lambda: Message.objects.get(pk=message.pk).body,
        expected="Wat de ander schreef",
    )


def _sharing(ctx):
    from kring.impact.models import SharingChoice

    collective = ctx["collective"]
    return Case(
        user=ctx["alice"],
        url=reverse("impact:sharing", args=[collective.slug]),
        other={"groups": ["deelname", "bronnen"]},
        mine={"groups": ["verhalen"]},
        shown="Bronnen per soort",
        typed=None,
        saved=lambda: SharingChoice.objects.get(collective=collective).groups,
        expected=["deelname", "bronnen"],
    )


def _target(ctx):
    from kring.impact.models import Target

    official = ctx["official"]
    return Case(
        user=official,
        url=reverse("impact:dashboard"),
        other={"indicator": "residents", "value": "120"},
        mine={"indicator": "residents", "value": "150"},
        shown="120",
        typed='value="150"',
        saved=lambda: Target.objects.get(municipality=official.municipality).value,
        expected=120,
        version_field="seen",
    )


def _selfscan(ctx):
    from kring.selfscan import services
    from kring.selfscan.models import Answer, Theme

    official = ctx["official"]
    services.start_round(user=official)
    theme = Theme.objects.order_by("position").first()
    statement = theme.statements.order_by("position").first()
    return Case(
        user=official,
        url=reverse("selfscan:fill", args=[theme.key]),
        other={f"s{statement.pk}": "2"},
        mine={f"s{statement.pk}": "5"},
        shown="2 · klopt niet",
        typed=None,
        saved=lambda: Answer.objects.get(statement=statement).value,
        expected=2,
    )


def _resident_at_the_door(ctx):
    """A resident who opened their own door: their record, a plain membership."""
    user = factories.UserFactory(email="fatima@example.org")
    factories.MembershipFactory(user=user, collective=ctx["collective"], role="lid")
    resident = factories.ResidentFactory(collective=ctx["collective"], user=user)
    factories.ConsentFactory(resident=resident, purpose="inventaris")
    return user, resident


def _my_gift(ctx):
    user, resident = _resident_at_the_door(ctx)
    gift = factories.GiftFactory(
        collective=ctx["collective"], resident=resident, title="Fietsen", availability="nu"
    )
    return Case(
        user=user,
        url=reverse("residents:gift_edit", args=[ctx["collective"].slug, gift.pk]),
        other={"description": "Alleen op zaterdag"},
        mine={"description": "Elke avond na zessen"},
        shown="Alleen op zaterdag",
        typed="Elke avond na zessen",
        saved=lambda: type(gift).objects.get(pk=gift.pk).description,
        expected="Alleen op zaterdag",
    )


def _my_consents(ctx):
    user, resident = _resident_at_the_door(ctx)
    factories.ConsentFactory(resident=resident, purpose="verbinden")
    return Case(
        user=user,
        url=reverse("residents:consents", args=[ctx["collective"].slug]),
        other={"purposes": ["inventaris"]},  # "verbinden" is withdrawn
        mine={"purposes": ["inventaris", "verbinden"]},  # the stale form would give it back
        shown="inventaris",
        typed=None,
        saved=lambda: sorted(type(resident).objects.get(pk=resident.pk).active_purposes()),
        expected=["inventaris"],
    )


STALE_CASES = {
    "residents:gift_edit": _my_gift,
    "residents:consents": _my_consents,
    "people:edit": _resident_edit,
    "people:consent": _consent,
    "assets:edit": _asset_edit,
    "privacy:my_edit": _my_edit,
    "initiatives:edit": _initiative_edit,
    "initiatives:edit_activity": _activity_edit,
    "initiatives:edit_series": _series_edit,
    "initiatives:attendance": _attendance,
    "initiatives:need_status": None,  # a button per need on the initiative's page: see below
    "communities:settings": _collective_settings,
    "public_profile:edit": _public_profile,
    "editorial:article_edit": _editorial("article", factories.ArticleFactory, "summary"),
    "editorial:publication_edit": _editorial(
        "publication", factories.PublicationFactory, "summary"
    ),
    "editorial:meeting_edit": _editorial("meeting", factories.MeetingFactory, "summary"),
    "editorial:picture_edit": _editorial("picture", factories.PictureFactory, "description"),
    "editorial:newsletter_edit": _editorial("newsletter", _newsletter, "subject"),
    "editorial:meeting_registrations": _meeting_attendance,
    "editorial:meeting_mail_edit": _meeting_mail,
    "news:edit": _news_edit,
    "impact:sharing": _sharing,
    "impact:target": _target,
    "selfscan:fill": _selfscan,
}


@pytest.fixture
def ctx(collective, alice, bob, official, editor, municipality):
    return {
        "collective": collective,
        "alice": alice,
        "bob": bob,
        "official": official,
        "editor": editor,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(n for n, case in STALE_CASES.items() if case))
def test_a_stale_save_is_refused_keeps_what_was_typed_and_shows_the_other_change(client, ctx, name):
    case = STALE_CASES[name](ctx)
    client.force_login(case.user)
    page = client.get(case.url)
    assert page.status_code == 200
    seen = form_with(page.content.decode(), case.version_field)
    action = seen.pop("_action") or case.url

    # The other person saves first (here: the same form, loaded at the same moment).
    first = client.post(action, {**seen, **case.other})
    assert first.status_code == 302, first.content.decode()[:3000]
    assert case.saved() == case.expected

    # Then the form loaded before that change is sent: refused, nothing overwritten.
    stale = client.post(action, {**seen, **case.mine})
    body = stale.content.decode()
    assert stale.status_code == 400
    assert CONFLICT in body
    assert 'class="edit-conflict"' in body
    assert case.shown in body.split('class="edit-conflict"', 1)[1]
    if case.typed:
        assert case.typed in body
    assert case.saved() == case.expected

    # The answer carries the version of now: sending it again is a conscious choice and works.
    again = form_with(body, case.version_field)
    again.pop("_action")
    assert client.post(action, {**again, **case.mine}).status_code == 302
    assert case.saved() != case.expected


@pytest.mark.django_db
def test_a_need_status_set_from_an_old_page_is_refused(client, collective, bob):
    from kring.initiatives.models import Need

    initiative = factories.InitiativeFactory(collective=collective)
    need = factories.NeedFactory(initiative=initiative, text="Iemand die banden plakt")
    client.force_login(bob)
    page = client.get(initiative.get_absolute_url()).content.decode()
    seen = form_with(page, "version")
    action = seen.pop("_action")
    assert action == reverse("initiatives:need_status", args=[collective.slug, need.pk])

    assert client.post(action, {**seen, "status": "gevonden"}).status_code == 302
    stale = client.post(action, {**seen, "status": "open"}, follow=True)
    body = stale.content.decode()
    assert "Iemand anders heeft de status" in body
    assert Need.objects.get(pk=need.pk).status == "gevonden"


# --- the admin -------------------------------------------------------------------------------

# Admins of Kring's own models that change records without the version check, with why.
ADMIN_WITHOUT_VERSION = {
    "core.User": "Django's own user admin; log-ins are changed by one installation admin",
    "geo.Municipality": "CBS areas, loaded by the import of the installation admin",
    "geo.District": "CBS areas, loaded by the import of the installation admin",
    "geo.Neighbourhood": "CBS areas, loaded by the import of the installation admin",
    "communities.Invitation": "an invitation is sent or revoked, its text is not edited",
    "initiatives.PublicTask": "a short fixed list of names kept by the installation admin",
    "public.Theme": "a name and a slug, kept by the installation admin",
    "selfscan.Theme": "the fixed self-scan, kept by the network's editors in one place",
    "impact.ImpactReport": "made by a background task; the admin only looks",
}


def _kring_admins():
    for model, model_admin in admin.site._registry.items():
        if model.__module__.startswith("kring."):
            yield model, model_admin


@pytest.mark.django_db
def test_every_admin_that_changes_records_checks_the_version(rf, admin_user):
    missing = []
    request = rf.get("/")
    request.user = admin_user
    for model, model_admin in _kring_admins():
        label = model._meta.label
        if not model_admin.has_change_permission(request) or label in ADMIN_WITHOUT_VERSION:
            continue
        if not isinstance(model_admin, VersionedAdminMixin):
            missing.append(label)
    assert not missing, f"admins without the version check: {sorted(missing)}"


def _admin_objects():
    from kring.impact.models import SocialValueProxy, Target
    from kring.matching.models import SynonymGroup

    return {
        "matching.SynonymGroup": lambda ctx: SynonymGroup.objects.create(terms="fiets, rijwiel"),
        "impact.SocialValueProxy": lambda ctx: SocialValueProxy.objects.order_by("pk").first(),
        "impact.Target": lambda ctx: Target.objects.create(
            municipality=ctx["official"].municipality,
            indicator="residents",
            year=2026,
            value=5,
            set_by=ctx["official"],
        ),
        "communities.Collective": lambda ctx: ctx["collective"],
    }


def test_every_versioned_admin_has_a_stale_save_case():
    versioned = {
        model._meta.label
        for model, model_admin in _kring_admins()
        if isinstance(model_admin, VersionedAdminMixin)
    }
    assert versioned == set(_admin_objects())


@pytest.mark.django_db
@pytest.mark.parametrize("label", sorted(_admin_objects()))
def test_an_admin_change_form_refuses_a_stale_save(client, ctx, admin_user, label):
    obj = _admin_objects()[label](ctx)
    model = type(obj)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])
    client.force_login(admin_user)
    page = client.get(url)
    assert page.status_code == 200
    seen = form_with(page.content.decode(), "version")
    seen.pop("_action")
    seen["_save"] = "Opslaan"
    assert client.post(url, seen).status_code == 302  # someone else saves in between
    assert model.objects.get(pk=obj.pk).version == obj.version + 1

    stale = client.post(url, seen)
    assert stale.status_code == 200
    assert CONFLICT in stale.content.decode()
    assert model.objects.get(pk=obj.pk).version == obj.version + 1


@pytest.mark.django_db
def test_publishing_the_profile_makes_an_open_settings_form_stale(client, collective, alice):
    """The settings page edits the public fields too: a publish in between is not undone."""
    from kring.public.models import ProfileDraft

    client.force_login(alice)
    url = reverse("communities:settings", args=[collective.slug])
    seen = form_with(client.get(url).content.decode(), "version")
    seen.pop("_action")
    ProfileDraft.objects.create(
        collective=collective, public_teaser="Buren helpen buren", public_place="Rotterdam"
    )
    publish = reverse("public_profile:publish", args=[collective.slug])
    assert client.post(publish, {"publish": "1"}).status_code == 302
    stale = client.post(url, seen)
    assert stale.status_code == 400
    assert CONFLICT in stale.content.decode()
    collective.refresh_from_db()
    assert collective.public_teaser == "Buren helpen buren" and collective.is_public
