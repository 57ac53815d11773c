"""The canonical ``villages`` frame: every village seen in the file, with what is known of it.

A villages sheet in the file gives project status, start year, municipality and coordinates; the
registry (data/villages.csv) fills in the municipality, district and coordinates it does not give.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from readiness.ingest.values import is_blank
from readiness.ingest.village_rows import SHEET_FIELDS
from readiness.model import schema as s
from readiness.model.places import Registry
from readiness.model.problems import Code, Problem, error, warning


def _known(rows: list[dict[str, object]], registry: Registry) -> tuple[pd.DataFrame, list[Problem]]:
    """The villages sheet's rows keyed by village, with a warning for each unknown name."""
    problems = []
    for row in rows:
        written, where = row["village_raw"], (row["sheet"], row["cell"])
        found = registry.find_village(written)
        if found.key is None:
            problems.append(warning(Code.UNKNOWN_VILLAGE, *where, value=written))
        elif not found.exact:
            problems.append(warning(Code.CLOSE_VILLAGE, *where, value=written, village=found.key))
        row[s.VILLAGE] = found.key or written
        municipality = row[s.MUNICIPALITY]
        if not is_blank(municipality):
            row[s.MUNICIPALITY] = registry.match_municipality(municipality) or str(municipality)
    columns = [s.VILLAGE, "village_raw", "sheet", "cell", "filled", *SHEET_FIELDS]
    frame = pd.DataFrame(rows, columns=columns).drop_duplicates(s.VILLAGE)
    return frame.set_index(s.VILLAGE), problems


def _absent(value: object) -> bool:
    return value is None or is_blank(value) or bool(pd.isna(value))


def _row(key: str, sheet: pd.DataFrame, written: set[str], registry: Registry) -> dict:
    place = registry.villages.get(key)
    row = {
        s.VILLAGE: key,
        s.MUNICIPALITY: place.parent if place else None,
        s.DISTRICT: place.district if place else None,
        s.LATITUDE: place.latitude if place else None,
        s.LONGITUDE: place.longitude if place else None,
    }
    row |= _from_sheet(key, sheet)
    official = set(place.names.values()) if place else {key}
    other = sorted(written - official)
    row[s.SPELLINGS] = s.SPELLING_SEPARATOR.join(other) or None
    return row


def _from_sheet(key: str, sheet: pd.DataFrame) -> dict[str, object]:
    """The fields the villages sheet gives for ``key`` (an empty cell gives nothing)."""
    if key not in sheet.index:
        return {}
    return {f: sheet.at[key, f] for f in SHEET_FIELDS if not _absent(sheet.at[key, f])}


def _given(
    keys: list[str], sheet: pd.DataFrame, observations: pd.DataFrame, named: set[str]
) -> pd.DataFrame:
    """Which fields of each village the file itself gives: those its villages sheet fills in,
    and the municipality where a municipality column names it (``named``: the villages whose
    municipality was written). The rest come from the registry of known places."""
    given = pd.DataFrame(False, index=pd.Index(keys, name=s.VILLAGE), columns=list(SHEET_FIELDS))
    for key in keys:
        for name in _from_sheet(key, sheet):
            given.at[key, name] = True
    given.loc[_among(given.index, named), s.MUNICIPALITY] = True
    return given


def villages_from(
    observations: pd.DataFrame,
    sheet_rows: list[dict[str, object]],
    spellings: dict[str, str],
    registry: Registry,
    written_municipality: set[str] = frozenset(),
) -> tuple[pd.DataFrame, pd.DataFrame, list[Problem]]:
    """One row per village of the observations or of the villages sheet; which of its fields
    the file gives (``_given``); and the problems found. ``written_municipality``: the villages
    whose municipality a column of the data names (taken from the observations)."""
    sheet, problems = _known(sheet_rows, registry)
    spellings = spellings | dict(zip(sheet["village_raw"], sheet.index, strict=True))
    described = set(sheet.index[sheet["filled"].astype(bool)])  # a bare name says nothing
    seen = sorted(set(observations[s.VILLAGE].unique()) | described)
    names: dict[str, set[str]] = {}
    for name, key in spellings.items():
        names.setdefault(key, set()).add(name)
    villages = pd.DataFrame([_row(k, sheet, names.get(k, set()), registry) for k in seen])
    villages = villages.reindex(columns=list(s.VILLAGE_COLUMNS)).astype(s.VILLAGE_DTYPES)
    villages = _municipality_from_data(villages, observations, written_municipality, sheet)
    given = _given(seen, sheet, observations, written_municipality)
    for rule, label in s.rule_violations(villages, s.VILLAGE_RULES):
        key = villages.at[label, s.VILLAGE]
        where = (sheet.at[key, "sheet"], sheet.at[key, "cell"]) if key in sheet.index else ()
        problems.append(error(Code(rule.code), *where, village=key))
    return villages, given, problems


def _among(keys: pd.Index | pd.Series, chosen: set[str]) -> np.ndarray:
    """Which of ``keys`` are in ``chosen`` (a set lookup each: pandas' ``isin`` converts the
    whole set for Arrow strings)."""
    return np.fromiter((key in chosen for key in keys.tolist()), dtype=bool, count=len(keys))


def _municipality_from_data(
    villages: pd.DataFrame, observations: pd.DataFrame, written: set[str], sheet: pd.DataFrame
) -> pd.DataFrame:
    """A municipality written in the data's column counts for the village, unless the villages
    sheet names one."""
    if not written:
        return villages
    first = observations.dropna(subset=[s.MUNICIPALITY]).drop_duplicates(s.VILLAGE)
    by_village = first.set_index(s.VILLAGE)[s.MUNICIPALITY]
    from_sheet = {k for k in sheet.index if not _absent(sheet.at[k, s.MUNICIPALITY])}
    chosen = _among(villages[s.VILLAGE], written - from_sheet)
    villages.loc[chosen, s.MUNICIPALITY] = villages.loc[chosen, s.VILLAGE].map(by_village)
    return villages
