"""The canonical ``villages`` frame: every village seen in the file, with what is known of it.

A villages sheet in the file gives project status, start year, municipality and coordinates; the
registry (data/villages.csv) fills in the municipality, district and coordinates it does not give.
"""

from __future__ import annotations

import pandas as pd

from readiness import schema as s
from readiness.ingest.values import is_blank
from readiness.ingest.village_rows import SHEET_FIELDS
from readiness.places import Registry
from readiness.problems import Code, Problem, error, warning


def _known(rows: list[dict[str, object]], registry: Registry) -> tuple[pd.DataFrame, list[Problem]]:
    """The villages sheet's rows keyed by village, with a warning for each unknown name."""
    problems = []
    for row in rows:
        key = registry.match_village(row["village_raw"])
        if key is None:
            problems.append(
                warning(Code.UNKNOWN_VILLAGE, row["sheet"], row["cell"], value=row["village_raw"])
            )
        row[s.VILLAGE] = key or row["village_raw"]
        municipality = row[s.MUNICIPALITY]
        if not is_blank(municipality):
            row[s.MUNICIPALITY] = registry.match_municipality(municipality) or str(municipality)
    columns = [s.VILLAGE, "village_raw", "sheet", "cell", *SHEET_FIELDS]
    frame = pd.DataFrame(rows, columns=columns).drop_duplicates(s.VILLAGE)
    return frame.set_index(s.VILLAGE), problems


def _absent(value: object) -> bool:
    return value is None or is_blank(value) or bool(pd.isna(value))


def _row(key: str, given: pd.DataFrame, written: set[str], registry: Registry) -> dict:
    place = registry.villages.get(key)
    row = {
        s.VILLAGE: key,
        s.MUNICIPALITY: place.parent if place else None,
        s.DISTRICT: place.district if place else None,
        s.LATITUDE: place.latitude if place else None,
        s.LONGITUDE: place.longitude if place else None,
    }
    if key in given.index:
        row |= {f: given.at[key, f] for f in SHEET_FIELDS if not _absent(given.at[key, f])}
    official = set(place.names.values()) if place else {key}
    other = sorted(written - official)
    row[s.SPELLINGS] = s.SPELLING_SEPARATOR.join(other) or None
    return row


def villages_from(
    observations: pd.DataFrame,
    sheet_rows: list[dict[str, object]],
    spellings: dict[str, str],
    registry: Registry,
) -> tuple[pd.DataFrame, list[Problem]]:
    """One row per village of the observations or of the villages sheet."""
    given, problems = _known(sheet_rows, registry)
    spellings = spellings | dict(zip(given["village_raw"], given.index, strict=True))
    seen = sorted(set(observations[s.VILLAGE].unique()) | set(given.index))
    names: dict[str, set[str]] = {}
    for name, key in spellings.items():
        names.setdefault(key, set()).add(name)
    villages = pd.DataFrame([_row(k, given, names.get(k, set()), registry) for k in seen])
    villages = villages.reindex(columns=list(s.VILLAGE_COLUMNS)).astype(s.VILLAGE_DTYPES)
    for rule, label in s.rule_violations(villages, s.VILLAGE_RULES):
        key = villages.at[label, s.VILLAGE]
        sheet, cell = (
            (given.at[key, "sheet"], given.at[key, "cell"]) if key in given.index else (None, None)
        )
        problems.append(error(Code(rule.code), sheet, cell, village=key))
    return villages, problems
