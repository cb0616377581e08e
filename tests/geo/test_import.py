import json
from pathlib import Path

import pytest
import shapely
from django.core.management import call_command
from django.core.management.base import CommandError
from shapely.geometry import shape

from kring.geo.models import District, Municipality, Neighbourhood
from kring.geo.services import import_regions

SAMPLE = Path(__file__).resolve().parents[2] / "kring" / "geo" / "data" / "sample-kringstad.geojson"


def square(lon=5.10, lat=52.09, size=0.01):
    return {
        "type": "Polygon",
        "coordinates": [
            [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
        ],
    }


def feature(geometry=None, **properties):
    return {"type": "Feature", "properties": properties, "geometry": geometry or square()}


def collection(*features):
    return {"type": "FeatureCollection", "features": list(features)}


def buurt(code="BU99990101", name="Oude Haven", wijk="WK999901", gemeente="GM9999", **extra):
    return feature(buurtcode=code, buurtnaam=name, wijkcode=wijk, gemeentecode=gemeente, **extra)


def region_count():
    return Municipality.objects.count() + District.objects.count() + Neighbourhood.objects.count()


@pytest.mark.django_db
def test_the_sample_creates_the_whole_tree():
    result = import_regions(features=SAMPLE, year=2025, sample=True)

    assert result.ok, result.errors
    assert (result.municipalities.created, result.districts.created) == (1, 3)
    assert result.neighbourhoods.created == 11
    kringstad = Municipality.objects.get(code="GM9999")
    assert kringstad.name == "Kringstad"
    assert kringstad.is_sample and kringstad.year == 2025
    assert sorted(kringstad.districts.values_list("name", flat=True)) == [
        "Fort Oudwijk",
        "Havenkwartier",
        "Lindenhof",
    ]
    haven = District.objects.get(code="WK999901")
    assert haven.neighbourhoods.count() == 4
    for neighbourhood in Neighbourhood.objects.select_related("district"):
        assert neighbourhood.code[2:8] == neighbourhood.district.code[2:]
        assert neighbourhood.boundary["type"] in ("Polygon", "MultiPolygon")
        geometry = shape(neighbourhood.boundary)
        assert geometry.is_valid
        # The stored centre lies inside the buurt, so a pin on the map is never outside it.
        assert geometry.covers(shapely.Point(neighbourhood.longitude, neighbourhood.latitude))


@pytest.mark.django_db
def test_the_buurten_of_the_sample_tile_their_wijk():
    import_regions(features=SAMPLE, year=2025, sample=True)
    for district in District.objects.all():
        union = shapely.union_all([shape(n.boundary) for n in district.neighbourhoods.all()])
        assert union.symmetric_difference(shape(district.boundary)).area < 1e-9


@pytest.mark.django_db
def test_importing_again_updates_and_does_not_duplicate():
    import_regions(features=SAMPLE, year=2024, sample=True)
    before = dict(Neighbourhood.objects.values_list("code", "pk"))
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    for item in data["features"]:
        if item["properties"].get("buurtcode") == "BU99990101":
            item["properties"]["buurtnaam"] = "Oude Haven-Noord"

    result = import_regions(features=data, year=2025, sample=True)

    assert result.ok
    assert result.neighbourhoods.created == 0
    assert result.neighbourhoods.updated == 11
    assert result.districts.updated == 3 and result.municipalities.updated == 1
    assert dict(Neighbourhood.objects.values_list("code", "pk")) == before
    changed = Neighbourhood.objects.get(code="BU99990101")
    assert changed.name == "Oude Haven-Noord"
    assert changed.year == 2025


@pytest.mark.django_db
def test_a_buurten_file_creates_wijk_and_gemeente_with_their_names():
    result = import_regions(
        features=collection(buurt(wijknaam="Havenkwartier", gemeentenaam="Kringstad")), year=2025
    )
    assert result.ok, result.errors
    neighbourhood = Neighbourhood.objects.select_related("district__municipality").get()
    assert neighbourhood.district.name == "Havenkwartier"
    assert neighbourhood.district.municipality.name == "Kringstad"
    # Only the buurt had a boundary in the file.
    assert neighbourhood.district.boundary is None


@pytest.mark.django_db
def test_older_upper_case_attributes_are_read_too():
    old = feature(
        BU_CODE="BU99990101",
        BU_NAAM="Oude Haven",
        WK_CODE="WK999901",
        GM_CODE="GM9999",
        GM_NAAM="Kringstad",
    )
    result = import_regions(features=collection(old), year=2019)
    assert result.ok, result.errors
    # No wijk name in the file: the code stands in until the wijken file is imported.
    assert District.objects.get().name == "WK999901"
    assert Municipality.objects.get().name == "Kringstad"


@pytest.mark.django_db
def test_a_buurten_file_keeps_the_boundary_of_a_wijk_imported_before():
    import_regions(features=SAMPLE, year=2025, sample=True)
    boundary = District.objects.get(code="WK999901").boundary

    result = import_regions(features=collection(buurt()), year=2025, sample=True)

    assert result.ok
    district = District.objects.get(code="WK999901")
    assert district.boundary == boundary
    assert district.name == "Havenkwartier"


@pytest.mark.django_db
def test_a_bad_code_gives_the_dutch_error_and_stores_nothing():
    result = import_regions(
        features=collection(buurt(), buurt(code="BU12345", wijk="WK999901")), year=2025
    )
    assert not result.ok
    assert "Object 2: de buurtcode BU12345 heeft niet 8 tekens na BU." in result.errors
    assert region_count() == 0


@pytest.mark.django_db
def test_errors_name_every_bad_feature_and_field():
    result = import_regions(
        features=collection(
            feature(gemeentecode="XX0599", gemeentenaam="Fout"),
            feature(wijkcode="WK0599", wijknaam="Kort"),
            feature(buurtcode="BU99990102"),
            feature(naam="iets"),
        ),
        year=2025,
    )
    assert result.errors == [
        "Object 1: de gemeentecode XX0599 begint niet met GM.",
        "Object 2: de wijkcode WK0599 heeft niet 6 tekens na WK.",
        "Object 3: de buurtnaam ontbreekt.",
        "Object 4: er staat geen gemeentecode, wijkcode of buurtcode bij. Is dit wel de wijk- "
        "en buurtkaart van het CBS?",
    ]


@pytest.mark.django_db
def test_a_buurt_that_does_not_nest_in_its_wijk_is_refused():
    result = import_regions(
        features=collection(buurt(code="BU99990201", wijk="WK999901")), year=2025
    )
    assert result.errors == [
        "Object 1: de buurtcode BU99990201 hoort niet bij wijkcode WK999901: een buurtcode "
        "begint met de 6 tekens van de wijkcode."
    ]
    assert region_count() == 0


@pytest.mark.django_db
def test_a_wijk_that_does_not_nest_in_its_gemeente_is_refused():
    result = import_regions(
        features=collection(feature(wijkcode="WK999901", wijknaam="Haven", gemeentecode="GM0599")),
        year=2025,
    )
    assert result.errors == [
        "Object 1: de wijkcode WK999901 hoort niet bij gemeentecode GM0599: een wijkcode "
        "begint met de 4 cijfers van de gemeentecode."
    ]


@pytest.mark.django_db
def test_a_json_file_that_is_not_geojson_is_refused(tmp_path):
    path = tmp_path / "lijst.json"
    path.write_text(json.dumps([{"buurtcode": "BU99990101"}]), encoding="utf-8")
    result = import_regions(features=path, year=2025)
    assert len(result.errors) == 1
    assert "geen GeoJSON-kaart" in result.errors[0]
    assert region_count() == 0


@pytest.mark.django_db
def test_invalid_json_is_refused_with_the_line(tmp_path):
    path = tmp_path / "kapot.geojson"
    path.write_text('{"type": "FeatureCollection",\n "features": [,]}', encoding="utf-8")
    result = import_regions(features=str(path), year=2025)
    assert result.errors == [
        "Het bestand is geen geldige GeoJSON: er staat een fout in op regel 2, teken 15."
    ]
    assert region_count() == 0


@pytest.mark.django_db
def test_a_binary_file_is_refused(tmp_path):
    path = tmp_path / "buurten.zip"
    path.write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00\xff\xfe\x00")
    result = import_regions(features=path, year=2025)
    assert "Dit is geen tekstbestand" in result.errors[0]


@pytest.mark.django_db
def test_rd_coordinates_are_refused_with_a_clear_error():
    rd = square(lon=136_000, lat=455_000, size=500)
    result = import_regions(
        features=collection(buurt(), feature(rd, buurtcode="BU99990102", buurtnaam="Kadewijk")),
        year=2025,
    )
    assert len(result.errors) == 1
    assert "Rijksdriehoekstelsel (RD, EPSG:28992)" in result.errors[0]
    assert "WGS84" in result.errors[0]
    assert region_count() == 0


@pytest.mark.django_db
def test_a_crs_member_naming_rd_is_refused():
    data = collection(buurt())
    data["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}
    result = import_regions(features=data, year=2025)
    assert "Rijksdriehoekstelsel" in result.errors[0]


@pytest.mark.django_db
def test_swapped_longitude_and_latitude_are_refused():
    swapped = {
        "type": "Polygon",
        "coordinates": [[[52.09, 5.1], [52.1, 5.1], [52.1, 5.11], [52.09, 5.1]]],
    }
    result = import_regions(features=collection(buurt() | {"geometry": swapped}), year=2025)
    assert "omgewisseld" in result.errors[0]


@pytest.mark.django_db
def test_a_point_or_missing_geometry_is_refused():
    point = {"type": "Point", "coordinates": [5.1, 52.09]}
    result = import_regions(
        features=collection(
            buurt() | {"geometry": point}, buurt(code="BU99990102") | {"geometry": None}
        ),
        year=2025,
    )
    assert result.errors == [
        "Object 1: de grens is een Point; Kring verwacht een Polygon of MultiPolygon.",
        "Object 2: er staat geen grens (geometry) bij.",
    ]


@pytest.mark.django_db
def test_the_same_code_twice_with_another_name_is_refused():
    result = import_regions(features=collection(buurt(), buurt(name="Nieuwe Haven")), year=2025)
    assert result.errors == [
        "Object 2: BU99990101 staat ook in object 1, maar met een andere naam "
        "(Nieuwe Haven en Oude Haven)."
    ]


@pytest.mark.django_db
def test_the_same_region_in_two_parts_becomes_one_boundary():
    land = buurt(water="NEE")
    water = buurt(water="JA") | {"geometry": square(lon=5.11)}
    result = import_regions(features=collection(land, water), year=2025)
    assert result.ok, result.errors
    assert shape(Neighbourhood.objects.get().boundary).area == pytest.approx(0.0002, rel=1e-3)


@pytest.mark.django_db
def test_an_invalid_boundary_is_repaired():
    bowtie = {
        "type": "Polygon",
        "coordinates": [[[5.1, 52.09], [5.11, 52.1], [5.11, 52.09], [5.1, 52.1], [5.1, 52.09]]],
    }
    result = import_regions(features=collection(buurt() | {"geometry": bowtie}), year=2025)
    assert result.ok, result.errors
    assert shape(Neighbourhood.objects.get().boundary).is_valid


@pytest.mark.django_db
def test_dry_run_counts_and_stores_nothing():
    result = import_regions(features=SAMPLE, year=2025, sample=True, dry_run=True)
    assert result.ok and not result.stored
    assert result.neighbourhoods.created == 11
    assert region_count() == 0


@pytest.mark.django_db
def test_the_command_imports_and_reports_counts():
    out = _call("import_regions", str(SAMPLE), "--year", "2025", "--sample")
    assert "Gemeenten: 1 nieuw, 0 bijgewerkt" in out
    assert "Buurten: 11 nieuw, 0 bijgewerkt" in out
    assert Neighbourhood.objects.filter(is_sample=True, year=2025).count() == 11

    out = _call("import_regions", str(SAMPLE), "--year", "2025", "--sample")
    assert "Buurten: 0 nieuw, 11 bijgewerkt" in out


@pytest.mark.django_db
def test_the_command_dry_run_stores_nothing():
    out = _call("import_regions", str(SAMPLE), "--dry-run")
    assert "Proefrun" in out
    assert "Buurten: 11 nieuw, 0 bijgewerkt" in out
    assert region_count() == 0


@pytest.mark.django_db
def test_the_command_prints_each_error_and_fails(tmp_path, capsys):
    path = tmp_path / "fout.geojson"
    path.write_text(
        json.dumps(collection(buurt(code="BU12345"), buurt(code="BU99990201"))), encoding="utf-8"
    )
    with pytest.raises(CommandError, match="2 fout"):
        call_command("import_regions", str(path))
    err = capsys.readouterr().err
    assert "Object 1: de buurtcode BU12345 heeft niet 8 tekens na BU." in err
    assert "Object 2: de buurtcode BU99990201 hoort niet bij wijkcode WK999901" in err
    assert region_count() == 0


@pytest.mark.django_db
def test_the_command_exits_non_zero_on_errors(tmp_path):
    from django.core.management import ManagementUtility

    path = tmp_path / "fout.geojson"
    path.write_text("geen json", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        ManagementUtility(["manage.py", "import_regions", str(path)]).execute()
    assert exit_info.value.code == 1


def _call(*args):
    import io

    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("dry_run", [True, False])
def test_progress_is_reported_in_order(dry_run):
    """The admin's progress page reads these shares; they only go up and stay within 0–1."""
    shares = []
    result = import_regions(features=SAMPLE, year=2025, dry_run=dry_run, progress=shares.append)
    assert result.ok
    assert len(shares) >= 4 and shares == sorted(shares) and shares[0] >= 0 and shares[-1] <= 1
    assert Municipality.objects.exists() is not dry_run
