import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kring.imports import services
from kring.imports.models import ImportJob

from .. import factories


def csv_bytes(rows, *, delimiter=";", encoding="utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(access, kind, content: bytes, name="bestand.csv") -> ImportJob:
    return services.upload(access=access, kind=kind, uploaded=SimpleUploadedFile(name, content))


@pytest.fixture
def builder_access(bob, collective, access_for):
    return access_for(bob, collective)


@pytest.fixture
def known_resident(collective, neighbourhood):
    resident = factories.ResidentFactory(
        collective=collective, name="Fatima Bouali", email="fatima@example.nl", phone="06-12345678"
    )
    factories.ConsentFactory(resident=resident, purpose="inventaris")
    return resident


GIFT_HEADER = ["Naam bewoner", "E-mail bewoner", "Hoofd, handen of hart", "Gave", "Labels"]
