"""Files to download: tables as .xlsx, numbers as numbers with their number format, and text
that Excel can never run as a formula."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from readiness import escape


def _cell(value: object) -> object:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        value = value.item()
    return escape.xlsx(value)


def table_workbook(
    table: pd.DataFrame, sheet: str, title: str, formats: dict[str, str] | None = None
) -> bytes:
    """One sheet: a title line, the header row, then the rows, every text cell made safe. A
    column named in ``formats`` holds numbers shown with that number format
    (``readiness.number_formats``)."""
    formats = formats or {}
    book = Workbook()
    worksheet = book.active
    worksheet.title = sheet[:31]
    worksheet.append([escape.xlsx(title)])
    worksheet["A1"].font = Font(bold=True, size=13)
    worksheet.append([escape.xlsx(str(c)) for c in table.columns])
    for cell in worksheet[2]:
        cell.font = Font(bold=True)
    for row in table.itertuples(index=False):
        worksheet.append([_cell(v) for v in row])
    for index, column in enumerate(table.columns, start=1):
        _format_column(worksheet, index, formats.get(column))
        longest = 12 if column in formats else max(map(len, map(str, table[column])), default=0)
        width = min(60, max(10, len(str(column)), longest) + 2)
        worksheet.column_dimensions[get_column_letter(index)].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _format_column(worksheet, index: int, number_format: str | None) -> None:
    if number_format is None:
        return
    for (cell,) in worksheet.iter_rows(min_row=3, min_col=index, max_col=index):
        cell.number_format = number_format
