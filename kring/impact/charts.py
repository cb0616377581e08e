"""Server-made SVG charts that read without colour: every bar carries its number, hidden
months say so in text, and the comparison year has its own pattern. The page puts a table with
the same figures beside each chart."""

from html import escape

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

# Marked so that they are in the catalogue; shown with _(month) in the reader's language.
MONTHS = [
    gettext_noop("jan"),
    gettext_noop("feb"),
    gettext_noop("mrt"),
    gettext_noop("apr"),
    gettext_noop("mei"),
    gettext_noop("jun"),
    gettext_noop("jul"),
    gettext_noop("aug"),
    gettext_noop("sep"),
    gettext_noop("okt"),
    gettext_noop("nov"),
    gettext_noop("dec"),
]

_DEFS = """<defs>
<pattern id="{p}-a" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
<rect width="6" height="6" fill="#cfe3dc"/><line x1="0" y1="0" x2="0" y2="6" stroke="#1b4d3e" stroke-width="3"/></pattern>
<pattern id="{p}-b" width="6" height="6" patternUnits="userSpaceOnUse">
<rect width="6" height="6" fill="#fff"/><circle cx="3" cy="3" r="1.6" fill="#1b2a26"/></pattern>
</defs>"""


def bar_chart(
    title: str, series: list, compare: list | None = None, *, labels=None, uid="c"
) -> str:
    """``series`` (and ``compare``) are Figures: their value when shown, their display text."""
    labels = labels or [_(m) for m in MONTHS]
    width, height, left, bottom, top = 640, 240, 40, 40, 30
    n = len(series)
    slot = (width - left - 10) / n
    values = [f.value for f in series if f.shown] + [f.value for f in (compare or []) if f.shown]
    peak = max([*values, 1])
    scale = (height - bottom - top) / peak
    bar = slot * (0.4 if compare else 0.7)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{uid}-t" class="impact-chart">',
        f'<title id="{uid}-t">{escape(title)}</title>',
        _DEFS.format(p=uid),
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" '
        'stroke="#1b2a26"/>',
    ]

    def draw(figures, offset, pattern):
        for i, f in enumerate(figures):
            x = left + i * slot + offset
            base = height - bottom
            if f.shown:
                h = f.value * scale
                parts.append(
                    f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                    f'fill="url(#{uid}-{pattern})" stroke="#1b2a26"/>'
                )
                y = base - h - 4
            else:
                parts.append(
                    f'<rect x="{x:.1f}" y="{base - 12:.1f}" width="{bar:.1f}" height="12" '
                    'fill="none" stroke="#1b2a26" stroke-dasharray="3 2"/>'
                )
                y = base - 16
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{y:.1f}" font-size="11" text-anchor="middle">'
                f"{escape(f.display)}</text>"
            )

    draw(series, slot * 0.1, "a")
    if compare:
        draw(compare, slot * 0.1 + bar, "b")
    for i, label in enumerate(labels):
        x = left + i * slot + slot / 2
        parts.append(
            f'<text x="{x:.1f}" y="{height - bottom + 16}" font-size="11" '
            f'text-anchor="middle">{escape(str(label))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def legend_svg(uid: str, year: int, compare: int | None) -> str:
    items = [(f"{uid}-a", str(year))] + ([(f"{uid}-b", str(compare))] if compare else [])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 220 24" width="220" height="24" '
        'class="impact-legend" '
        f'role="img" aria-label="{escape(_("Legenda"))}">',
        _DEFS.format(p=uid),
    ]
    for i, (pattern, label) in enumerate(items):
        x = 4 + i * 100
        parts.append(
            f'<rect x="{x}" y="4" width="16" height="16" fill="url(#{pattern})" stroke="#1b2a26"/>'
            f'<text x="{x + 22}" y="17" font-size="12">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
