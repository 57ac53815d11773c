"""Frames made for people to read: translated headers, place names and labels; counts as numbers."""

from __future__ import annotations

import pandas as pd

from readiness import LoadResult, escape
from readiness.i18n import MISSING, Translator
from readiness.model import schema as s
from readiness.model.labels import SEX_LABELS, field_label
from readiness.model.places import Registry
from readiness.store import Version
from readiness.views.history import version_label
from readiness.views.mapping import role_label


def _names(values: pd.Series, name_of) -> pd.Series:
    return values.map(lambda key: None if pd.isna(key) else name_of(key)).astype("string")


def observations_table(obs: pd.DataFrame, t: Translator, places: Registry) -> pd.DataFrame:
    table = pd.DataFrame(
        {
            s.MUNICIPALITY: _names(
                obs[s.MUNICIPALITY], lambda k: places.municipality_name(k, t.lang)
            ),
            s.VILLAGE: _names(obs[s.VILLAGE], lambda k: places.village_name(k, t.lang)),
            s.YEAR: obs[s.YEAR].map(t.school_year).astype("string"),
            s.SEX: obs[s.SEX].map(lambda sex: t(SEX_LABELS[sex])).astype("string"),
            **{c: obs[c].map(t.number, na_action=None).astype("string") for c in s.COUNTS},
        }
    )
    return table.rename(columns=lambda c: field_label(t, c))


def villages_table(villages: pd.DataFrame, t: Translator, places: Registry) -> pd.DataFrame:
    yes_no = {True: t("Yes"), False: t("No")}
    table = pd.DataFrame(
        {
            s.VILLAGE: _names(villages[s.VILLAGE], lambda k: places.village_name(k, t.lang)),
            s.MUNICIPALITY: _names(
                villages[s.MUNICIPALITY], lambda k: places.municipality_name(k, t.lang)
            ),
            s.IN_PROJECT: villages[s.IN_PROJECT].map(yes_no).fillna(MISSING).astype("string"),
            s.PROJECT_START: villages[s.PROJECT_START].map(t.school_year).astype("string"),
            s.SPELLINGS: villages[s.SPELLINGS].fillna(""),
        }
    )
    return table.rename(columns=lambda c: field_label(t, c))


def problems_note(data: LoadResult, t: Translator) -> str:
    """One sentence on what was loaded and how many problems the loader found."""
    years = data.observations[s.YEAR]
    return t(
        "Villages: {villages}; school years {first} to {last}; errors in the file: {errors}; "
        "warnings: {warnings}.",
        villages=t.number(data.villages[s.VILLAGE].nunique()),
        first=t.school_year(years.min()) if len(years) else "—",
        last=t.school_year(years.max()) if len(years) else "—",
        errors=t.number(len(data.errors)),
        warnings=t.number(len(data.warnings)),
    )


def caption(version: Version, data: LoadResult, t: Translator) -> str:
    """The line under the title: which version this is, and what was loaded."""
    return escape.markdown(version_label(version, t)) + " · " + problems_note(data, t)


def mapping_table(mapping: pd.DataFrame, t: Translator) -> pd.DataFrame:
    """Which column of the file became which figure, for the analyst to check."""
    worked_out = " — " + t("worked out: total − girls")
    read_as = pd.Series(
        [
            role_label(role, t) + (worked_out if how == "derived" else "")
            for role, how in zip(mapping["field"], mapping["how"], strict=True)
        ],
        index=mapping.index,
        dtype="string",
    )
    return (
        pd.DataFrame(
            {
                t("Sheet"): mapping["sheet"],
                t("Cell"): mapping["cell"],
                t("Header in the file"): mapping["header"],
                t("Read as"): read_as,
                field_label(t, s.YEAR): mapping["year"].map(t.school_year, na_action="ignore"),
                field_label(t, s.SEX): mapping["sex"].map(
                    lambda sex: t(SEX_LABELS[sex]), na_action="ignore"
                ),
            }
        )
        .astype("string")
        .fillna("")
    )
