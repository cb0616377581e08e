"""The network as a picture (SVG, and PNG through CairoSVG) from the stored layout. Pictures
carry no names: they are made to be shown in meetings outside the collective."""

from xml.sax.saxutils import escape

import cairosvg
from django.utils.translation import gettext as _

from kring.core.shapes import SHAPE_PATHS

WIDTH = 800
GRAPH_HEIGHT = 600
LEGEND_HEIGHT = 80
MARGIN = 24
# Okabe–Ito without yellow (too light on white), cycled over communities.
COMMUNITY_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000"]
TIE_STYLES = {
    "bonding": {"colour": "#7a8781", "dash": ""},
    "bridging": {"colour": "#D55E00", "dash": "6 3"},
    "linking": {"colour": "#0072B2", "dash": "2 3"},
}
KIND_SHAPES = {
    "resident": "circle",
    "asset": "square",
    "institution": "diamond",
    "initiative": "triangle",
}


def tie_labels() -> dict[str, str]:
    return {
        "bonding": _("binnen een groep (bonding)"),
        "bridging": _("tussen groepen (bridging)"),
        "linking": _("met een instelling (linking)"),
    }


def kind_labels() -> dict[str, str]:
    return {
        "resident": _("bewoner"),
        "asset": _("groep of plek"),
        "institution": _("instelling"),
        "initiative": _("initiatief"),
    }


def network_svg(result: dict, *, title: str, width: int = WIDTH, height: int = GRAPH_HEIGHT) -> str:
    nodes = result["nodes"]
    inner_w, inner_h = width - 2 * MARGIN, height - 2 * MARGIN

    def xy(node):
        return MARGIN + node["x"] * inner_w, MARGIN + node["y"] * inner_h

    total = height + LEGEND_HEIGHT
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{total}" '
        f'viewBox="0 0 {width} {total}" role="img" aria-labelledby="net-title" '
        'font-family="DejaVu Sans, Arial, sans-serif">',
        f'<title id="net-title">{escape(title)}</title>',
        f'<rect width="{width}" height="{total}" fill="#ffffff"/>',
    ]
    for a, b, kind in result["edges"]:
        (x1, y1), (x2, y2) = xy(nodes[a]), xy(nodes[b])
        style = TIE_STYLES[kind]
        dash = f' stroke-dasharray="{style["dash"]}"' if style["dash"] else ""
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="{style["colour"]}" stroke-width="1.2" stroke-opacity="0.8"{dash}/>'
        )
    for node in nodes:
        x, y = xy(node)
        kind = "institution" if node["category"] == "institution" else node["kind"]
        size = 0.45 + min(0.6, node["degree"] / 20)
        colour = COMMUNITY_COLOURS[node["community"] % len(COMMUNITY_COLOURS)]
        if node["degree"] == 0:
            colour = "#ffffff"
        parts.append(
            f'<path transform="translate({x - 10 * size:.1f} {y - 10 * size:.1f}) scale({size:.2f})" '
            f'd="{SHAPE_PATHS[KIND_SHAPES[kind]]}" fill="{colour}" stroke="#1b2a26" '
            'stroke-width="2"/>'
        )
    y = height + 22
    x = MARGIN
    for kind, label in kind_labels().items():
        parts.append(
            f'<path transform="translate({x} {y - 12}) scale(0.8)" d="{SHAPE_PATHS[KIND_SHAPES[kind]]}" '
            'fill="#ffffff" stroke="#1b2a26" stroke-width="2"/>'
            f'<text x="{x + 22}" y="{y + 2}" font-size="13" fill="#1b2a26">{escape(label)}</text>'
        )
        x += 22 + 8 * len(label) + 20
    y += 30
    x = MARGIN
    for kind, label in tie_labels().items():
        style = TIE_STYLES[kind]
        dash = f' stroke-dasharray="{style["dash"]}"' if style["dash"] else ""
        parts.append(
            f'<line x1="{x}" y1="{y - 4}" x2="{x + 30}" y2="{y - 4}" stroke="{style["colour"]}" '
            f'stroke-width="3"{dash}/>'
            f'<text x="{x + 38}" y="{y + 1}" font-size="13" fill="#1b2a26">{escape(label)}</text>'
        )
        x += 38 + 7 * len(label) + 24
    parts.append("</svg>")
    return "\n".join(parts)


def svg_to_png(svg: str, *, scale: float = 2.0) -> bytes:
    return cairosvg.svg2png(bytestring=svg.encode(), scale=scale)
