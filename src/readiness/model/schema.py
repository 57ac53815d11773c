"""The canonical data model of DOMAIN.md as code: column names, dtypes and consistency rules.

Every spreadsheet is turned into two frames:

* ``observations``: one row per village, school year and sex, with four counts;
* ``villages``: one row per village, with its place in the country and its project status.

The rules below are the single source of truth for what a consistent frame is: the loader turns each
rule's failing rows into problems, and the pandera schemas built from them validate finished frames.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pandera.pandas as pa

# --- observations ---------------------------------------------------------------------------------
MUNICIPALITY = "municipality"
VILLAGE = "village"
YEAR = "year"
SEX = "sex"
CHILDREN = "children_3_6"
ENROLLED = "enrolled_3_6"
ENTRANTS = "grade1_entrants"
READY = "grade1_ready"

COUNTS = (CHILDREN, ENROLLED, ENTRANTS, READY)
KEYS = (VILLAGE, YEAR, SEX)
OBSERVATION_COLUMNS = (MUNICIPALITY, VILLAGE, YEAR, SEX, *COUNTS)

TOTAL = "total"
GIRLS = "girls"
BOYS = "boys"
SEXES = (TOTAL, GIRLS, BOYS)

OBSERVATION_DTYPES = {
    MUNICIPALITY: "string",
    VILLAGE: "string",
    YEAR: "int64",
    SEX: "string",
    **dict.fromkeys(COUNTS, "Int64"),
}

# --- villages -------------------------------------------------------------------------------------
DISTRICT = "district"
IN_PROJECT = "in_project"
PROJECT_START = "project_start_year"
LATITUDE = "latitude"
LONGITUDE = "longitude"
SPELLINGS = "spellings"
SPELLING_SEPARATOR = " | "

VILLAGE_COLUMNS = (
    VILLAGE,
    MUNICIPALITY,
    DISTRICT,
    IN_PROJECT,
    PROJECT_START,
    LATITUDE,
    LONGITUDE,
    SPELLINGS,
)
VILLAGE_DTYPES = {
    VILLAGE: "string",
    MUNICIPALITY: "string",
    DISTRICT: "string",
    IN_PROJECT: "boolean",
    PROJECT_START: "Int64",
    LATITUDE: "Float64",
    LONGITUDE: "Float64",
    SPELLINGS: "string",
}

# --- derived measures -----------------------------------------------------------------------------
COVERAGE = "coverage"
READINESS = "readiness"
NOT_READY = "not_ready"
# What each measure is made of, and is called: ``model.measures``.

FIRST_YEAR = 2000
NAME_MAX = 100  # characters in a village, municipality or district name
COUNT_MAX = 2**31 - 1  # the largest count the database stores (a 32-bit integer)


def last_year(today: dt.date | None = None) -> int:
    """The latest school year a file may hold: the one that starts next calendar year."""
    return (today or dt.date.today()).year + 1


def empty_observations() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in OBSERVATION_DTYPES.items()})


def empty_villages() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in VILLAGE_DTYPES.items()})


# --- consistency rules ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Rule:
    """One consistency rule: ``failing(frame)`` marks the rows that break it, blaming ``column``."""

    code: str
    column: str
    failing: Callable[[pd.DataFrame], pd.Series]


def _negative(column: str) -> Callable[[pd.DataFrame], pd.Series]:
    return lambda df: (df[column] < 0).fillna(False)


def _exceeds(part: str, whole: str) -> Callable[[pd.DataFrame], pd.Series]:
    return lambda df: (df[part] > df[whole]).fillna(False)


CODES = "_village_year"  # a column rule_violations adds so that the rules share one grouping
SEX_CODES = "_sex"  # and one reading of the sex column


def village_year_codes(df: pd.DataFrame) -> np.ndarray:
    """An integer per (village, year) pair, equal for equal pairs: a fast grouping key."""
    if CODES in df:
        return df[CODES].to_numpy()
    villages, _ = pd.factorize(df[VILLAGE])
    years = df[YEAR].to_numpy(dtype="int64", na_value=0)
    span = int(years.max() - years.min() + 1) if len(years) else 1
    return villages.astype("int64") * span + (years - (years.min() if len(years) else 0))


def sex_mask(df: pd.DataFrame, sex: str) -> np.ndarray:
    return sex_codes(df) == SEXES.index(sex)


def sex_codes(df: pd.DataFrame) -> np.ndarray:
    """0 for total, 1 for girls, 2 for boys, 3 for anything else (the distinct values are
    compared, not every row)."""
    if SEX_CODES in df:
        return df[SEX_CODES].to_numpy()
    codes, uniques = pd.factorize(df[SEX])  # a missing sex is -1: the last entry below
    known = [SEXES.index(u) if u in SEXES else len(SEXES) for u in uniques]
    return np.array([*known, len(SEXES)], dtype=np.int64)[codes]


def canonical_order(frame: pd.DataFrame) -> pd.DataFrame:
    """Sorted by village, school year, then total, girls, boys; the index renumbered."""
    villages, _ = pd.factorize(frame[VILLAGE], sort=True)
    order = np.lexsort((sex_codes(frame), frame[YEAR].to_numpy(dtype="int64"), villages))
    return frame.iloc[order].reset_index(drop=True)


def _sex_sum_differs(column: str) -> Callable[[pd.DataFrame], pd.Series]:
    """Marks "total" rows whose count differs from girls + boys, where all three are given."""

    def failing(df: pd.DataFrame) -> pd.Series:
        codes = village_year_codes(df)
        values = df[column].to_numpy(dtype="float64", na_value=np.nan)
        by_sex = {}
        for sex in (GIRLS, BOYS):
            part = np.full(codes.max() + 1 if len(codes) else 0, np.nan)
            chosen = sex_mask(df, sex)
            part[codes[chosen][::-1]] = values[chosen][::-1]  # the first row wins
            by_sex[sex] = part[codes]
        differs = by_sex[GIRLS] + by_sex[BOYS] != values  # NaN anywhere compares unequal...
        known = ~np.isnan(by_sex[GIRLS] + by_sex[BOYS] + values)  # ...so keep complete rows only
        return pd.Series(differs & known & sex_mask(df, TOTAL), index=df.index)

    return failing


def _year_outside(df: pd.DataFrame) -> pd.Series:
    return ~df[YEAR].between(FIRST_YEAR, last_year())


def _duplicated(df: pd.DataFrame) -> pd.Series:
    keys = village_year_codes(df) * (len(SEXES) + 1) + sex_codes(df)
    return pd.Series(pd.Series(keys).duplicated(keep="first").to_numpy(), index=df.index)


def _too_large(column: str) -> Callable[[pd.DataFrame], pd.Series]:
    return lambda df: (df[column] > COUNT_MAX).fillna(False)


OBSERVATION_RULES: tuple[Rule, ...] = (
    *(Rule("negative_count", c, _negative(c)) for c in COUNTS),
    *(Rule("count_too_large", c, _too_large(c)) for c in COUNTS),
    Rule("enrolled_gt_children", ENROLLED, _exceeds(ENROLLED, CHILDREN)),
    Rule("ready_gt_entrants", READY, _exceeds(READY, ENTRANTS)),
    *(Rule("sex_sum_mismatch", c, _sex_sum_differs(c)) for c in COUNTS),
    Rule("year_out_of_range", YEAR, _year_outside),
    Rule("duplicate_row", VILLAGE, _duplicated),
)


VILLAGE_RULES: tuple[Rule, ...] = (
    Rule(
        "project_without_start",
        PROJECT_START,
        lambda df: (df[IN_PROJECT] & df[PROJECT_START].isna()).fillna(False),
    ),
)


def rule_violations(
    frame: pd.DataFrame, rules: tuple[Rule, ...] = OBSERVATION_RULES
) -> list[tuple[Rule, object]]:
    """Every (rule, row label) pair where a canonical frame breaks one of ``rules``."""
    found = []
    if VILLAGE in frame and YEAR in frame and len(frame):
        frame = frame.assign(**{CODES: village_year_codes(frame)})
    if SEX in frame and len(frame):
        frame = frame.assign(**{SEX_CODES: sex_codes(frame)})
    for rule in rules:
        mask = rule.failing(frame)
        found.extend((rule, label) for label in frame.index[mask.to_numpy(dtype=bool)])
    return found


# --- pandera contracts ----------------------------------------------------------------------------
def _as_check(rule: Rule) -> pa.Check:
    return pa.Check(lambda df: ~rule.failing(df), error=rule.code)


def observations_schema() -> pa.DataFrameSchema:
    """A canonical, consistent ``observations`` frame: structure and every rule above."""
    count = dict(dtype="Int64", nullable=True)
    return pa.DataFrameSchema(
        {
            MUNICIPALITY: pa.Column("string", nullable=True),
            VILLAGE: pa.Column("string", pa.Check.str_length(min_value=1)),
            YEAR: pa.Column("int64"),
            SEX: pa.Column("string", pa.Check.isin(SEXES)),
            **{c: pa.Column(**count) for c in COUNTS},
        },
        checks=[_as_check(rule) for rule in OBSERVATION_RULES],
        strict=True,
        ordered=True,
    )


def villages_schema() -> pa.DataFrameSchema:
    """A canonical ``villages`` frame: one row per village; a project village has a start year."""
    return pa.DataFrameSchema(
        {
            VILLAGE: pa.Column("string", pa.Check.str_length(min_value=1), unique=True),
            MUNICIPALITY: pa.Column("string", nullable=True),
            DISTRICT: pa.Column("string", nullable=True),
            IN_PROJECT: pa.Column("boolean", nullable=True),
            PROJECT_START: pa.Column(
                "Int64", pa.Check.in_range(FIRST_YEAR, last_year()), nullable=True
            ),
            LATITUDE: pa.Column("Float64", pa.Check.in_range(-90, 90), nullable=True),
            LONGITUDE: pa.Column("Float64", pa.Check.in_range(-180, 180), nullable=True),
            SPELLINGS: pa.Column("string", nullable=True),
        },
        checks=[_as_check(rule) for rule in VILLAGE_RULES],
        strict=True,
        ordered=True,
    )
