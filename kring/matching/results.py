from dataclasses import dataclass, field


@dataclass
class Match:
    """One result of a search: the asset (a gift carries ``.resident``), how well it fits, and
    why, in plain Dutch: ``reasons`` (short notes) and ``summary``, one sentence a person would
    write ("Fatima: kookt graag Surinaams — past bij ‘maaltijden voor ouderen’")."""

    asset: object
    score: float
    reasons: list[str] = field(default_factory=list)
    summary: str = ""
