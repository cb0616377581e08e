from kring.imports.fields import guess_mapping, normalise


def test_normalise_ignores_case_accents_and_punctuation():
    assert normalise(" E-Mail adres ") == normalise("emailadres") == "emailadres"
    assert normalise("Coöperatie") == "cooperatie"


def test_dutch_headers_of_the_template():
    header = ["Naam", "E-mail", "Telefoon", "Adres", "Buurt", "Talen"]
    assert guess_mapping("bewoners", header) == {
        "name": 0,
        "email": 1,
        "phone": 2,
        "address": 3,
        "neighbourhood": 4,
        "languages": 5,
    }


def test_english_and_odd_headers():
    header = ["FULL NAME", "Phone number", "e-mailadres", "Neighborhood", "Shoe size"]
    assert guess_mapping("bewoners", header) == {
        "name": 0,
        "phone": 1,
        "email": 2,
        "neighbourhood": 3,
    }


def test_gift_headers_each_column_used_once():
    header = ["naam", "e-mail", "soort", "gave", "beschrijving", "tags", "buurt"]
    mapping = guess_mapping("gaven", header)
    assert mapping == {
        "resident_name": 0,
        "resident_email": 1,
        "gift_kind": 2,
        "title": 3,
        "description": 4,
        "tags": 5,
        "neighbourhood": 6,
    }
    assert len(set(mapping.values())) == len(mapping)


def test_asset_headers():
    header = ["Categorie", "Naam", "Lat", "Lng", "Website", "Openingstijden", "Zichtbaarheid"]
    assert guess_mapping("bronnen", header) == {
        "category": 0,
        "title": 1,
        "latitude": 2,
        "longitude": 3,
        "website": 4,
        "opening_hours": 5,
        "visibility": 6,
    }


def test_nothing_recognised_gives_an_empty_mapping():
    assert guess_mapping("gaven", ["kolom1", "kolom2"]) == {}
