"""The Upload page's "How the columns were read", as data the analyst edits.

Each header gets a drop-down of what its column is (``ROLE_LABELS``); each table, its header rows
and its last data row. What the analyst changes becomes a ``Recipe``, and the file is read again
with it at once. A header chosen by hand can be remembered: it is added to the server's own
vocabulary when the file is saved, so the next file that uses it is read without help.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd

from readiness.i18n import N_, Translator
from readiness.ingest.headers import NOT_READY, ROW_NUMBER
from readiness.ingest.recipe import (
    GIRLS_PART,
    IGNORE,
    PERCENT,
    ROLES,
    ColumnChoice,
    Recipe,
    TableChoice,
)
from readiness.ingest.words import header_keys
from readiness.model import schema as s
from readiness.model.labels import FIELD_LABELS

ROLE_LABELS = {
    **{role: FIELD_LABELS[role] for role in ROLES if role in FIELD_LABELS},
    NOT_READY: N_("Not ready for school"),
    GIRLS_PART: N_("Of which girls"),
    PERCENT: N_("Percentage (checked against its counts)"),
    ROW_NUMBER: N_("Row number"),
    IGNORE: N_("Not read (ignore its numbers)"),
}
UNUSED = N_("not used")
FIELDS_TO_REMEMBER = {*s.COUNTS, NOT_READY, s.VILLAGE, s.MUNICIPALITY, s.YEAR, s.SEX}


def role_options(t: Translator) -> list[str]:
    return [t(ROLE_LABELS[role]) for role in ROLES]


def editor_frame(mapping: pd.DataFrame, t: Translator, remembered=()) -> pd.DataFrame:
    """One row per header that was read (not the boys worked out from totals): where, what it
    says, what it was read as, and a tick to remember it (ticked for ``remembered`` headers)."""
    read = mapping[mapping["how"] != "derived"].reset_index(drop=True)
    ticked = [any(k in remembered for k in header_keys(h)) for h in read["header"].fillna("")]
    return pd.DataFrame(
        {
            t("Sheet"): read["sheet"].astype("string"),
            t("Cell"): read["cell"].astype("string"),
            t("Header in the file"): read["header"].fillna("").astype("string"),
            t("Read as"): pd.Series([role_label(r, t) for r in read["field"]], dtype="string"),
            t("Remember this header"): pd.Series(ticked, dtype="bool"),
        }
    )


def role_label(role: object, t: Translator) -> str:
    """What a column was read as, in words ("not used" for a column nothing was read from)."""
    return t(ROLE_LABELS[role]) if role in ROLE_LABELS else t(UNUSED)


def _role(label: str, t: Translator) -> str | None:
    return next((role for role in ROLES if t(ROLE_LABELS[role]) == label), None)


def column_choices(edited: pd.DataFrame, shown: pd.DataFrame, t: Translator) -> list[ColumnChoice]:
    """The headers whose "Read as" the analyst changed, as choices."""
    read_as = t("Read as")
    changed = edited[read_as].astype("string") != shown[read_as].astype("string")
    return [
        ColumnChoice(row[t("Sheet")], row[t("Cell")], _role(row[read_as], t) or IGNORE)
        for _, row in edited[changed.to_numpy(dtype=bool)].iterrows()
    ]


def table_choice(
    sheet: str,
    asked: tuple[int, int, int, bool],
    now: TableChoice | None,
    pinned: TableChoice | None,
) -> TableChoice | None:
    """The analyst's header rows, last data row (counted from 1; 0: not set) and turn for a
    sheet as a choice, or None when they changed nothing there. The last data row the reader
    found is not pinned unless the analyst moved it (or had pinned it before): next year's file
    of the same layout may well have more villages."""
    first, last, end, transposed = asked
    if not first:
        return None
    found_end = now.last_row if now is not None else None
    last_row = end - 1 if end else None
    if last_row == found_end and (pinned is None or pinned.last_row != last_row):
        last_row = None
    chosen = TableChoice(sheet, first - 1, max(first, last) - 1, last_row, transposed)
    if pinned is not None:
        return None if chosen == pinned else chosen
    if now is not None and chosen == replace(now, last_row=None):
        return None
    return chosen


def recipe_from(
    previous: Recipe | None,
    columns: list[ColumnChoice],
    tables: list[TableChoice],
    source: str,
    today: dt.date | None = None,
) -> Recipe | None:
    """The analyst's choices as a recipe: the previous one's, then these (a later choice of a
    header wins); None when there is none."""
    kept = {(c.sheet, c.cell): c for c in (previous.columns if previous else ())}
    kept |= {(c.sheet, c.cell): c for c in columns}
    sheets = {t.sheet: t for t in (previous.tables if previous else ())} | {
        t.sheet: t for t in tables
    }
    if not kept and not sheets:
        return None
    when = (today or dt.date.today()).isoformat()
    return Recipe(tuple(sheets.values()), tuple(kept.values()), (), source, when)


def remembered(edited: pd.DataFrame, t: Translator) -> dict[str, tuple[str, str]]:
    """The ticked headers, as vocabulary: header (normalised) -> (field, as written)."""
    ticked = edited[edited[t("Remember this header")].fillna(False).astype(bool)]
    found = {}
    for _, row in ticked.iterrows():
        role, written = _role(row[t("Read as")], t), str(row[t("Header in the file")])
        keys = header_keys(written)
        if role in FIELDS_TO_REMEMBER and keys:
            found[keys[0]] = (role, written)
    return found


def matched_note(recipe: Recipe, t: Translator) -> str:
    """ "Read the way report_2024.xlsx was read on 3 March 2026.\""""
    from babel.dates import format_date

    when = dt.date.fromisoformat(recipe.made_on) if recipe.made_on else dt.date.today()
    return t(
        "Read the way {file} was read on {date}.",
        file=recipe.source or "—",
        date=format_date(when, "long", locale=t.lang),
    )
