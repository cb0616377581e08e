"""Reading CSV in the usual encodings and delimiters, and XLSX with dates, numbers and empty
rows, in a stream."""

import datetime
import io

import pytest

from kring.imports import reading

from .conftest import csv_bytes, xlsx_bytes

ROWS = [["Naam", "Adres"], ["José Müller", "Coöperatiestraat 1"], ["Zoë", "Één 2"]]


@pytest.mark.parametrize(
    ("content", "encoding"),
    [
        (csv_bytes(ROWS, encoding="utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + csv_bytes(ROWS, encoding="utf-8"), "utf-8-sig"),
        (csv_bytes(ROWS, encoding="cp1252"), "cp1252"),
    ],
)
def test_encodings(content, encoding):
    binary = io.BytesIO(content)
    info = reading.inspect(binary, "b.csv")
    assert info.encoding == encoding
    assert info.header == ["Naam", "Adres"]
    assert [cells for _, cells in reading.rows(binary, info)] == ROWS[1:]


def test_a_windows_byte_far_into_the_file_still_means_windows_1252():
    rows = [["Naam"]] + [["Jan"]] * 20_000 + [["Renée"]]
    binary = io.BytesIO(csv_bytes(rows, encoding="cp1252"))
    info = reading.inspect(binary, "b.csv")
    assert info.encoding == "cp1252"
    assert list(reading.rows(binary, info))[-1][1] == ["Renée"]


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_delimiters(delimiter):
    binary = io.BytesIO(
        csv_bytes([["Naam", "E-mail"], ["Piet, de Vries", "p@example.nl"]], delimiter=delimiter)
    )
    info = reading.inspect(binary, "b.csv")
    assert info.delimiter == delimiter
    assert list(reading.rows(binary, info)) == [(2, ["Piet, de Vries", "p@example.nl"])]


def test_row_numbers_count_empty_rows_and_multi_line_cells():
    content = b'Naam;Toelichting\r\nA;een\r\n;\r\n\r\nB;"twee\r\nregels"\r\nC;drie\r\n'
    binary = io.BytesIO(content)
    info = reading.inspect(binary, "b.csv")
    assert [(n, c[0]) for n, c in reading.rows(binary, info)] == [(2, "A"), (6, "B"), (7, "C")]


def test_xlsx_dates_numbers_and_empty_rows():
    content = xlsx_bytes(
        [
            ["Naam", "Telefoon", "Toestemming gegeven op", "Breedtegraad"],
            ["Piet", 612345678, datetime.datetime(2026, 11, 2), 51.917],
            [None, None, None, None],
            ["Ans", "06-1", datetime.date(2026, 1, 5), 4],
        ]
    )
    binary = io.BytesIO(content)
    info = reading.inspect(binary, "b.xlsx")
    assert info.file_format == "xlsx"
    assert list(reading.rows(binary, info)) == [
        (2, ["Piet", "612345678", "2026-11-02", "51.917"]),
        (4, ["Ans", "06-1", "2026-01-05", "4"]),
    ]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "leeg.csv", "leeg"),
        (b"\r\n\r\n", "leeg.csv", "leeg"),
        (b"\x00\x01\x02", "iets.csv", "geen tekstbestand"),
        (b"PK\x03\x04stuk", "stuk.xlsx", "niet te lezen"),
        (b"Naam;Adres", "oud.xls", "geen Excel-bestand"),
    ],
)
def test_unreadable_files_have_a_dutch_reason(content, name, message):
    with pytest.raises(reading.UnreadableFile, match=message):
        reading.inspect(io.BytesIO(content), name)


def test_a_header_without_end_is_read_in_part_and_a_huge_cell_is_refused():
    binary = io.BytesIO(b"Naam;" + b"x" * 200_000)
    info = reading.inspect(binary, "lang.csv")
    assert info.header[0] == "Naam" and len(info.header[1]) == 100
    binary = io.BytesIO(b'Naam\n"' + b"y" * 200_000 + b'"\n')
    info = reading.inspect(binary, "lang.csv")
    with pytest.raises(reading.UnreadableFile, match="niet goed te lezen"):
        list(reading.rows(binary, info))
