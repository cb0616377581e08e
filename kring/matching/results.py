from dataclasses import dataclass, field


@dataclass
class Match:
    """One result of a search: the asset (a gift carries ``.resident``), how well it fits, and
    why, in plain Dutch: ``reasons`` (short notes) and ``summary``, one sentence a person would
    write ("Fatima: kookt graag Surinaams — past bij ‘maaltijden voor ouderen’").

    ``sure``: whether it rests on what the question itself says (a word or its forms, a compound
    part, a synonym, a translation, a corrected typo, a close related word); False when only a
    wide link of the lexicon answers ("‘grond’ hoort bij ‘koffie’"), which the search page shows
    apart: its score does not tell these from the good ones."""

    asset: object
    score: float
    reasons: list[str] = field(default_factory=list)
    summary: str = ""
    sure: bool = True
