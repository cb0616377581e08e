"""Demo content for the public site: news, a publication (a small real PDF made with
WeasyPrint), academy meetings and plaatjes. Rerunnable: objects are found by their fixed
slugs and titles and made again; nothing else is touched. Everything is marked as demo."""

import io
import math
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from kring.communities.models import Collective

from .models import Article, Meeting, MeetingKind, Picture, Publication, Theme
from .richtext import sanitize

PUBLICATION_SLUG = "demo-abcd-naar-veerkrachtige-gemeenschappen"
ARTICLE_SLUGS = [
    "demo-verkenning-veerkrachtige-gemeenschappen",
    "demo-buurtaanpak-havenkwartier",
    "demo-leren-in-de-academie",
]
MEETING_SLUGS = ["demo-gaven-ontdekken", "demo-cursus-buurtmaker"]
PICTURE_TITLES = ["Wat is er al?", "Hoofd, handen en hart", "De kring groter maken"]
PICTURE_TITLES_EN = ["What is already there?", "Head, hands and heart", "Making the circle bigger"]
THEMES = [  # name, slug, English name
    ("buurtaanpak", "buurtaanpak", "neighbourhood approach"),
    ("gemeenten", "gemeenten", "municipalities"),
    ("leren", "leren", "learning"),
]

PUBLICATION_HTML = """<!doctype html><html lang="nl"><head><meta charset="utf-8"><style>
@page { size: A4; margin: 2cm; @bottom-center { content: "DEMO — verzonnen voorbeeld"; } }
body { font-family: sans-serif; line-height: 1.5; } h1 { color: #0b5d4b; }
.demo { border: 2px solid #8a3b00; padding: .5em; }
</style></head><body>
<p class="demo">Dit is een demo-document. De inhoud is een verzonnen samenvatting.</p>
<h1>ABCD naar veerkrachtige gemeenschappen</h1>
<p>Over gemeenschappen, impact en handelingsperspectieven voor gemeenten.</p>
<h2>Samenvatting</h2>
<p>Sterke gemeenschappen zijn de basis van een leefbare wijk. Grote opgaven, zoals zorg en de
energietransitie, lukken alleen op het niveau van de buurt, met bewoners.</p>
<h2>Wat kan een gemeente doen?</h2>
<ul><li>Vertrouwen geven en stap terug doen.</li><li>Flexibel geld beschikbaar stellen.</li>
<li>Regels weghalen die bewoners tegenhouden.</li><li>Het goede gesprek voeren, met de plaatjes.</li></ul>
</body></html>"""


def _pdf() -> bytes:
    from weasyprint import HTML

    return HTML(string=PUBLICATION_HTML).write_pdf()


def _picture(title: str, colour: str) -> bytes:
    """A simple printable drawing: circles holding hands around a centre."""
    image = Image.new("RGB", (800, 600), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle([10, 10, 790, 590], outline=colour, width=8)
    for n in range(8):
        angle = n * math.pi / 4
        x, y = 400 + 200 * math.cos(angle), 300 + 200 * math.sin(angle)
        draw.ellipse([x - 40, y - 40, x + 40, y + 40], fill=colour)
    draw.ellipse([330, 230, 470, 370], outline=colour, width=6)
    draw.text((30, 30), f"{title} (demo)", fill="black")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def remove_public_demo() -> None:
    Article.objects.filter(slug__in=ARTICLE_SLUGS).delete()
    Publication.objects.filter(slug=PUBLICATION_SLUG).delete()
    Meeting.objects.filter(slug__in=MEETING_SLUGS).delete()
    Picture.objects.filter(title__in=PICTURE_TITLES, description__startswith="Demo:").delete()


def load_public_demo() -> None:
    remove_public_demo()
    now = timezone.now()
    themes = {
        name: Theme.objects.get_or_create(slug=slug, defaults={"name": name, "name_en": english})[0]
        for name, slug, english in THEMES
    }
    publication = _demo_publication(themes, now)
    _demo_articles(themes, publication, now)
    _demo_meetings(now)
    _demo_pictures()


def _demo_publication(themes: dict, now) -> Publication:
    publication = Publication(
        title="ABCD naar veerkrachtige gemeenschappen (demo)",
        slug=PUBLICATION_SLUG,
        summary="Over gemeenschappen, impact en handelingsperspectieven voor gemeenten. Een verzonnen demo-samenvatting.",
        body=sanitize(
            "<p>Een verkenning naar wat investeren in gemeenschappen oplevert, en wat dat betekent voor het werk van gemeenten.</p>"
        ),
        published_at=now - timedelta(days=3),
    )
    pdf = _pdf()
    publication.file.save(
        "abcd-veerkrachtige-gemeenschappen-demo.pdf", ContentFile(pdf), save=False
    )
    publication.file_size = len(pdf)
    publication.save()
    publication.themes.set([themes["gemeenten"], themes["buurtaanpak"]])
    return publication


def _demo_articles(themes: dict, publication: Publication, now) -> None:
    members = list(Collective.objects.filter(is_public=True, municipality__is_sample=True)[:3])
    articles = [
        (
            "Verkenning: hoe gemeenten bijdragen aan veerkrachtige gemeenschappen",
            "Wat levert investeren in gemeenschappen op? Een verkenning, om te downloaden.",
            "<p>“Whatever the problem, community is the answer.” Onze leden doorleven dit elke dag.</p><p>In deze verkenning staat wat er bekend is over de opbrengsten van investeren in gemeenschappen, en wat dat betekent voor gemeenten.</p><p>Gebruik ook de plaatjes om het gesprek te voeren.</p>",
            [themes["gemeenten"], themes["buurtaanpak"]],
            3,
        ),
        (
            "Buurtaanpak in het Havenkwartier",
            "Bewoners en gemeente werken samen aan de wijk. Zo begon het.",
            "<p>Het begon met gesprekken aan de keukentafel: wat kunt u, wat wilt u delen?</p>",
            [themes["buurtaanpak"]],
            10,
        ),
        (
            "Leren in de Buurtmakers Academie",
            "Buurtmakers leren van elkaar. Kom ook naar een bijeenkomst.",
            "<p>De kring van buurtmakers groeit. In de academie delen we wat werkt.</p>",
            [themes["leren"]],
            20,
        ),
    ]
    for slug, (title, summary, body, article_themes, days) in zip(
        ARTICLE_SLUGS, articles, strict=True
    ):
        article = Article.objects.create(
            title=f"{title} (demo)",
            slug=slug,
            summary=summary,
            body=sanitize(body),
            published_at=now - timedelta(days=days),
        )
        article.themes.set(article_themes)
        article.collectives.set(members[:2])
        if slug == ARTICLE_SLUGS[0]:
            article.publications.set([publication])


def _demo_meetings(now) -> None:
    start = (now + timedelta(days=21)).replace(hour=19, minute=0, second=0, microsecond=0)
    Meeting.objects.create(
        kind=MeetingKind.MEETING,
        title="Gaven ontdekken: het gaven-gesprek (demo)",
        slug=MEETING_SLUGS[0],
        summary="Een avond oefenen met het gesprek over hoofd, handen en hart.",
        body=sanitize("<p>We oefenen in tweetallen en delen wat we horen.</p>"),
        starts_at=start,
        ends_at=start + timedelta(hours=2, minutes=30),
        location="Buurthuis De Kade, Kringstad",
        capacity=20,
        is_published=True,
    )
    course = (now + timedelta(days=45)).replace(hour=10, minute=0, second=0, microsecond=0)
    Meeting.objects.create(
        kind=MeetingKind.COURSE,
        title="Cursus: buurtmaker worden (demo)",
        slug=MEETING_SLUGS[1],
        summary="Drie ochtenden over ABCD in de praktijk: van gaven naar initiatieven.",
        starts_at=course,
        ends_at=course + timedelta(hours=3),
        location="Dorpshuis, Kringstad",
        capacity=12,
        is_published=True,
    )


def _demo_pictures() -> None:
    for title, english, colour in zip(
        PICTURE_TITLES, PICTURE_TITLES_EN, ["#0b5d4b", "#8a3b00", "#1d4f91"], strict=True
    ):
        picture = Picture(
            title=title,
            description=f"Demo: leg dit plaatje op tafel en vraag: {title.lower()}",
            image_alt=f"Tekening van mensen in een kring: {title}",
            title_en=english,
            description_en=f"Demo: put this picture on the table and ask: {english.lower()}",
            image_alt_en=f"Drawing of people in a circle: {english}",
            is_published=True,
        )
        picture.image.save(
            f"plaatje-{Picture.objects.count() + 1}.png",
            ContentFile(_picture(title, colour)),
            save=False,
        )
        picture.save()
