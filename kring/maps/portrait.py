"""The wijkportret: one printable page (A4 landscape) with the map, the network, counts per
asset category and a few stories the collective chose. PDF with WeasyPrint; PNG rendered from
that PDF with PDFium, so both show exactly the same."""

import base64
import io

import pypdfium2
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from weasyprint import HTML

from kring.assets.models import Category
from kring.assets.selectors import category_counts, told_with_consent, visible_assets
from kring.communities.access import CollectiveAccess
from kring.network.render import network_svg
from kring.network.selectors import latest_analysis

from .models import PortraitStory
from .render import map_svg


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def chosen_stories(access: CollectiveAccess):
    """The stories the collective chose (whether or not they may leave it now)."""
    chosen = PortraitStory.objects.filter(collective=access.collective).values_list(
        "asset_id", flat=True
    )
    return (
        visible_assets(access)
        .filter(category=Category.STORY, pk__in=list(chosen))
        .order_by("created_at")
    )


def printed_stories(access: CollectiveAccess):
    """What the wijkportret prints: the chosen stories whose tellers all allow it right now
    (kring.assets.selectors.told_with_consent); the page says which wait for consent."""
    return told_with_consent(chosen_stories(access))


def context(access: CollectiveAccess) -> dict:

    analysis = latest_analysis(access)
    network = None
    if analysis is not None:
        network = {
            "image": _data_uri(
                network_svg(
                    analysis.result,
                    title=_("Netwerk van %(name)s") % {"name": access.collective.name},
                )
            ),
            "summary": analysis.result["summary"],
            "as_of": analysis.as_of,
        }
    return {
        "collective": access.collective,
        "map_image": _data_uri(map_svg(access)),
        "counts": category_counts(access),
        "network": network,
        "stories": printed_stories(access),
        "made_on": timezone.localdate(),
    }


def portrait_pdf(access: CollectiveAccess, *, base_url: str) -> bytes:
    html = render_to_string("maps/portrait_print.html", context(access))
    return HTML(string=html, base_url=base_url).write_pdf()


def pdf_to_png(pdf: bytes, *, scale: float = 2.0) -> bytes:
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=scale).to_pil()
    finally:
        document.close()
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
