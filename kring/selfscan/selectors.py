"""Every read of the self-scan, scoped to the gemeente of who asks: a user of another gemeente
or without one finds nothing (the views answer 404)."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from kring.core.forms import MAX_INTEGER_KEY

from .models import Answer, Response, ScanRound, Statement, Theme
from .scoring import ThemeScore, theme_scores


def municipality_of(user):
    """The gemeente whose scan this user may see; anyone else gets a 404."""
    municipality = getattr(user, "municipality", None) if user.is_authenticated else None
    if municipality is None:
        raise Http404
    return municipality


def themes() -> QuerySet[Theme]:
    return Theme.objects.prefetch_related(
        Prefetch("statements", queryset=Statement.objects.order_by("position", "pk"))
    )


def theme_by_key(key: str) -> Theme:
    theme = themes().filter(key=key).first()
    if theme is None:
        raise Http404
    return theme


def rounds_of(user) -> QuerySet[ScanRound]:
    return ScanRound.objects.filter(municipality=municipality_of(user)).annotate(
        handed_in=Count("responses", filter=Q(responses__submitted_at__isnull=False))
    )


def round_of(user, pk) -> ScanRound:
    if not 0 < pk <= MAX_INTEGER_KEY:
        raise Http404
    found = rounds_of(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def open_round_of(user) -> ScanRound | None:
    return rounds_of(user).filter(closed_on__isnull=True).first()


def response_of(user, scan_round: ScanRound | None) -> Response | None:
    if scan_round is None:
        return None
    return Response.objects.filter(round=scan_round, respondent=user).first()


def my_answers(response: Response | None) -> dict[int, int]:
    if response is None:
        return {}
    return dict(response.answers.values_list("statement_id", "value"))


def round_scores(scan_round: ScanRound, theme_list: list[Theme] | None = None) -> list[ThemeScore]:
    """The profile of one round: handed-in responses only. Two queries, whatever the size."""
    theme_list = list(themes()) if theme_list is None else theme_list
    statements = {s.pk: s for theme in theme_list for s in theme.statements.all()}
    rows = (
        Answer.objects.filter(response__round=scan_round, response__submitted_at__isnull=False)
        .values_list("statement_id", "value")
        .annotate(number=Count("pk"))
        .order_by()
    )
    counts = [
        (statements[statement_id], value, number)
        for statement_id, value, number in rows
        if statement_id in statements
    ]
    return theme_scores(theme_list, counts)


def missing_themes(response: Response | None, theme_list: list[Theme]) -> list[Theme]:
    answered = set(response.answers.values_list("statement_id", flat=True)) if response else set()
    return [
        theme
        for theme in theme_list
        if any(statement.pk not in answered for statement in theme.statements.all())
    ]
