"""What changed between two versions: rows added, removed or changed, per village and year."""

from __future__ import annotations

import numpy as np
import pandas as pd

from readiness.model import schema as s

ADDED, REMOVED, CHANGED = "added", "removed", "changed"
CHANGE_COLUMNS = (s.VILLAGE, s.YEAR, ADDED, REMOVED, CHANGED, "fields")


def changes(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """One row per village and school year that differs: how many of its rows (total, girls,
    boys) were added, removed or changed, and which counts changed. Empty when nothing did."""
    keys = list(s.KEYS)
    both = old[[*keys, *s.COUNTS]].merge(
        new[[*keys, *s.COUNTS]], on=keys, how="outer", suffixes=("_old", "_new"), indicator=True
    )
    side = both.pop("_merge").astype("string")
    changed_fields = pd.DataFrame(
        {c: _differs(both[f"{c}_old"], both[f"{c}_new"]) for c in s.COUNTS}, index=both.index
    )
    is_changed = (side == "both").to_numpy(dtype=bool) & changed_fields.any(axis=1).to_numpy()
    frame = pd.DataFrame(
        {
            s.VILLAGE: both[s.VILLAGE],
            s.YEAR: both[s.YEAR].astype("int64"),
            ADDED: (side == "right_only").to_numpy(dtype=bool),
            REMOVED: (side == "left_only").to_numpy(dtype=bool),
            CHANGED: is_changed,
        }
    )
    for column in s.COUNTS:
        frame[column] = changed_fields[column].to_numpy() & is_changed
    frame = frame[frame[[ADDED, REMOVED, CHANGED]].any(axis=1)]
    if frame.empty:
        return pd.DataFrame(
            {c: pd.Series(dtype="int64" if c != s.VILLAGE else "string") for c in CHANGE_COLUMNS}
        ).assign(fields=pd.Series(dtype="object"))
    summary = frame.groupby([s.VILLAGE, s.YEAR], sort=True).sum().reset_index()
    summary["fields"] = [
        [c for c in s.COUNTS if row[c] > 0] for _, row in summary[list(s.COUNTS)].iterrows()
    ]
    return summary[list(CHANGE_COLUMNS)]


def _differs(old: pd.Series, new: pd.Series) -> np.ndarray:
    a = old.to_numpy(dtype="float64", na_value=np.nan)
    b = new.to_numpy(dtype="float64", na_value=np.nan)
    return ~((a == b) | (np.isnan(a) & np.isnan(b)))
