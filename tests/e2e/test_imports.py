"""Done means: a buurtmaker imports an XLSX with a bad row; the import stops, names the row
and the reason and stores nothing; the fixed file imports. Every page passes axe."""

import io

import pytest
from openpyxl import Workbook

from kring.assets.models import Asset
from kring.communities.models import Role
from tests import factories

from .conftest import check_accessibility, screenshot


@pytest.fixture
def builder(transactional_db):
    municipality = factories.MunicipalityFactory(code="GM9999", name="Kringstad")
    district = factories.DistrictFactory(
        municipality=municipality, code="WK999901", name="Havenkwartier"
    )
    buurt = factories.NeighbourhoodFactory(district=district, code="BU99990101", name="Kadebuurt")
    collective = factories.CollectiveFactory(
        name="Havenkwartier Coöperatie", slug="havenkwartier", municipality=municipality
    )
    collective.working_area.add(buurt)
    user = factories.UserFactory(email="buurtmaker@example.org", name="Bea Buurtmaker")
    factories.MembershipFactory(user=user, collective=collective, role=Role.BUILDER)
    return user


def gifts_xlsx(path, bad: bool) -> None:
    workbook = Workbook()
    sheet = workbook.active
    header = [
        "Naam",
        "E-mail",
        "Soort",
        "Gave",
        "Toestemming",
        "Datum toestemming",
        "Hoe toestemming",
    ]
    sheet.append(header)
    sheet.append(
        [
            "Samira Bakker",
            "samira@example.nl",
            "handen",
            "fietsen repareren",
            "inventaris",
            "2026-11-02",
            "papier",
        ]
    )
    sheet.append(
        ["Samira Bakker", "samira@example.nl", "hart", "ouderen bezoeken", None, None, None]
    )
    for i in range(4):
        sheet.append(
            [
                f"Bewoner {i}",
                f"b{i}@example.nl",
                "hoofd",
                f"weet veel van {i}",
                "inventaris",
                "2026-11-01",
                "mondeling",
            ]
        )
    # Row 8: a broken e-mail address and a kind that does not exist, or both right.
    email, kind = ("kees@", "voeten") if bad else ("kees@example.nl", "hoofd")
    sheet.append(
        [
            "Kees Smit",
            email,
            kind,
            "geschiedenis van de haven",
            "inventaris",
            "2026-11-01",
            "papier",
        ]
    )
    out = io.BytesIO()
    workbook.save(out)
    path.write_bytes(out.getvalue())


def test_import_with_a_bad_row_stores_nothing_then_the_fixed_file_imports(
    live_server, desktop, builder, tmp_path
):
    page = desktop
    page.goto(live_server.url + "/login/")
    page.get_by_label("E-mailadres").fill("buurtmaker@example.org")
    page.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Wat is er al in de buurt").wait_for()

    page.get_by_role("link", name="Bewoners", exact=True).click()
    page.get_by_role("link", name="Importeren uit een bestand").click()
    page.get_by_role("heading", name="Importeren uit een bestand").wait_for()
    check_accessibility(page, "import start")
    screenshot(page, "import-start")

    bad = tmp_path / "gaven.xlsx"
    gifts_xlsx(bad, bad=True)
    page.get_by_label("Gaven van bewoners").check()
    page.get_by_label("Bestand").set_input_files(str(bad))
    page.get_by_role("button", name="Verder: kolommen kiezen").click()

    page.get_by_role("heading", name="Welke kolom is wat?").wait_for()
    check_accessibility(page, "mapping")
    # Kring guessed every column from the Dutch names.
    assert page.get_by_label("Hoofd, handen of hart").input_value() == "2"
    assert page.get_by_label("E-mail bewoner").input_value() == "1"
    screenshot(page, "import-mapping")
    page.get_by_role("button", name="Verder: controleren").click()

    page.get_by_role("heading", name="Controleren voor het importeren").wait_for()
    check_accessibility(page, "preview with errors")
    screenshot(page, "import-preview-errors")
    summary = page.locator(".error-summary")
    assert "Rij 8, kolom ‘E-mail’: ‘kees@’ is geen e-mailadres." in summary.inner_text()
    assert "Rij 8, kolom ‘Soort’: ‘voeten’ kennen we niet." in summary.inner_text()
    assert page.get_by_role("button", name="Importeer").count() == 0
    assert Asset.objects.count() == 0

    # Fix the file and upload it again.
    good = tmp_path / "gaven-verbeterd.xlsx"
    gifts_xlsx(good, bad=False)
    page.goto(live_server.url + "/c/havenkwartier/import/")
    page.get_by_label("Gaven van bewoners").check()
    page.get_by_label("Bestand").set_input_files(str(good))
    page.get_by_role("button", name="Verder: kolommen kiezen").click()
    page.get_by_role("button", name="Verder: controleren").click()
    page.get_by_text("Alle 7 rijen zijn gecontroleerd: geen fouten.").wait_for()
    check_accessibility(page, "preview")
    screenshot(page, "import-preview")
    page.get_by_role("button", name="Importeer 7 rijen").click()
    page.get_by_text("Klaar: alles is opgeslagen.").wait_for()
    check_accessibility(page, "result")
    screenshot(page, "import-done")
    assert Asset.objects.count() == 7
    page.get_by_role("link", name="Naar de krachten").click()
    page.goto(live_server.url + "/c/havenkwartier/import/")
    assert page.get_by_role("cell", name="klaar: alles is opgeslagen").count() == 1
