"""The profile as an SVG bar chart built on the server: one bar per theme (two for a
comparison), each with its number written beside it and the second round hatched, so the chart
reads without colour. The page shows a table with the same figures beside it."""

import textwrap

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models import HIGHEST

WIDTH = 420
LEFT = 8
RIGHT = 44
BAR = 18
GAP = 6
TITLE = 20
BLOCK_GAP = 14
LINE = 17
TITLE_CHARS = 46
LEGEND_CHARS = 48
INK = "#1f2933"
FILL = "#1b5e7a"
GRID = "#9aa5b1"


def _x(score: float) -> float:
    return LEFT + (WIDTH - LEFT - RIGHT) * score / HIGHEST


def _number(score: float | None) -> str:
    return _("geen antwoord") if score is None else f"{score:.1f}".replace(".", ",")


def profile_svg(series: list[tuple[str, list]], *, ident: str = "profiel") -> SafeString:
    """``series``: (label, [ThemeScore …]) for one or two rounds, themes in the same order."""
    themes = [score.theme for score in series[0][1]]
    # Long titles wrap over more lines; the bars follow under the last line.
    titles = [textwrap.wrap(theme.localized.title, TITLE_CHARS) or [""] for theme in themes]
    bars = len(series) * (BAR + GAP) + BLOCK_GAP
    top = 10 + 20 * len(series) if len(series) > 1 else 8
    height = top + sum(TITLE + LINE * (len(lines) - 1) + bars for lines in titles) + 24
    title = escape(_("Profiel per thema"))
    description = escape(
        _("Gemiddelde score per thema op een schaal van 1 tot 5: %(rounds)s.")
        % {"rounds": "; ".join(label for label, _scores in series)}
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="scan-chart" viewBox="0 0 {WIDTH} '
        f'{height}" width="100%" role="img" aria-labelledby="{ident}-t {ident}-d">',
        f'<title id="{ident}-t">{title}</title><desc id="{ident}-d">{description}</desc>',
        f'<defs><pattern id="{ident}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{INK}" stroke-width="3"/></pattern></defs>',
    ]
    if len(series) > 1:
        # The legend, one round a line: the pattern and the round's name, in words too.
        for index, (label, _scores) in enumerate(series):
            fill = FILL if index == 0 else f"url(#{ident}-hatch)"
            y = 6 + 20 * index
            name = escape(textwrap.shorten(label, LEGEND_CHARS, placeholder="…"))
            parts.append(
                f'<rect x="{LEFT}" y="{y}" width="18" height="14" fill="{fill}" stroke="{INK}"/>'
                f'<text x="{LEFT + 24}" y="{y + 12}" font-size="13" fill="{INK}">{name}</text>'
            )
    axis_bottom = height - 22
    for tick in range(0, HIGHEST + 1):
        x = _x(tick)
        parts.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{axis_bottom}" stroke="{GRID}" '
            f'stroke-width="1" stroke-dasharray="{"0" if tick == 0 else "3 3"}"/>'
            f'<text x="{x:.1f}" y="{height - 6}" font-size="12" text-anchor="middle" '
            f'fill="{INK}">{tick}</text>'
        )
    y = top
    for row, lines in enumerate(titles):
        for number, line in enumerate(lines):
            parts.append(
                f'<text x="{LEFT}" y="{y + 14 + LINE * number}" font-size="14" '
                f'font-weight="700" fill="{INK}">{escape(line)}</text>'
            )
        bar_y = y + TITLE + LINE * (len(lines) - 1)
        for index, (_label, scores) in enumerate(series):
            score = scores[row].score
            fill = FILL if index == 0 else f"url(#{ident}-hatch)"
            if score is not None:
                end = _x(score)
                parts.append(
                    f'<rect x="{LEFT}" y="{bar_y}" width="{end - LEFT:.1f}" height="{BAR}" '
                    f'fill="{fill}" stroke="{INK}" stroke-width="1"/>'
                )
            else:
                end = LEFT
            parts.append(
                f'<text x="{end + 6:.1f}" y="{bar_y + BAR - 4}" font-size="13" fill="{INK}">'
                f"{escape(_number(score))}</text>"
            )
            bar_y += BAR + GAP
        y = bar_y + BLOCK_GAP
    parts.append("</svg>")
    # Every text above is escaped.
    return mark_safe("".join(parts))
