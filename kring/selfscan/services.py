"""Every change to the self-scan: one function each, keyword-only, one transaction. Each
takes the acting user and refuses a round of another gemeente."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kring.core.locking import check_version

from .models import Answer, Response, ScanRound, Theme
from .selectors import missing_themes


class ScanError(Exception):
    """A change the scan refuses; the message is plain Dutch for the user."""


def _own_round(user, scan_round: ScanRound, *, must_be_open: bool = True) -> ScanRound:
    if user.municipality_id is None or scan_round.municipality_id != user.municipality_id:
        raise ScanError(_("Deze ronde hoort niet bij uw gemeente."))
    locked = ScanRound.objects.select_for_update().get(pk=scan_round.pk)
    if must_be_open and not locked.is_open:
        raise ScanError(_("Deze ronde is gesloten. Begin een nieuwe ronde om opnieuw te scannen."))
    return locked


@transaction.atomic
def start_round(*, user, name: str = "") -> ScanRound:
    """Start a new round for the user's gemeente; the open round, if any, closes today."""
    if user.municipality_id is None:
        raise ScanError(_("Alleen medewerkers van een gemeente kunnen een ronde beginnen."))
    today = timezone.localdate()
    for previous in ScanRound.objects.select_for_update().filter(
        municipality_id=user.municipality_id, closed_on__isnull=True
    ):
        previous.closed_on = max(today, previous.started_on)
        previous.save(update_fields=["closed_on"])
    return ScanRound.objects.create(
        municipality_id=user.municipality_id,
        name=name.strip() or _("Ronde van %(date)s") % {"date": today.strftime("%d-%m-%Y")},
        started_on=today,
        started_by=user,
    )


@transaction.atomic
def close_round(*, user, scan_round: ScanRound) -> ScanRound:
    scan_round = _own_round(user, scan_round)
    scan_round.closed_on = max(timezone.localdate(), scan_round.started_on)
    scan_round.save(update_fields=["closed_on"])
    return scan_round


@transaction.atomic
def save_answers(
    *,
    user,
    scan_round: ScanRound,
    theme: Theme,
    values: dict[int, int],
    expected_version: int | None = None,
) -> Response:
    """Keep the user's answers for one theme (a draft until handed in). A statement left empty
    removes an earlier answer to it; statements of other themes are refused. With
    ``expected_version`` answers saved meanwhile (in another window) raise EditConflict."""
    scan_round = _own_round(user, scan_round)
    allowed = {statement.pk for statement in theme.statements.all()}
    if set(values) - allowed:
        raise ScanError(_("Een van de stellingen hoort niet bij dit thema."))
    response, created = Response.objects.get_or_create(round=scan_round, respondent=user)
    if not created:
        check_version(response, expected_version)
    given = {pk: value for pk, value in values.items() if value is not None}
    existing = {a.statement_id: a for a in response.answers.filter(statement_id__in=allowed)}
    response.answers.filter(statement_id__in=allowed - set(given)).delete()
    changed = []
    for statement_id, value in given.items():
        answer = existing.get(statement_id)
        if answer is None:
            Answer.objects.create(response=response, statement_id=statement_id, value=value)
        elif answer.value != value:
            answer.value = value
            changed.append(answer)
    Answer.objects.bulk_update(changed, ["value"])
    response.save(update_fields=["updated_at", "version"])
    return response


@transaction.atomic
def submit_response(*, user, scan_round: ScanRound, theme_list: list[Theme]) -> Response:
    """Hand in: from now on the answers count in the gemeente's results. Every statement must
    have an answer."""
    scan_round = _own_round(user, scan_round)
    response = Response.objects.filter(round=scan_round, respondent=user).first()
    missing = missing_themes(response, theme_list)
    if response is None or missing:
        raise ScanError(
            _("Beantwoord eerst alle stellingen. Nog niet klaar: %(themes)s.")
            % {"themes": ", ".join(theme.localized.title for theme in missing)}
        )
    if response.submitted_at is None:
        response.submitted_at = timezone.now()
        response.save(update_fields=["submitted_at", "updated_at"])
    return response
