"""Reads of the public site. Member collectives are read only through ``public_members``,
which returns published profiles and loads nothing but the public-profile fields; nothing here
reads residents, gifts or other assets."""

from dataclasses import dataclass

from django.db.models import Avg, Count, Q, QuerySet

from kring.communities.models import Collective, Province
from kring.core.phone import tel_link
from kring.geo.models import Municipality

from .models import (
    Article,
    Meeting,
    Newsletter,
    NewsletterStatus,
    Picture,
    Publication,
    RegistrationStatus,
    Theme,
)

# The only fields of a collective the public site may read.
PUBLIC_FIELDS = [
    "pk",
    "name",
    "slug",
    "kind",
    "municipality",
    "public_place",
    "public_province",
    "public_teaser",
    "public_description",
    "public_themes",
    "public_logo",
    "public_updated_at",
    # Contact details (kring.communities.models.PublicContact). The e-mail address is read to
    # relay the contact form; pages show it only through contact_details(), when chosen.
    "public_email",
    "public_email_shown",
    "public_contact_form",
    "public_website",
    "public_phone",
    "public_address",
]


def public_members() -> QuerySet[Collective]:
    return (
        Collective.objects.filter(is_public=True)
        .select_related("municipality")
        .only(*PUBLIC_FIELDS, "municipality__name", "municipality__code")
        .order_by("name")
    )


def public_member(slug: str) -> Collective | None:
    return public_members().filter(slug=slug).first()


@dataclass(frozen=True)
class ContactDetails:
    """What a profile shows to contact the collective: only what it chose to show."""

    email: str
    website: str
    phone: str
    phone_link: str
    address: str
    form: bool

    @property
    def details(self) -> bool:
        """Something to show besides the form."""
        return any((self.email, self.website, self.phone, self.address))

    @property
    def website_label(self) -> str:
        """The web address as people say it: without https:// and the closing slash."""
        return self.website.split("://", 1)[-1].removesuffix("/")


def contact_details(member: Collective) -> ContactDetails:
    """The contact details of a published profile (or of a draft's preview copy). The e-mail
    address is in it only when the collective chose to show it; ``form`` says whether the
    contact form may relay a message (the address then stays hidden)."""
    return ContactDetails(
        email=member.public_email if member.public_email_shown else "",
        website=member.public_website,
        phone=member.public_phone,
        phone_link=tel_link(member.public_phone),
        address=member.public_address,
        form=takes_messages(member),
    )


def takes_messages(member: Collective) -> bool:
    return bool(member.public_contact_form and member.public_email)


def themes_of(collective: Collective) -> list[str]:
    return [t.strip() for t in collective.public_themes.split(",") if t.strip()]


@dataclass(frozen=True)
class MemberFilters:
    q: str = ""
    province: str = ""
    municipality: str = ""
    theme: str = ""


def filtered_members(filters: MemberFilters) -> QuerySet[Collective]:
    members = public_members()
    if filters.q:
        for word in filters.q.split()[:6]:
            members = members.filter(
                Q(name__icontains=word)
                | Q(public_place__icontains=word)
                | Q(public_teaser__icontains=word)
                | Q(public_description__icontains=word)
                | Q(public_themes__icontains=word)
            )
    if filters.province:
        members = members.filter(public_province=filters.province)
    if filters.municipality:
        members = members.filter(municipality__code=filters.municipality)
    if filters.theme:
        members = members.filter(public_themes__icontains=filters.theme)
    return members


def filter_choices() -> dict:
    """What the filters offer: only values that published members have."""
    members = Collective.objects.filter(is_public=True)
    provinces = set(members.exclude(public_province="").values_list("public_province", flat=True))
    themes: dict[str, str] = {}
    for value in members.values_list("public_themes", flat=True):
        for theme in value.split(","):
            if theme.strip():
                themes.setdefault(theme.strip().lower(), theme.strip())
    return {
        "provinces": [(v, label) for v, label in Province.choices if v in provinces],
        "municipalities": list(
            Municipality.objects.filter(collectives__is_public=True)
            .distinct()
            .order_by("name")
            .values_list("code", "name")
        ),
        "themes": sorted(themes.values(), key=str.lower),
    }


def map_points(members: QuerySet[Collective]) -> list[dict]:
    """One marker per member: the centre of its working area, or else of its gemeente."""
    rows = members.annotate(
        area_lat=Avg("working_area__latitude"), area_lon=Avg("working_area__longitude")
    ).values(
        "name",
        "slug",
        "public_place",
        "public_teaser",
        "area_lat",
        "area_lon",
        "municipality__latitude",
        "municipality__longitude",
    )
    points = []
    for row in rows:
        lat = row["area_lat"] if row["area_lat"] is not None else row["municipality__latitude"]
        lon = row["area_lon"] if row["area_lon"] is not None else row["municipality__longitude"]
        if lat is None or lon is None:
            continue
        points.append(
            {
                "name": row["name"],
                "slug": row["slug"],
                "place": row["public_place"],
                "teaser": row["public_teaser"],
                "lat": round(lat, 5),
                "lon": round(lon, 5),
            }
        )
    return points


def more_members(*, exclude: Collective | None = None, limit: int = 3) -> list[Collective]:
    """'Meer van onze leden': a few published members, recently updated first."""
    members = public_members().order_by("-public_updated_at", "name")
    if exclude is not None:
        members = members.exclude(pk=exclude.pk)
    return list(members[:limit])


def published_articles() -> QuerySet[Article]:
    return Article.objects.published().prefetch_related("themes")


def article_by_slug(slug: str) -> Article | None:
    return published_articles().filter(slug=slug).first()


def related_articles(article: Article, *, limit: int = 3) -> list[Article]:
    theme_ids = [t.pk for t in article.themes.all()]
    related = (
        published_articles().filter(themes__in=theme_ids).exclude(pk=article.pk).distinct()
        if theme_ids
        else published_articles().none()
    )
    found = list(related[:limit])
    if len(found) < limit:
        found += list(
            published_articles().exclude(pk__in=[article.pk, *[a.pk for a in found]])[
                : limit - len(found)
            ]
        )
    return found


def members_of_article(article: Article) -> list[Collective]:
    return list(public_members().filter(articles=article))


def published_publications() -> QuerySet[Publication]:
    return Publication.objects.published().prefetch_related("themes")


def publication_by_slug(slug: str) -> Publication | None:
    return published_publications().filter(slug=slug).first()


def themes_in_use() -> QuerySet[Theme]:
    return Theme.objects.filter(
        Q(articles__published_at__isnull=False) | Q(publications__published_at__isnull=False)
    ).distinct()


def upcoming_meetings(now) -> QuerySet[Meeting]:
    return Meeting.objects.filter(is_published=True, ends_at__gte=now).order_by("starts_at")


def meeting_by_slug(slug: str) -> Meeting | None:
    return Meeting.objects.filter(is_published=True, slug=slug).first()


def published_pictures() -> QuerySet[Picture]:
    return Picture.objects.filter(is_published=True).prefetch_related("themes")


def meeting_places(meeting: Meeting) -> dict:
    counts = {
        row["status"]: row["n"]
        for row in meeting.registrations.values("status").annotate(n=Count("pk"))
    }
    taken = counts.get(RegistrationStatus.CONFIRMED, 0)
    return {
        "taken": taken,
        "free": max(0, meeting.capacity - taken),
        "waiting": counts.get(RegistrationStatus.WAITING, 0),
    }


def sent_newsletters() -> QuerySet[Newsletter]:
    """The archive: issues that were sent, newest first. Only what every subscriber got: the
    subject, the text and when; nothing about who received it."""
    return (
        Newsletter.objects.filter(status=NewsletterStatus.SENT)
        .only("pk", "subject", "body", "sent_at")
        .order_by("-sent_at", "-pk")
    )
