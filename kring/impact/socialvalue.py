"""Indicative social value: a counted outcome × its proxy in euros × (1 − deadweight) ×
attribution, for the low, central and high amount of the proxy, and a total range.

The counts come from the figures a gemeente may see (already suppressed and rounded), never
from raw counts: a euro must not reveal a hidden number. A hidden count is never counted as
€ 0: the summary names the outcomes left out because their numbers are too small to show,
and when nothing can be shown it says so instead of showing € 0."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .aggregates import YEAR, Figures
from .models import SocialValueProxy

HIDDEN = "verborgen"
NO_SOURCE = "geen_bron"
UNKNOWN = "onbekend_cijfer"
NOT_SHARED = "niet_gedeeld"  # no collective shares the group this figure belongs to


def euro(amount: Decimal | int | None) -> str:
    """Whole euros the Dutch way: € 12.345."""
    if amount is None:
        return "—"
    return "€ " + f"{int(amount):,}".replace(",", ".")


@dataclass
class Value:
    proxy: SocialValueProxy
    indicator_label: str
    count: int | None  # the shown count (rounded, minus a deducted shown count), None when hidden
    count_display: str
    euros: Decimal | None  # central
    reason: str  # why there is no amount, when there is none
    low: Decimal | None = None
    high: Decimal | None = None
    deducted: int | None = None  # the shown count taken off (``proxy.deduct``)
    deducted_label: str = ""

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

    @property
    def central_display(self) -> str:
        return euro(self.euros)

    @property
    def range_display(self) -> str:
        if self.euros is None:
            return ""
        if self.low == self.high:
            return euro(self.euros)
        return _("%(low)s tot %(high)s") % {"low": euro(self.low), "high": euro(self.high)}


@dataclass
class Summary:
    """The total as a range, and what it leaves out."""

    low: Decimal
    central: Decimal
    high: Decimal
    counted: list[Value] = field(default_factory=list)
    hidden: list[Value] = field(default_factory=list)
    no_source: list[Value] = field(default_factory=list)
    not_shared: list[Value] = field(default_factory=list)

    @property
    def has_amount(self) -> bool:
        return bool(self.counted)

    @property
    def headline(self) -> str:
        """One plain Dutch (B1) sentence for the page and the report."""
        hidden = len(self.hidden)
        if not self.counted:
            if hidden:
                return ngettext(
                    "We kunnen nog geen bedrag laten zien: het aantal van de enige uitkomst "
                    "met een bedrag tonen we niet, zodat niemand te herkennen is.",
                    "We kunnen nog geen bedrag laten zien: de aantallen van alle %(n)s "
                    "uitkomsten met een bedrag tonen we niet, zodat niemand te herkennen is.",
                    hidden,
                ) % {"n": hidden}
            if self.not_shared:
                return _(
                    "We kunnen nog geen bedrag laten zien: geen collectief deelt de cijfers "
                    "die daarvoor nodig zijn."
                )
            return _("We kunnen nog geen bedrag laten zien: er zijn nog geen uitkomsten geteld.")
        if self.low == self.high:
            text = _("Indicatieve maatschappelijke waarde: ongeveer %(mid)s") % {
                "mid": euro(self.central)
            }
        else:
            text = _(
                "Indicatieve maatschappelijke waarde: tussen %(low)s en %(high)s "
                "(middenwaarde %(mid)s)"
            ) % {"low": euro(self.low), "high": euro(self.high), "mid": euro(self.central)}
        if hidden:
            text += ngettext(
                ", zonder %(n)s uitkomst waarvan we het aantal niet tonen, zodat niemand te "
                "herkennen is (%(names)s).",
                ", zonder %(n)s uitkomsten waarvan we de aantallen niet tonen, zodat niemand te "
                "herkennen is (%(names)s).",
                hidden,
            ) % {"n": hidden, "names": ", ".join(str(v.proxy.localized.label) for v in self.hidden)}
        else:
            text += "."
        return text


def _times(count: int, amount: Decimal, proxy: SocialValueProxy) -> Decimal:
    return (Decimal(count) * amount * (Decimal(1) - proxy.deadweight) * proxy.attribution).quantize(
        Decimal("1"), rounding=ROUND_HALF_UP
    )


def social_values(figures: Figures, area: str = "G", time: int = YEAR) -> list[Value]:
    proxies = list(SocialValueProxy.objects.all())
    shared = {g for c in figures.collectives for g in c["groups"]}
    valued = {p.indicator_key for p in proxies if p.value is not None}
    rows = []
    for proxy in proxies:
        key = proxy.indicator_key
        indicator = figures.indicator(key)
        label = indicator.label if indicator else key
        figure = figures.get(key, area, time)
        count = figure.value if figure.shown else None
        display = figure.display
        deducted, deducted_label = None, ""
        if count is not None and proxy.deduct and proxy.deduct in valued:
            # Only a shown count is taken off, and only when that outcome has its own amount;
            # a hidden one leaves these units whole (and is itself left out), so nothing
            # counts twice and nothing hidden shows through the difference.
            part = figures.get(proxy.deduct, area, time)
            other = figures.indicator(proxy.deduct)
            if part.shown and other is not None:
                deducted, deducted_label = part.value, str(other.label)
                count = max(0, count - part.value)
                display = str(count)
        euros = low = high = None
        reason = ""
        if proxy.value is None:
            reason = NO_SOURCE
        elif indicator is None:
            reason = UNKNOWN
        elif indicator.group not in shared:
            # Not shared is not zero: the gemeente sees no figure, so no euro either.
            reason = NOT_SHARED
        elif count is None:
            reason = HIDDEN
        else:
            amounts = proxy.values
            low, euros, high = (_times(count, a, proxy) for a in amounts)
        rows.append(
            Value(
                proxy,
                str(label),
                count,
                display,
                euros,
                reason,
                low=low,
                high=high,
                deducted=deducted,
                deducted_label=deducted_label,
            )
        )
    return rows


def summary(values: list[Value]) -> Summary:
    # A shown count of zero (no repair café, no energy coach) adds nothing: it is not pictured
    # as "€ 0" beside the outcomes that count.
    counted = [v for v in values if v.euros is not None and v.count]
    return Summary(
        low=sum((v.low for v in counted), Decimal(0)),
        central=sum((v.euros for v in counted), Decimal(0)),
        high=sum((v.high for v in counted), Decimal(0)),
        counted=counted,
        hidden=[v for v in values if v.reason == HIDDEN],
        no_source=[v for v in values if v.reason == NO_SOURCE],
        not_shared=[v for v in values if v.reason == NOT_SHARED],
    )


def total(values: list[Value]) -> Decimal:
    """The central total of what can be shown (see ``summary`` for the range)."""
    return summary(values).central
