"""The network's public site. Open to everyone; reads only published content and the explicit
public-profile fields of member collectives (kring.public.selectors)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from kring.communities.places import places_of
from kring.core.languages import map_credit
from kring.exports.selectors import open_data_published
from kring.initiatives.selectors import public_agenda

from . import selectors
from .calendar import agenda_ics, meeting_ics
from .contact_forms import ContactForm
from .forms import CONSENT_TEXT, MemberFilterForm, RegistrationForm, SubscribeForm
from .selectors import MemberFilters
from .services import InvalidLink
from .services import academy as academy_service
from .services import newsletter as newsletter_service

logger = logging.getLogger(__name__)
MEMBERS_PER_PAGE = 30
# The public agenda page shows half a year ahead; the feed also keeps the last month, so a
# calendar app does not drop what just happened.
AGENDA_PAGE_DAYS = 183
AGENDA_FEED_PAST_DAYS = 31
AGENDA_FEED_DAYS = 366


def _signup_form():
    """The newsletter form, or None when sign-up is switched off; the template then says how
    else to subscribe, never an empty box."""
    return SubscribeForm() if settings.KRING_NEWSLETTER_SIGNUP else None


def front_door(request):
    """The address of the installation ("/"). Visitors see the network's public site; everyone
    logged in goes to where their work is: straight there with one place (a collective, the
    gemeente's dashboard, the editorial pages), a short choice with several."""
    if not request.user.is_authenticated:
        return home(request)
    places = places_of(request.user)
    if len(places) == 1:
        return redirect(places[0].url)
    return render(request, "core/home.html", {"places": places})


def home(request):
    now = timezone.now()
    return render(
        request,
        "public/home.html",
        {
            "articles": selectors.published_articles()[:3],
            "publications": selectors.published_publications()[:2],
            "meetings": selectors.upcoming_meetings(now)[:3],
            "members": selectors.more_members(limit=3),
            "signup_form": _signup_form(),
        },
    )


def members(request):
    choices = selectors.filter_choices()
    form = MemberFilterForm(request.GET or None, choices=choices)
    filters = MemberFilters(**form.cleaned_data) if form.is_valid() else MemberFilters()
    found = selectors.filtered_members(filters)
    # Paginated, so a phone never downloads the whole country at once (bench/public_pages.py).
    page = Paginator(found, MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    template = "public/_member_results.html" if request.htmx else "public/members.html"
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "members": page.object_list,
            "filtered": any(vars(filters).values()),
        },
    )


def member(request, slug: str):
    collective = selectors.public_member(slug)
    if collective is None:
        raise Http404
    return render(
        request,
        "public/member.html",
        {
            "member": collective,
            "themes": selectors.themes_of(collective),
            "contact": selectors.contact_details(collective),
            "contact_form": ContactForm() if selectors.takes_messages(collective) else None,
            "articles": selectors.published_articles().filter(collectives=collective)[:3],
            "more_members": selectors.more_members(exclude=collective),
            # Only the collective's own choice (kring.exports); off unless its admin chose it.
            "open_data": open_data_published(collective),
            "agenda": _upcoming(collective)[:3],
        },
    )


def _upcoming(collective, days: int = AGENDA_PAGE_DAYS):
    today = timezone.localdate()
    return public_agenda(collective, since=today, until=today + timedelta(days=days))


def member_agenda(request, slug: str):
    """What a member collective put on its public agenda: title, date and time, and the place
    when that place is public. Only for collectives with a public profile."""
    collective = selectors.public_member(slug)
    if collective is None:
        raise Http404
    occurrences = _upcoming(collective)
    days: dict = {}
    for occurrence in occurrences:
        days.setdefault(occurrence.date, []).append(occurrence)
    return render(
        request,
        "public/member_agenda.html",
        {"member": collective, "days": list(days.items())},
    )


def member_agenda_ics(request, slug: str):
    collective = selectors.public_member(slug)
    if collective is None:
        raise Http404
    today = timezone.localdate()
    occurrences = public_agenda(
        collective,
        since=today - timedelta(days=AGENDA_FEED_PAST_DAYS),
        until=today + timedelta(days=AGENDA_FEED_DAYS),
    )
    response = HttpResponse(
        agenda_ics(collective, occurrences), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{collective.slug}-agenda.ics"'
    return response


def member_map(request):
    choices = selectors.filter_choices()
    form = MemberFilterForm(request.GET or None, choices=choices)
    filters = MemberFilters(**form.cleaned_data) if form.is_valid() else MemberFilters()
    found = selectors.filtered_members(filters)
    return render(
        request,
        "public/map.html",
        {
            "form": form,
            "members": found,
            "points": selectors.map_points(found),
            "tiles_url": settings.KRING_MAP_TILES_URL,
            "tiles_attribution": map_credit(),
        },
    )


def news(request):
    articles = selectors.published_articles()
    theme = request.GET.get("thema", "")
    if theme:
        articles = articles.filter(themes__slug=theme)
    return render(
        request,
        "public/news.html",
        {"articles": articles[:50], "themes": selectors.themes_in_use(), "theme": theme},
    )


def article(request, article: str):
    item = selectors.article_by_slug(article)
    if item is None:
        raise Http404
    return render(
        request,
        "public/article.html",
        {
            "article": item,
            "publications": selectors.published_publications().filter(articles=item),
            "members": selectors.members_of_article(item),
            "more_members": selectors.more_members(),
            "related": selectors.related_articles(item),
            "signup_form": _signup_form(),
        },
    )


def publications(request):
    return render(
        request,
        "public/publications.html",
        {"publications": selectors.published_publications()[:50]},
    )


def publication(request, publication: str):
    item = selectors.publication_by_slug(publication)
    if item is None:
        raise Http404
    return render(
        request,
        "public/publication.html",
        {
            "publication": item,
            "articles": selectors.published_articles().filter(publications=item)[:3],
            "more_members": selectors.more_members(),
        },
    )


def publication_download(request, publication: str):
    item = selectors.publication_by_slug(publication)
    if item is None or not item.file:
        raise Http404
    try:
        handle = item.file.open("rb")
    except OSError:
        logger.warning("publication file missing: %s", item.file.name)
        raise Http404 from None
    # Always a download, never shown inline: the file is the editors', not the site's.
    return FileResponse(
        handle, as_attachment=True, filename=item.download_name, content_type="application/pdf"
    )


def academy(request):
    return render(
        request,
        "public/academy.html",
        {
            "meetings": selectors.upcoming_meetings(timezone.now()),
            "pictures": selectors.published_pictures()[:4],
        },
    )


def meeting(request, meeting: str):
    item = selectors.meeting_by_slug(meeting)
    if item is None:
        raise Http404
    form = RegistrationForm(request.POST or None)
    registration = None
    if request.method == "POST":
        if item.ends_at < timezone.now():
            form.add_error(None, _("Deze bijeenkomst is al geweest. Aanmelden kan niet meer."))
        elif form.is_valid():
            registration = academy_service.register(
                meeting=item, language=get_language(), **form.cleaned_data
            )
            return render(
                request,
                "public/registered.html",
                {"meeting": item, "registration": registration},
            )
    return render(
        request,
        "public/meeting.html",
        {
            "meeting": item,
            "places": selectors.meeting_places(item),
            "form": form,
            "is_past": item.ends_at < timezone.now(),
        },
        status=400 if request.method == "POST" else 200,
    )


def meeting_calendar(request, meeting: str):
    item = selectors.meeting_by_slug(meeting)
    if item is None:
        raise Http404
    response = HttpResponse(meeting_ics(item), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{item.slug}.ics"'
    return response


@require_http_methods(["GET", "POST"])
def registration_cancel(request, token: str):
    try:
        registration = academy_service.registration_for_token(token)
    except InvalidLink:
        return render(request, "public/link_invalid.html", status=404)
    if request.method == "POST":
        academy_service.cancel_registration(registration=registration)
        return render(request, "public/cancelled.html", {"meeting": registration.meeting})
    return render(request, "public/cancel.html", {"registration": registration})


def pictures(request):
    return render(request, "public/pictures.html", {"pictures": selectors.published_pictures()})


def picture_download(request, picture: int):
    item = selectors.published_pictures().filter(pk=picture).first()
    if item is None or not item.image:
        raise Http404
    try:
        handle = item.image.open("rb")
    except OSError:
        raise Http404 from None
    extension = item.image.name.rsplit(".", 1)[-1]
    return FileResponse(handle, as_attachment=True, filename=f"plaatje-{item.pk}.{extension}")


@require_http_methods(["GET", "POST"])
def newsletter(request):
    if not settings.KRING_NEWSLETTER_SIGNUP:
        return render(
            request,
            "public/newsletter.html",
            {"signup_form": None, "issues": selectors.sent_newsletters()[:3]},
        )
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        newsletter_service.subscribe(
            email=form.cleaned_data["email"],
            consent_text=str(CONSENT_TEXT),
            ip=request.META.get("REMOTE_ADDR"),
        )
        return redirect("public:newsletter_sent")
    return render(
        request,
        "public/newsletter.html",
        {"signup_form": form, "issues": selectors.sent_newsletters()[:3]},
        status=400 if request.method == "POST" else 200,
    )


def newsletter_archive(request):
    return render(
        request,
        "public/newsletter_archive.html",
        {"issues": selectors.sent_newsletters()},
    )


def newsletter_issue(request, pk: int):
    """The web version of a sent issue: what every subscriber got, without anyone's
    unsubscribe link."""
    issue = selectors.sent_newsletters().filter(pk=pk).first()
    if issue is None:
        raise Http404
    return render(
        request,
        "public/newsletter_issue.html",
        {"issue": issue, "signup_form": _signup_form()},
    )


def newsletter_sent(request):
    return render(
        request,
        "public/newsletter_sent.html",
        {"days": settings.KRING_NEWSLETTER_CONFIRM_DAYS},
    )


@require_http_methods(["GET", "POST"])
def newsletter_confirm(request, token: str):
    # GET only shows a button: a mail scanner that opens links must not confirm for someone.
    if request.method == "GET":
        if not newsletter_service.confirm_token_is_valid(token):
            return render(request, "public/link_invalid.html", {"newsletter": True}, status=404)
        return render(request, "public/newsletter_confirm.html")
    try:
        newsletter_service.confirm_subscription(token=token)
    except InvalidLink:
        return render(request, "public/link_invalid.html", {"newsletter": True}, status=404)
    return render(request, "public/newsletter_confirmed.html")


@csrf_exempt  # RFC 8058: mail programs post the one-click unsubscribe without a form.
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    try:
        subscriber = newsletter_service.subscriber_for_unsubscribe(token)
    except InvalidLink:
        return render(request, "public/link_invalid.html", {"newsletter": True}, status=404)
    if request.method == "POST":
        newsletter_service.unsubscribe(subscriber=subscriber)
        return render(request, "public/unsubscribed.html")
    return render(request, "public/unsubscribe.html")
