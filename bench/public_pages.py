"""Is the public site fast on a phone? (issue #6 part 5)

For every public page: server time p50/p95 through Django's test client, the number of queries
(baseline in the same run: the same pages while only 10 members are published; the count must
not grow with the data), and the page weight a phone downloads on a first visit: the HTML plus
the CSS/JS/images the page references from our static files, all gzip-compressed as whitenoise
serves them. A page 'needs JavaScript' when part of its content only reaches the reader through
a script (a json_script data block); htmx and kring.js only enhance pages that work without.
"""

import gzip
import re
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bench.registry import benchmark, percentile, timings_ms

SIZES = {
    # published members, articles, publications, meetings
    "small": (60, 30, 6, 4),
    "full": (1000, 500, 100, 40),
}
BASELINE_MEMBERS = 10
# Budgets for a first visit (empty cache), gzip-compressed. On a poor mobile line of
# ~400 kbit/s (50 KB/s, below the 1.6 Mbit/s Lighthouse assumes for a slow phone), 60 KB load
# in about 1.2 s and 120 KB in about 2.5 s, within the 3 s after which many visitors give up.
# Today a page is ~26 KB (htmx, kring.js and the stylesheets ~24 KB of it); the budget leaves room
# for content but not for a library such as the map's (~70 KB) on every page. Only the map page
# carries that library; it keeps a plain list of the members for whoever does not load it.
FIRST_VISIT_BUDGET = 60_000
MAP_BUDGET = 120_000
PROVINCES = ["utrecht", "zuid-holland", "noord-holland", "gelderland", "groningen"]
THEMES = ["buurtaanpak", "energie", "zorg", "wonen", "voedsel"]
TAG = re.compile(r"<(script|link|img)\b([^>]*)>", re.I)


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


def referenced_assets(html: str) -> list[str]:
    """URLs of the files a browser fetches for the page (scripts, stylesheets, images);
    links to other pages (<a>, rel=alternate/canonical) are not downloaded."""
    found = []
    for match in TAG.finditer(html):
        name, attributes = match.group(1).lower(), match.group(2)
        if name == "link" and not re.search(r'rel="(stylesheet|icon|preload)"', attributes):
            continue
        url = re.search(r'\s(?:src|href)="([^"]+)"', attributes)
        if url:
            found.append(url.group(1))
    return found


def static_weight(url: str) -> int:
    path = urlsplit(url).path
    if not path.startswith(settings.STATIC_URL):
        raise ValueError(f"not one of our static files: {url}")
    file = finders.find(path[len(settings.STATIC_URL) :])
    if file is None:
        raise ValueError(f"static file not found: {url}")
    with open(file, "rb") as handle:
        return gzipped(handle.read())


def make_members(start: int, stop: int, municipality, neighbourhoods) -> None:
    from kring.communities.models import Collective

    Collective.objects.bulk_create(
        Collective(
            name=f"Bewonerscollectief {n:04d}",
            slug=f"lid-{n}",
            kind="wijkcentrum",
            legal_form="stichting",
            municipality=municipality,
            is_public=True,
            public_place=f"Plaats {n % 50}",
            public_province=PROVINCES[n % len(PROVINCES)],
            public_teaser="Bewoners runnen samen het buurthuis en delen wat ze kunnen.",
            public_description="Wij beginnen bij wat er al is in de buurt. " * 8,
            public_themes=", ".join(THEMES[n % 5 : n % 5 + 2]),
        )
        for n in range(start, stop)
    )
    through = Collective.working_area.through
    through.objects.bulk_create(
        through(collective_id=pk, neighbourhood_id=neighbourhoods[pk % len(neighbourhoods)].pk)
        for pk in Collective.objects.filter(slug__startswith="lid-")
        .exclude(working_area__isnull=False)
        .values_list("pk", flat=True)
    )


def make_content(articles: int, publications: int, meetings: int) -> None:
    from kring.public.models import Article, Meeting, Publication, Theme

    now = timezone.now()
    themes = [Theme.objects.get_or_create(name=t, slug=t)[0] for t in THEMES]
    made_publications = Publication.objects.bulk_create(
        Publication(
            title=f"Verkenning {n}",
            slug=f"verkenning-{n}",
            summary="Een verkenning voor gemeenten en bewoners.",
            body="<p>Wat levert investeren in gemeenschappen op?</p>" * 5,
            file=f"public/publications/verkenning-{n}.pdf",
            file_size=250_000,
            published_at=now - timedelta(days=n),
        )
        for n in range(publications)
    )
    made_articles = Article.objects.bulk_create(
        Article(
            title=f"Nieuws uit de buurt {n}",
            slug=f"nieuws-{n}",
            summary="Een kort bericht van het netwerk.",
            body="<p>Bewoners maken samen de buurt. Zo gingen ze te werk.</p>" * 12,
            published_at=now - timedelta(hours=n),
        )
        for n in range(articles)
    )
    Article.themes.through.objects.bulk_create(
        Article.themes.through(article_id=a.pk, theme_id=themes[i % 5].pk)
        for i, a in enumerate(made_articles)
    )
    Article.publications.through.objects.bulk_create(
        Article.publications.through(
            article_id=a.pk, publication_id=made_publications[i % publications].pk
        )
        for i, a in enumerate(made_articles)
    )
    Meeting.objects.bulk_create(
        Meeting(
            title=f"Leerbijeenkomst {n}",
            slug=f"leerbijeenkomst-{n}",
            summary="Samen leren over de gaven van bewoners.",
            starts_at=now + timedelta(days=7 + n),
            ends_at=now + timedelta(days=7 + n, hours=3),
            location="Dorpshuis, Utrecht",
            capacity=30,
            is_published=True,
        )
        for n in range(meetings)
    )


def pages() -> dict[str, str]:
    return {
        "home": reverse("home"),
        "members": reverse("public:members"),
        "members page 2": reverse("public:members") + "?page=2",
        "members filtered": reverse("public:members") + "?province=utrecht&theme=energie",
        "members search": reverse("public:members") + "?q=buurthuis+samen",
        "member profile": reverse("public:member", args=["lid-3"]),
        "member map": reverse("public:map"),
        "news": reverse("public:news"),
        "news item": reverse("public:article", args=["nieuws-3"]),
        "publications": reverse("public:publications"),
        "publication": reverse("public:publication", args=["verkenning-1"]),
        "academy": reverse("public:academy"),
        "meeting": reverse("public:meeting", args=["leerbijeenkomst-1"]),
        "newsletter": reverse("public:newsletter"),
        "feed rss": reverse("public:feed_rss"),
        "feed atom": reverse("public:feed_atom"),
        "sitemap": reverse("public:sitemap"),
    }


def measure(repeat: int) -> dict[str, dict]:
    client = Client()  # an anonymous visitor
    results = {}
    for name, url in pages().items():

        def get(url=url):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return response

        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            response = get()
        html = response.content.decode()
        assets = referenced_assets(html) if "html" in response["Content-Type"] else []
        foreign = [u for u in assets if urlsplit(u).netloc or u.startswith("//")]
        ours = [u for u in assets if u not in foreign]
        times = timings_ms(get, repeat)
        html_gz = gzipped(response.content)
        assets_gz = sum(static_weight(u) for u in ours)
        results[name] = {
            "p50": percentile(times, 50),
            "p95": percentile(times, 95),
            "queries": len(queries),
            "html_bytes": len(response.content),
            "html_gz": html_gz,
            "assets_gz": assets_gz,
            "first_visit_gz": html_gz + assets_gz,
            "scripts": sum(1 for u in ours if u.endswith(".js")),
            "needs_js": 'type="application/json"' in html,
            "foreign": foreign,
            "member_cards": html.count('<li class="member-card"'),
        }
    return results


@benchmark("public_pages")
def run(*, size: str, out) -> dict:
    from kring.geo.models import District, Municipality, Neighbourhood

    n_members, n_articles, n_publications, n_meetings = SIZES[size]
    repeat = 20 if size == "full" else 3
    municipality = Municipality.objects.create(
        code="GM9997", name="Benchdorp", year=2025, latitude=52.09, longitude=5.12
    )
    district = District.objects.create(
        code="WK999701", name="Wijk", year=2025, municipality=municipality
    )
    neighbourhoods = [
        Neighbourhood.objects.create(
            code=f"BU999701{n:02d}",
            name=f"Buurt {n}",
            year=2025,
            district=district,
            latitude=52.0 + n / 100,
            longitude=5.0 + n / 100,
        )
        for n in range(20)
    ]
    make_content(n_articles, n_publications, n_meetings)
    make_members(0, BASELINE_MEMBERS, municipality, neighbourhoods)
    baseline = measure(repeat)
    make_members(BASELINE_MEMBERS, n_members, municipality, neighbourhoods)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    network = measure(repeat)
    out.write(
        f"   {n_members} published members, {n_articles} articles, {n_publications} "
        f"publications, {n_meetings} meetings; baseline: {BASELINE_MEMBERS} members\n"
        f"   {'page':18} {'p50 ms':>8} {'p95 ms':>8} {'queries':>9} {'HTML':>9} {'HTML gz':>8}"
        f" {'assets gz':>10} {'1st visit':>10} {'js':>3}  needs JS\n"
    )
    for name, f in network.items():
        f["baseline_queries"] = baseline[name]["queries"]
        f["baseline_p50"] = baseline[name]["p50"]
        out.write(
            f"   {name:18} {f['p50']:8.1f} {f['p95']:8.1f} {f['baseline_queries']:>4}→{f['queries']:<4}"
            f" {f['html_bytes']:9,} {f['html_gz']:8,} {f['assets_gz']:10,} {f['first_visit_gz']:10,}"
            f" {f['scripts']:3}  {'yes' if f['needs_js'] else 'no'}\n"
        )
    return network
