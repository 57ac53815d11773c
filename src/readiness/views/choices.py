"""What a page's boxes offer, worked out from the data here, once, and not in the pages."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from readiness.model import schema as s


@dataclass(frozen=True)
class Choices:
    """What a box offers, and which of it is chosen at first."""

    options: list
    index: int = 0


def school_years(observations: pd.DataFrame, *, newest_first: bool = False) -> list:
    """The school years the data give, the oldest first (or the newest)."""
    return sorted(observations[s.YEAR].unique(), reverse=newest_first)


def village_keys(villages: pd.DataFrame) -> list[str]:
    """Every village, by key."""
    return sorted(villages[s.VILLAGE])
