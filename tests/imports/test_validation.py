"""Every validation message, in the words a user reads: "Rij 7, kolom ‘E-mail’: …"."""

import pytest

from kring.imports.fields import fields_for
from kring.imports.validation import RowValidator

from .. import factories

pytestmark = pytest.mark.django_db


def errors_for(collective, kind, values: dict, *, validator=None):
    """Clean one row (row 7) with the template's column names."""
    fields = fields_for(kind)
    header = [str(f.label) for f in fields]
    validator = validator or RowValidator(
        collective=collective,
        kind=kind,
        mapping={f.key: i for i, f in enumerate(fields)},
        header=header,
    )
    cells = [values.get(f.key, "") for f in fields]
    record, errors = validator.clean(7, cells)
    return record, [str(e) for e in errors]


RESIDENT_CASES = [
    ({"name": ""}, "Rij 7, kolom ‘Naam’: Dit is leeg. Vul het in."),
    ({"email": "jan@"}, "Rij 7, kolom ‘E-mail’: ‘jan@’ is geen e-mailadres."),
    ({"phone": "0" * 31}, "Rij 7, kolom ‘Telefoon’: Dit is te lang: hoogstens 30 tekens, nu 31."),
    (
        {"neighbourhood": "Nergensbuurt"},
        "Rij 7, kolom ‘Buurt’: ‘Nergensbuurt’ is geen buurt van dit collectief.",
    ),
    (
        {"name": '=HYPERLINK("x")'},
        'Rij 7, kolom ‘Naam’: ‘=HYPERLINK("x")’ begint met ‘=’ en lijkt een formule. Haal het ‘=’ weg.',
    ),
    (
        {"consent_purposes": "inventaris"},
        "Rij 7, kolom ‘Toestemming gegeven op’: Toestemming telt alleen met de datum waarop die is gegeven. Vul die in.",
    ),
    (
        {"consent_purposes": "inventaris", "consent_date": "2026-01-01"},
        "Rij 7, kolom ‘Toestemming gegeven hoe’: Toestemming telt alleen als u weet hoe die is gegeven: digitaal, papier of mondeling. Vul dat in.",
    ),
    (
        {"consent_date": "2026-01-01", "consent_method": "papier"},
        "Rij 7, kolom ‘Toestemming voor’: Er staat wanneer of hoe toestemming is gegeven, maar niet waarvoor. Vul in waarvoor, of laat de toestemming helemaal leeg.",
    ),
    (
        {"consent_purposes": "alles", "consent_date": "2026-01-01", "consent_method": "papier"},
        "Rij 7, kolom ‘Toestemming voor’: ‘alles’ kennen we niet. Kies uit: inventaris, verbinden, leden, verhalen, fotos, nieuws.",
    ),
    (
        {"consent_purposes": "leden", "consent_date": "31-02-2026", "consent_method": "papier"},
        "Rij 7, kolom ‘Toestemming gegeven op’: ‘31-02-2026’ is geen datum. Schrijf bijvoorbeeld 2026-11-02 of 2-11-2026.",
    ),
    (
        {"consent_purposes": "leden", "consent_date": "2999-01-01", "consent_method": "papier"},
        "Rij 7, kolom ‘Toestemming gegeven op’: 2999-01-01 ligt in de toekomst.",
    ),
    (
        {"consent_purposes": "leden", "consent_date": "2026-01-01", "consent_method": "duif"},
        "Rij 7, kolom ‘Toestemming gegeven hoe’: ‘duif’ kennen we niet. Kies uit: digitaal, mondeling, papier.",
    ),
]


@pytest.mark.parametrize(("values", "message"), RESIDENT_CASES)
def test_resident_messages(collective, values, message):
    values = {"name": "Piet", **values}
    record, errors = errors_for(collective, "bewoners", values)
    assert message in errors, errors
    assert record is None


def test_a_resident_email_that_exists_or_repeats(collective):
    factories.ResidentFactory(collective=collective, email="piet@example.nl")
    fields = fields_for("bewoners")
    validator = RowValidator(
        collective=collective,
        kind="bewoners",
        mapping={f.key: i for i, f in enumerate(fields)},
        header=[str(f.label) for f in fields],
    )
    _, errors = errors_for(
        collective, "bewoners", {"name": "P", "email": "PIET@example.nl"}, validator=validator
    )
    assert errors == [
        "Rij 7, kolom ‘E-mail’: Er is al een bewoner met het e-mailadres ‘PIET@example.nl’."
    ]
    assert (
        errors_for(
            collective, "bewoners", {"name": "A", "email": "a@example.nl"}, validator=validator
        )[1]
        == []
    )
    _, errors = errors_for(
        collective, "bewoners", {"name": "A", "email": "a@example.nl"}, validator=validator
    )
    assert errors == ["Rij 7, kolom ‘E-mail’: Dit e-mailadres staat ook in rij 7."]


def test_a_buurt_of_another_gemeente_is_refused_by_code_and_name(collective, neighbourhood):
    elsewhere = factories.MunicipalityFactory(code="GM0344", name="Utrecht")
    district = factories.DistrictFactory(municipality=elsewhere, code="WK034401", name="Binnenstad")
    factories.NeighbourhoodFactory(district=district, code="BU03440101", name="Domplein")
    for value in ("BU03440101", "Domplein"):
        _, errors = errors_for(collective, "bewoners", {"name": "P", "neighbourhood": value})
        assert errors == [f"Rij 7, kolom ‘Buurt’: ‘{value}’ is geen buurt van dit collectief."]
    record, errors = errors_for(
        collective, "bewoners", {"name": "P", "neighbourhood": "bu05990101"}
    )
    assert errors == [] and record.values["neighbourhood_id"] == neighbourhood.pk


def test_two_buurten_with_one_name_need_the_code(collective, neighbourhood):
    other = factories.NeighbourhoodFactory(
        district=neighbourhood.district, code="BU05990102", name="Gaffelstraat"
    )
    collective.working_area.add(other)
    _, errors = errors_for(collective, "bewoners", {"name": "P", "neighbourhood": "Gaffelstraat"})
    assert errors == [
        "Rij 7, kolom ‘Buurt’: Er zijn meer buurten met de naam ‘Gaffelstraat’. Gebruik de CBS-code."
    ]


def test_control_characters_are_stripped(collective):
    record, errors = errors_for(collective, "bewoners", {"name": "Pi\x00et\x1b"})
    assert errors == [] and record.values["name"] == "Piet"


GIFT_CASES = [
    (
        {"gift_kind": "voeten"},
        "Rij 7, kolom ‘Hoofd, handen of hart’: ‘voeten’ kennen we niet. Kies uit: handen, hart, hoofd.",
    ),
    ({"gift_kind": ""}, "Rij 7, kolom ‘Hoofd, handen of hart’: Dit is leeg. Vul het in."),
    ({"title": ""}, "Rij 7, kolom ‘Gave’: Dit is leeg. Vul het in."),
    ({"title": "x" * 201}, "Rij 7, kolom ‘Gave’: Dit is te lang: hoogstens 200 tekens, nu 201."),
    (
        {"availability": "altijd"},
        "Rij 7, kolom ‘Beschikbaar’: ‘altijd’ kennen we niet. Kies uit: niet_nu, nu, soms, vragen.",
    ),
    (
        {"visibility": "openbaar"},
        "Rij 7, kolom ‘Wie mag dit zien’: Een gave is nooit openbaar. Kies buurtmakers of leden.",
    ),
    (
        {"resident_email": "", "resident_name": ""},
        "Rij 7, kolom ‘Naam bewoner’: Vul de naam, het e-mailadres of het telefoonnummer van de bewoner in.",
    ),
    (
        {"resident_email": "nieuw@example.nl", "resident_name": ""},
        "Rij 7, kolom ‘Naam bewoner’: Deze bewoner is nog niet bekend. Vul ook de naam in, dan maakt Kring de bewoner aan.",
    ),
    (
        {"resident_email": "nieuw@example.nl", "resident_name": "Nieuw"},
        "Rij 7, kolom ‘Toestemming voor’: Deze bewoner heeft geen toestemming voor de inventaris. Zonder die toestemming kunnen we de gave niet bewaren. Vul de toestemming in (waarvoor, wanneer en hoe), of laat de rij weg.",
    ),
]


@pytest.mark.parametrize(("values", "message"), GIFT_CASES)
def test_gift_messages(collective, known_resident, values, message):
    values = {
        "resident_email": "fatima@example.nl",
        "gift_kind": "hart",
        "title": "koken",
        **values,
    }
    record, errors = errors_for(collective, "gaven", values)
    assert message in errors, errors
    assert record is None


def test_gift_resident_by_name_must_be_unambiguous(collective, known_resident):
    factories.ResidentFactory(collective=collective, name="Fatima Bouali")
    _, errors = errors_for(
        collective, "gaven", {"resident_name": "fatima bouali", "gift_kind": "hart", "title": "x"}
    )
    assert errors == [
        "Rij 7, kolom ‘Naam bewoner’: Er zijn 2 bewoners met de naam ‘fatima bouali’. Vul ook het e-mailadres of het telefoonnummer in."
    ]


def test_gift_resident_matched_by_phone_and_never_in_another_collective(
    collective, other_collective, known_resident
):
    record, errors = errors_for(
        collective, "gaven", {"resident_phone": "+31 6 12345678", "gift_kind": "hart", "title": "x"}
    )
    assert errors == [] and record.resident == known_resident.pk
    stranger = factories.ResidentFactory(collective=other_collective, email="ver@example.nl")
    factories.ConsentFactory(resident=stranger)
    _, errors = errors_for(
        collective, "gaven", {"resident_email": "ver@example.nl", "gift_kind": "hart", "title": "x"}
    )
    assert any("nog niet bekend" in e for e in errors)


ASSET_CASES = [
    (
        {"category": "gave"},
        "Rij 7, kolom ‘Soort’: Gaven van bewoners importeert u met het sjabloon voor gaven.",
    ),
    (
        {"category": "ufo"},
        "Rij 7, kolom ‘Soort’: ‘ufo’ kennen we niet. Kies uit: groep, instelling, plek, economie, verhaal.",
    ),
    ({"category": "instelling"}, "Rij 7, kolom ‘Soort instelling’: Dit is leeg. Vul het in."),
    (
        {"category": "verhaal"},
        "Rij 7, kolom ‘Toelichting’: Een verhaal heeft een toelichting nodig: het verhaal zelf. Vul die in.",
    ),
    ({"website": "geen adres"}, "Rij 7, kolom ‘Website’: ‘geen adres’ is geen webadres."),
    (
        {"latitude": "noord"},
        "Rij 7, kolom ‘Breedtegraad’: ‘noord’ is geen getal. Schrijf bijvoorbeeld 51.9170.",
    ),
    (
        {"latitude": "91", "longitude": "4"},
        "Rij 7, kolom ‘Breedtegraad’: 91 ligt buiten het bereik van Breedtegraad.",
    ),
    (
        {"latitude": "51,9"},
        "Rij 7, kolom ‘Lengtegraad’: Vul de breedtegraad én de lengtegraad in, of laat ze allebei leeg.",
    ),
    (
        {"visibility": "iedereen"},
        "Rij 7, kolom ‘Wie mag dit zien’: ‘iedereen’ kennen we niet. Kies uit: buurtmakers, leden, openbaar.",
    ),
]


@pytest.mark.parametrize(("values", "message"), ASSET_CASES)
def test_asset_messages(collective, values, message):
    values = {"category": "plek", "title": "Buurthuis", **values}
    record, errors = errors_for(collective, "bronnen", values)
    assert message in errors, errors
    assert record is None


def test_asset_values_are_cleaned(collective):
    record, errors = errors_for(
        collective,
        "bronnen",
        {
            "category": "Fysieke plekken",
            "title": "Buurthuis",
            "website": "degaffel.example.nl",
            "latitude": "51,917",
            "longitude": "4.464",
            "visibility": "Openbaar",
            "tags": "Koffie, koffie, ontmoeten",
        },
    )
    assert errors == []
    assert record.values["category"] == "place"
    assert record.values["website"] == "https://degaffel.example.nl"
    assert (record.values["latitude"], record.values["longitude"]) == (51.917, 4.464)
    assert record.values["visibility"] == "openbaar"
    assert record.tags == ["koffie", "ontmoeten"]


def _gift_rows(count: int, seed: int = 3) -> list[list[str]]:
    """Gift rows (in GIFT_FIELDS order) mixing plain, odd and wrong cells; most are valid."""
    import random

    rng = random.Random(seed)
    good = {
        "resident_name": ["", "Fatima Bouali", "Nieuw Mens", " Piet ", "café Ünal"],
        "resident_email": ["fatima@example.nl", "FATIMA@example.nl", "nieuw@example.nl", ""],
        "resident_phone": ["", "06-12345678", "+31 6 12345678"],
        "gift_kind": ["hart", "Hoofd", "handen: wat iemand kan", "HART "],
        "title": ["koken", "fietsen repareren", "café", "fietsen\x1b repareren"],
        "description": ["", "met uitleg", "  "],
        "availability": ["", "nu", "af en toe"],
        "tags": ["", "Fietsen, techniek", "a,,b"],
        "visibility": ["", "leden", "buurtmakers", "alleen buurtmakers"],
        "neighbourhood": ["", "Gaffelstraat", "bu05990101"],
        "consent": [("", "", ""), ("inventaris", "2026-01-01", "papier")],
    }
    bad = {
        "resident_name": ["=X", "x" * 201, "Pi\x00et"],
        "resident_email": ["jan@", "=a@b.nl", "ander@example.nl", "x" * 250 + "@example.nl"],
        "resident_phone": ["0" * 31, "=06"],
        "gift_kind": ["", "voeten"],
        "title": ["", "x" * 201, "=SUM(1)"],
        "description": ["=formule"],
        "availability": ["altijd"],
        "tags": ["=x"],
        "visibility": ["openbaar", "iedereen"],
        "neighbourhood": ["Nergens"],
        "consent": [
            ("leden", "", ""),
            ("inventaris, leden", "2-1-2026", "digitaal"),
            ("", "2026-01-01", ""),
            ("alles", "2026-01-01", "papier"),
            ("verbinden", "2999-01-01", "mondeling"),
        ],
    }
    rows = []
    for _ in range(count):
        cells = {}
        for key in good:
            options = good[key] if rng.random() < 0.93 else bad[key]
            cells[key] = rng.choice(options)
        purposes, date, method = cells.pop("consent")
        cells.update(consent_purposes=purposes, consent_date=date, consent_method=method)
        rows.append([cells.get(f.key, "") for f in fields_for("gaven")])
    return rows


def test_the_fast_path_for_gift_rows_gives_what_the_full_checks_give(
    collective, known_resident, neighbourhood, monkeypatch
):
    """Plain rows skip the cell-by-cell checks; any row with something to say goes through
    them. Whatever the row, the records, the errors and what the validator remembers (new
    residents, consent given earlier in the file) are the same as with the full checks only."""
    factories.ResidentFactory(collective=collective, name="Piet", email="piet@example.nl")
    fields = fields_for("gaven")
    arguments = {
        "collective": collective,
        "kind": "gaven",
        "mapping": {f.key: i for i, f in enumerate(fields)},
        "header": [str(f.label) for f in fields],
    }
    fast, full = RowValidator(**arguments), RowValidator(**arguments)
    monkeypatch.setattr(full, "_plain_gift_cells", lambda cells: None)
    plain = 0
    real = fast._plain_gift_cells

    def counted(cells):
        nonlocal plain
        found = real(cells)
        plain += found is not None
        return found

    monkeypatch.setattr(fast, "_plain_gift_cells", counted)
    valid = 0
    for number, cells in enumerate(_gift_rows(1500), start=2):
        got, expected = fast.clean(number, cells), full.clean(number, cells)
        assert got == expected, (number, cells)
        valid += got[0] is not None
    assert plain > 500 and valid > 500 and valid < 1500
    assert fast.pending == full.pending
    # Keys of consent given in the file: a known resident's number, or a new one's id().
    assert {k: v for k, v in fast.granted.items() if k in fast.home} == {
        k: v for k, v in full.granted.items() if k in full.home
    }
    assert sorted(map(sorted, fast.granted.values())) == sorted(map(sorted, full.granted.values()))


def test_the_fast_path_skips_unmapped_columns(collective, known_resident):
    """A file with only some of the columns: the others are empty, as with the full checks."""
    validator = RowValidator(
        collective=collective,
        kind="gaven",
        mapping={"resident_email": 0, "gift_kind": 1, "title": 2},
        header=["E-mail", "Soort", "Gave"],
    )
    for number in (2, 3):
        record, errors = validator.clean(number, ["fatima@example.nl", "hart", "koken", "extra"])
        assert errors == []
        assert record.values == {
            "gift_kind": "hart",
            "title": "koken",
            "description": "",
            "availability": "nu",
            "visibility": "buurtmakers",
        }
        assert record.resident == known_resident.pk and record.tags == []
    _, errors = validator.clean(4, ["fatima@example.nl", "hart"])
    assert [str(e) for e in errors] == ["Rij 4, kolom ‘Gave’: Dit is leeg. Vul het in."]
