"""Writing canonical frames as a plain long workbook that people can read and the loader reads back.

The headers are the first word of each field in the word catalogue, in the chosen language, so the
written file and the loader can never disagree about what a column is called.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from readiness import escape
from readiness.i18n import list_separator
from readiness.ingest.words import words
from readiness.model import schema as s
from readiness.model.places import registry

DATA_FIELDS = (s.MUNICIPALITY, s.VILLAGE, s.YEAR, s.SEX, *s.COUNTS)
VILLAGE_FIELDS = (s.VILLAGE, s.MUNICIPALITY, s.DISTRICT, s.IN_PROJECT, s.PROJECT_START)
FIXED_TIME = dt.datetime(2026, 1, 1)  # file properties do not change from one run to the next
_HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")


def header(field: str, lang: str) -> str:
    return words().first[field][lang]


def school_year_text(year: int) -> str:
    return f"{year}-{year + 1}"


def data_row(row: pd.Series, lang: str, sink=escape.xlsx) -> list[object]:
    """One observation as the written file shows it, each value passed through ``sink``
    (``escape.xlsx`` or ``escape.csv``), so that no text runs as a formula."""
    return [sink(value) for value in _data_values(row, lang)]


def _data_values(row: pd.Series, lang: str) -> list[object]:
    places = registry()
    return [
        places.municipality_name(row[s.MUNICIPALITY], lang)
        if pd.notna(row[s.MUNICIPALITY])
        else None,
        places.village_name(row[s.VILLAGE], lang),
        school_year_text(int(row[s.YEAR])),
        header(row[s.SEX], lang),
        *(None if pd.isna(row[c]) else int(row[c]) for c in s.COUNTS),
    ]


def _village_row(row: pd.Series, lang: str) -> list[object]:
    places = registry()
    start = row[s.PROJECT_START]
    return [
        escape.xlsx(value)
        for value in (
            places.village_name(row[s.VILLAGE], lang),
            places.municipality_name(row[s.MUNICIPALITY], lang)
            if pd.notna(row[s.MUNICIPALITY])
            else None,
            row[s.DISTRICT] if pd.notna(row[s.DISTRICT]) else None,
            None
            if pd.isna(row[s.IN_PROJECT])
            else header("yes" if row[s.IN_PROJECT] else "no", lang),
            None if pd.isna(start) else school_year_text(int(start)),
        )
    ]


def _write_sheet(sheet, title: str, headers: Sequence[str], rows: list[list[object]], lang: str):
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    sheet.append(list(headers))
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append([header("missing", lang) if value is None else value for value in row])
    for index, text in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(len(text) + 2, 32))
    sheet.freeze_panes = "A4"


def write_workbook(
    observations: pd.DataFrame,
    villages: pd.DataFrame,
    path: Path | BinaryIO,
    *,
    lang: str,
    titles: dict[str, str],
    notes: Sequence[str] = (),
) -> None:
    """A workbook with a data sheet (one row per village, year and sex), a villages sheet and,
    when ``notes`` are given, a sheet of notes. ``titles`` holds "data", "villages", "notes"
    and the sheet names "data_sheet", "villages_sheet", "notes_sheet"."""
    book = Workbook()
    data_sheet = book.active
    data_sheet.title = titles["data_sheet"]
    data_rows = [data_row(row, lang) for _, row in observations.iterrows()]
    headers = [header(f, lang) for f in DATA_FIELDS]
    _write_sheet(data_sheet, titles["data"], headers, data_rows, lang)
    village_rows = [_village_row(row, lang) for _, row in villages.iterrows()]
    headers = [header(f, lang) for f in VILLAGE_FIELDS]
    villages_sheet = book.create_sheet(titles["villages_sheet"])
    _write_sheet(villages_sheet, titles["villages"], headers, village_rows, lang)
    if notes:
        notes_sheet = book.create_sheet(titles["notes_sheet"])
        for line in notes:
            notes_sheet.append([line])
    book.properties.created = book.properties.modified = FIXED_TIME
    book.save(path)


def export_titles(t) -> dict[str, str]:
    return {
        "data": t("Children by village, school year and sex"),
        "villages": t("Villages"),
        "data_sheet": t("Data"),
        "villages_sheet": t("Villages"),
        "notes_sheet": t("Notes"),
    }


def data_workbook(observations: pd.DataFrame, villages: pd.DataFrame, t) -> bytes:
    """The data as an .xlsx in the language of ``t`` (a Translator), that the loader reads back."""
    buffer = io.BytesIO()
    write_workbook(observations, villages, buffer, lang=t.lang, titles=export_titles(t))
    return buffer.getvalue()


def data_csv(observations: pd.DataFrame, lang: str) -> bytes:
    """The data as .csv (UTF-8 with a byte-order mark, so that Excel shows Cyrillic), one row per
    village, school year and sex; missing counts left empty. The separator is the one Excel
    expects in the language's locale (a semicolon in Kyrgyz and Russian, where the comma is the
    decimal mark). Every text field is quoted and made safe by ``escape.csv``, so that no cell
    starts a formula whatever separator a spreadsheet program splits it on."""
    buffer = io.StringIO()
    writer = csv.writer(
        buffer,
        delimiter=list_separator(lang),
        lineterminator="\r\n",
        quoting=csv.QUOTE_NONNUMERIC,
    )
    writer.writerow([escape.csv(header(f, lang)) for f in DATA_FIELDS])
    writer.writerows(data_row(row, lang, escape.csv) for _, row in observations.iterrows())
    return buffer.getvalue().encode("utf-8-sig")
