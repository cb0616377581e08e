"""Reading an uploaded table row by row, never the whole file at once: CSV in UTF-8 (with or
without BOM) or Windows-1252 with ``;``, ``,`` or tab between the columns, and XLSX through
openpyxl's read-only (streaming) mode. Every value comes out as text, the way a person typed
it; dates and numbers from a spreadsheet are written the way the template asks for them."""

import codecs
import csv
import datetime
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

SNIFF_BYTES = 64 * 1024
CHUNK_BYTES = 1024 * 1024
MAX_COLUMNS = 200
MAX_CELL = 10_000


class UnreadableFile(Exception):
    """The file is not a table Kring can read; the message is for the user (Dutch)."""


@dataclass(frozen=True)
class FileInfo:
    file_format: str
    encoding: str
    delimiter: str
    header: list[str]


def detect_encoding(binary) -> str:
    """'utf-8-sig', 'utf-8' or 'cp1252'. The whole file is decoded as UTF-8 in chunks (fast,
    no copy kept): a single invalid byte anywhere means it was saved as Windows-1252, the
    encoding Excel on Windows uses for 'CSV (gescheiden door lijstscheidingsteken)'."""
    binary.seek(0)
    start = binary.read(3)
    if start == codecs.BOM_UTF8:
        return "utf-8-sig"
    binary.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := binary.read(CHUNK_BYTES):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    finally:
        binary.seek(0)
    return "utf-8"


def detect_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _open_text(binary, encoding: str):
    binary.seek(0)
    # cp1252 leaves five bytes undefined; replace them rather than stop on them.
    return io.TextIOWrapper(binary, encoding=encoding, errors="replace", newline="")


def _is_xlsx(binary) -> bool:
    binary.seek(0)
    signature = binary.read(4)
    binary.seek(0)
    return signature == b"PK\x03\x04"


def inspect(binary, name: str = "") -> FileInfo:
    """Which kind of table this is and its header row; raises UnreadableFile."""
    if _is_xlsx(binary):
        rows = _xlsx_rows(binary)
        try:
            header = next(rows, None)
        finally:
            rows.close()
        if header is None:
            raise UnreadableFile(_("Het bestand is leeg. Zet de kolomnamen in de eerste rij."))
        return FileInfo("xlsx", "", "", _header(header[1]))
    if name.lower().endswith((".xlsx", ".xls", ".ods")):
        raise UnreadableFile(
            _("Dit is geen Excel-bestand (XLSX) dat Kring kan lezen. Sla het op als XLSX of CSV.")
        )
    sample = binary.read(SNIFF_BYTES)
    binary.seek(0)
    if b"\x00" in sample:
        raise UnreadableFile(_("Dit is geen tekstbestand (CSV). Kies een CSV- of XLSX-bestand."))
    encoding = detect_encoding(binary)
    text = _open_text(binary, encoding)
    try:
        first = text.readline(SNIFF_BYTES)
    finally:
        text.detach()
    if not first.strip():
        raise UnreadableFile(_("Het bestand is leeg. Zet de kolomnamen in de eerste rij."))
    delimiter = detect_delimiter(first)
    try:
        header = next(csv.reader([first], delimiter=delimiter), [])
    except csv.Error:
        raise UnreadableFile(
            _("De eerste rij is niet te lezen. Zet de kolomnamen in de eerste rij.")
        ) from None
    return FileInfo("csv", encoding, delimiter, _header(header))


def _header(cells) -> list[str]:
    header = [_text(c).strip() for c in cells][:MAX_COLUMNS]
    while header and not header[-1]:
        header.pop()
    if not any(header):
        raise UnreadableFile(_("De eerste rij is leeg. Zet de kolomnamen in de eerste rij."))
    return [h[:100] for h in header]


def rows(binary, info: FileInfo) -> Iterator[tuple[int, list[str]]]:
    """(row number as the spreadsheet shows it, cells as text) for every non-empty row after
    the header. The caller must exhaust or close the iterator."""
    if info.file_format == "xlsx":
        iterator = _xlsx_rows(binary)
        try:
            next(iterator, None)  # the header
            for number, cells in iterator:
                values = [_text(c) for c in cells[:MAX_COLUMNS]]
                if any(v.strip() for v in values):
                    yield number, values
        finally:
            iterator.close()
        return
    text = _open_text(binary, info.encoding)
    try:
        reader = csv.reader(text, delimiter=info.delimiter)
        next(reader, None)
        for values in reader:
            # A row of empty or blank cells only is no row (the joined cells are blank then).
            if not "".join(values).strip():
                continue
            if len(values) > MAX_COLUMNS:
                values = values[:MAX_COLUMNS]
            if max(map(len, values)) > MAX_CELL:
                values = [v[:MAX_CELL] for v in values]
            # A quoted cell may span lines: the spreadsheet row is the reader's line count.
            yield reader.line_num, values
    except csv.Error as error:
        raise UnreadableFile(
            _("Het bestand is niet goed te lezen rond rij %(row)s: %(reason)s")
            % {"row": reader.line_num, "reason": error}
        ) from None
    finally:
        text.detach()


def count_rows(binary, info: FileInfo) -> int:
    """Rows after the header (empty rows not counted), read once in a stream."""
    return sum(1 for _ in rows(binary, info))


def _xlsx_rows(binary) -> Iterator[tuple[int, tuple]]:
    from openpyxl import load_workbook

    binary.seek(0)
    try:
        workbook = load_workbook(binary, read_only=True, data_only=True)
    except Exception as error:  # any file openpyxl cannot open is, to the user, unreadable
        raise UnreadableFile(
            _("Dit Excel-bestand is niet te lezen. Sla het opnieuw op als XLSX of CSV.")
        ) from error
    try:
        sheet = workbook.worksheets[0]
        yield from enumerate(sheet.iter_rows(values_only=True), start=1)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, AttributeError) as error:
        raise UnreadableFile(
            _("Dit Excel-bestand is niet te lezen. Sla het opnieuw op als XLSX of CSV.")
        ) from error
    finally:
        workbook.close()


def _text(value) -> str:
    """A cell as the text a person would have typed (dates as 2026-11-25, whole numbers
    without '.0', so phone numbers and CBS codes stay intact)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return str(value)[:MAX_CELL]
