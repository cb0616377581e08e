"""Two rounds of the self-scan for the demo gemeente, a year apart, so the demo shows the
change over time. Called by kring.demo's loader with its municipality log-in."""

import random
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Answer, Response, ScanRound, Statement

# Per theme key: the mean answer in the first and in the second round (1–5).
DEMO_LEVELS = {
    "vertrouwen": (2.6, 3.6),
    "flexibel-geld": (1.8, 2.7),
    "regels": (2.0, 2.4),
    "gebiedsgericht": (3.6, 3.9),
    "stap-terug": (2.2, 3.1),
    "luisteren": (3.0, 3.4),
}
# The demo log-in plus two colleagues whose log-ins are gone: their answers still count.
RESPONDENTS = 3


def load_selfscan_demo(*, municipality, user) -> list[ScanRound]:
    ScanRound.objects.filter(municipality=municipality, municipality__is_sample=True).delete()
    rng = random.Random(9)
    today = timezone.localdate()
    statements = list(Statement.objects.select_related("theme"))
    rounds = []
    for index, (name, started) in enumerate(
        [
            (_("Nulmeting"), today - timedelta(days=365)),
            (_("Een jaar later"), today - timedelta(days=14)),
        ]
    ):
        scan_round = ScanRound.objects.create(
            municipality=municipality,
            name=name,
            started_on=started,
            closed_on=started + timedelta(days=30) if index == 0 else None,
            started_by=user,
        )
        for person in range(RESPONDENTS):
            response = Response.objects.create(
                round=scan_round,
                respondent=user if person == 0 else None,
                submitted_at=timezone.now() - timedelta(days=(today - started).days - 7),
            )
            answers = []
            for statement in statements:
                mean = DEMO_LEVELS.get(statement.theme.key, (3.0, 3.0))[index]
                value = min(5, max(1, round(rng.gauss(mean, 0.8))))
                # A reversed statement is answered the other way round.
                answers.append(
                    Answer(
                        response=response,
                        statement=statement,
                        value=statement.score(value),
                    )
                )
            Answer.objects.bulk_create(answers)
        rounds.append(scan_round)
    return rounds
