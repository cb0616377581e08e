"""Indicative social value: a counted outcome × its proxy in euros × (1 − deadweight) ×
attribution. The counts come from the figures a gemeente may see (already suppressed and
rounded), never from raw counts: a euro must not reveal a hidden number."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .aggregates import YEAR, Figures
from .models import SocialValueProxy


@dataclass
class Value:
    proxy: SocialValueProxy
    indicator_label: str
    count: int | None  # the shown count (rounded), None when hidden
    count_display: str
    euros: Decimal | None
    reason: str  # why there is no amount, when there is none

    @property
    def steps(self) -> list[tuple[str, str]]:
        """The calculation, step by step, for the "hoe berekend" panel."""
        p = self.proxy
        return [
            ("aantal", self.count_display),
            ("waarde per eenheid", f"€ {p.value}" if p.value is not None else "—"),
            ("deadweight", f"{p.deadweight}"),
            ("attributie", f"{p.attribution}"),
        ]


def social_values(figures: Figures, area: str = "G", time: int = YEAR) -> list[Value]:
    rows = []
    for proxy in SocialValueProxy.objects.all():
        indicator = figures.indicator(proxy.outcome)
        label = indicator.label if indicator else proxy.outcome
        figure = figures.get(proxy.outcome, area, time)
        count = figure.value if figure.shown else None
        euros, reason = None, ""
        if proxy.value is None:
            reason = "geen_bron"
        elif indicator is None:
            reason = "onbekend_cijfer"
        elif count is None:
            reason = "verborgen"
        else:
            euros = (
                Decimal(count) * proxy.value * (Decimal(1) - proxy.deadweight) * proxy.attribution
            ).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
        rows.append(Value(proxy, str(label), count, figure.display, euros, reason))
    return rows


def total(values: list[Value]) -> Decimal:
    return sum((v.euros for v in values if v.euros is not None), Decimal(0))
