"""From raw records to the canonical ``observations`` and ``villages`` frames, with their problems.

Village names become registry keys; "not ready" counts become ready counts; a total row is added
where only girls and boys were given; then every consistency rule of ``readiness.schema`` is checked
and each violation becomes a problem that names its sheet and cell.
"""

from __future__ import annotations

import pandas as pd

from readiness import schema as s
from readiness.ingest.records import CELL, Records
from readiness.ingest.tables import NOT_READY
from readiness.ingest.values import is_blank
from readiness.places import Registry
from readiness.problems import Code, Problem, error, warning

CELL_COLUMNS = ("sheet", "village_cell", "year_cell", *(CELL + c for c in s.COUNTS))


def village_keys(raw: pd.DataFrame, registry: Registry) -> tuple[dict[str, str], list[Problem]]:
    """Each village name as written -> its registry key; a warning for each unknown name."""
    keys, problems = {}, []
    firsts = raw.drop_duplicates("village_raw")
    for name, sheet, cell in firsts[["village_raw", "sheet", "village_cell"]].itertuples(
        index=False
    ):
        key = registry.match_village(name)
        if key is None:
            problems.append(warning(Code.UNKNOWN_VILLAGE, sheet, cell, value=name))
        keys[name] = key or name
    return keys, problems


def _municipalities(raw: pd.DataFrame, registry: Registry) -> pd.Series:
    written = {
        text: registry.match_municipality(text) or str(text).strip()
        for text in raw["municipality_raw"].dropna().unique()
        if not is_blank(text)
    }
    from_file = raw["municipality_raw"].map(written).astype("string")
    parents = {k: p.parent for k, p in registry.villages.items() if p.parent}
    return from_file.fillna(raw[s.VILLAGE].map(parents).astype("string"))


def _derive_ready(raw: pd.DataFrame) -> list[Problem]:
    """ready = entrants - not ready, where the file gives "not ready" counts."""
    derive = raw[s.READY].isna() & raw[NOT_READY].notna()
    too_many = derive & (raw[NOT_READY] > raw[s.ENTRANTS]).fillna(False)
    problems = [
        error(
            Code.NOT_READY_GT_ENTRANTS,
            row.sheet,
            row.cell_grade1_not_ready,
            not_ready=row.grade1_not_ready,
            entrants=row.grade1_entrants,
        )
        for row in raw[too_many].itertuples()
    ]
    ok = derive & ~too_many
    raw.loc[ok, s.READY] = raw.loc[ok, s.ENTRANTS] - raw.loc[ok, NOT_READY]
    raw.loc[derive, CELL + s.READY] = raw.loc[derive, CELL + NOT_READY]
    return problems


def _with_totals(frame: pd.DataFrame) -> pd.DataFrame:
    """Adds the "total" row of each village and year that has only girls and boys rows."""
    keys = [s.VILLAGE, s.YEAR]
    has_total = frame.loc[frame[s.SEX] == s.TOTAL, keys].drop_duplicates()
    parts = frame[frame[s.SEX] != s.TOTAL].merge(has_total, on=keys, how="left", indicator=True)
    parts = parts[parts["_merge"] == "left_only"].drop_duplicates([*keys, s.SEX])
    if parts.empty:
        return frame
    by_sex = {sex: parts[parts[s.SEX] == sex].set_index(keys) for sex in (s.GIRLS, s.BOYS)}
    index = by_sex[s.GIRLS].index.union(by_sex[s.BOYS].index)
    girls, boys = (by_sex[sex].reindex(index) for sex in (s.GIRLS, s.BOYS))
    totals = girls[list(s.COUNTS)] + boys[list(s.COUNTS)]
    totals[s.MUNICIPALITY] = girls[s.MUNICIPALITY].fillna(boys[s.MUNICIPALITY])
    totals[s.SEX] = s.TOTAL
    return pd.concat([frame, totals.reset_index()], ignore_index=True)


def observations_from(
    records: Records, registry: Registry
) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, str]]:
    """The canonical observations frame; aligned with it, the cell each value came from; and each
    village name as written mapped to its key."""
    if not len(records):
        empty_cells = pd.DataFrame(columns=CELL_COLUMNS, dtype="string")
        return s.empty_observations(), empty_cells, {}
    raw = pd.DataFrame(records.data)
    for column in (*s.COUNTS, NOT_READY):
        raw[column] = raw[column].astype("Int64")
    keys, unknown = village_keys(raw, registry)
    records.problems.extend(unknown)
    raw[s.VILLAGE] = raw["village_raw"].map(keys)
    raw[s.MUNICIPALITY] = _municipalities(raw, registry)
    records.problems.extend(_derive_ready(raw))
    cells = raw[list(CELL_COLUMNS)].astype("string")
    frame = _with_totals(pd.concat([raw[list(s.OBSERVATION_COLUMNS)], cells], axis=1))
    frame = frame.sort_values(
        [s.VILLAGE, s.YEAR, s.SEX], key=_sex_order, kind="stable", ignore_index=True
    )
    observations = frame[list(s.OBSERVATION_COLUMNS)].astype(s.OBSERVATION_DTYPES)
    return observations, frame[list(CELL_COLUMNS)], keys


def _sex_order(column: pd.Series) -> pd.Series:
    if column.name == s.SEX:
        return column.map({sex: i for i, sex in enumerate(s.SEXES)})
    return column


def rule_problems(observations: pd.DataFrame, cells: pd.DataFrame) -> list[Problem]:
    """Each broken consistency rule, as an error naming the cell to fix."""
    problems = []
    for rule, label in s.rule_violations(observations):
        row, where = observations.loc[label], cells.loc[label]
        cell_column = {s.VILLAGE: "village_cell", s.YEAR: "year_cell"}.get(
            rule.column, CELL + rule.column
        )
        cell = where[cell_column]
        problems.append(
            error(
                Code(rule.code),
                None if pd.isna(where["sheet"]) else where["sheet"],
                None if pd.isna(cell) else cell,
                **_rule_values(rule, observations, row),
            )
        )
    return problems


def _rule_values(rule: s.Rule, observations: pd.DataFrame, row: pd.Series) -> dict[str, object]:
    value = _plain(row[rule.column])
    if rule.code == Code.ENROLLED_GT_CHILDREN:
        return {"enrolled": value, "children": _plain(row[s.CHILDREN])}
    if rule.code == Code.READY_GT_ENTRANTS:
        return {"ready": value, "entrants": _plain(row[s.ENTRANTS])}
    if rule.code == Code.SEX_SUM_MISMATCH:
        return _sex_values(rule.column, observations, row)
    if rule.code == Code.YEAR_OUT_OF_RANGE:
        return {"value": value, "first": s.FIRST_YEAR, "last": s.last_year()}
    if rule.code == Code.DUPLICATE_ROW:
        return {"village": row[s.VILLAGE], "year": row[s.YEAR], "sex": row[s.SEX]}
    return {"value": value}


def _sex_values(column: str, observations: pd.DataFrame, row: pd.Series) -> dict[str, object]:
    same = observations[
        (observations[s.VILLAGE] == row[s.VILLAGE]) & (observations[s.YEAR] == row[s.YEAR])
    ]
    girls, boys = (
        _plain(same.loc[same[s.SEX] == sex, column].iloc[0]) for sex in (s.GIRLS, s.BOYS)
    )
    return {
        "column": column,
        "girls": girls,
        "boys": boys,
        "sum": girls + boys,
        "total": _plain(row[column]),
    }


def _plain(value: object) -> object:
    """A numpy or pandas scalar as a plain Python value, for a message."""
    return value.item() if hasattr(value, "item") else value


def villages_from(
    observations: pd.DataFrame,
    village_rows: list[dict[str, object]],
    spellings: dict[str, str],
    registry: Registry,
) -> tuple[pd.DataFrame, list[Problem]]:
    """One row per village seen in the file: from its villages sheet, else from the registry.

    ``spellings`` maps each village name as written to its key; the names that differ from the
    registry's own names are kept as the village's other spellings.
    """
    sheet_rows = pd.DataFrame(village_rows, columns=["village_raw", "sheet", "row", *_SHEET_FIELDS])
    problems: list[Problem] = []
    if not sheet_rows.empty:
        keys, unknown = village_keys(sheet_rows.assign(village_cell=None), registry)
        problems.extend(unknown)
        spellings = spellings | keys
        sheet_rows[s.VILLAGE] = sheet_rows["village_raw"].map(keys)
    seen = pd.unique(pd.Series([*observations[s.VILLAGE], *sheet_rows.get(s.VILLAGE, [])]))
    given = sheet_rows.drop_duplicates(s.VILLAGE).set_index(s.VILLAGE) if len(sheet_rows) else None
    villages = pd.DataFrame([_village_row(k, given, spellings, registry) for k in sorted(seen)])
    villages = villages.reindex(columns=list(s.VILLAGE_COLUMNS)).astype(s.VILLAGE_DTYPES)
    for rule, label in s.rule_violations(villages, s.VILLAGE_RULES):
        problems.append(error(Code(rule.code), village=villages.loc[label, s.VILLAGE]))
    return villages, problems


_SHEET_FIELDS = (s.MUNICIPALITY, s.DISTRICT, s.IN_PROJECT, s.PROJECT_START, s.LATITUDE, s.LONGITUDE)


def _village_row(key, given, spellings, registry) -> dict[str, object]:
    place = registry.villages.get(key)
    row = {
        s.VILLAGE: key,
        s.MUNICIPALITY: place.parent if place else None,
        s.DISTRICT: place.district if place else None,
        s.LATITUDE: place.latitude if place else None,
        s.LONGITUDE: place.longitude if place else None,
    }
    if given is not None and key in given.index:
        from_sheet = given.loc[key]
        municipality = from_sheet[s.MUNICIPALITY]
        if not is_blank(municipality):
            from_sheet[s.MUNICIPALITY] = registry.match_municipality(municipality) or municipality
        row |= {f: from_sheet[f] for f in _SHEET_FIELDS if not _absent(from_sheet[f])}
    official = set(place.names.values()) if place else {key}
    other = sorted({name for name, k in spellings.items() if k == key} - official)
    row[s.SPELLINGS] = s.SPELLING_SEPARATOR.join(other) or None
    return row


def _absent(value: object) -> bool:
    return value is None or is_blank(value) or bool(pd.isna(value))
