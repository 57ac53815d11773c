"""Totals and subtotals found by arithmetic, not only by words.

Villages grouped by municipality often have a subtotal row after each group, and a grand total at
the bottom. Such a row is not a village: read as one, it doubles the district's numbers. A row is
a total when its counts equal the sum of the run of rows above it (since the last total), or of
every row above it; it is left out, and so checked. A row that calls itself a total (Итого,
Бардыгы, a municipality's name) but does not add up is left out too, with a warning that gives
both numbers.

Only rows that are not plainly a village are looked at (a blank name, a total word, a
municipality's name, or a name the registry does not know), so a village whose counts happen to
equal its neighbours' sum is never taken for a total: a known village's name (even one a
municipality shares, like Katran) is always data, and a total written that way shows up as a
duplicate row instead. An unknown name that adds up is taken for a total with a warning, so the
analyst sees it. The sums are running sums over the rows of each group (a school year and sex in
a long table), so a national sheet costs one pass.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from readiness.ingest.values import is_blank
from readiness.ingest.words import normalise, words
from readiness.model.places import Registry


class Label(StrEnum):
    """What the name at the start of a row says it is."""

    VILLAGE = "village"  # a known village: always data
    BOTH = "both"  # a known village that is also a municipality's name (Katran, Leilek)
    MUNICIPALITY = "municipality"  # a municipality's name: a subtotal
    TOTAL = "total"  # Итого, Бардыгы, Жыйынтыгы, Total …: a total
    BLANK = "blank"  # no name
    OTHER = "other"  # a name nobody knows


CLAIMS = {Label.MUNICIPALITY, Label.TOTAL}  # labels that say the row is a total
DATA = {Label.VILLAGE, Label.BOTH}  # labels that say the row is a village's
SINGLE = {Label.MUNICIPALITY, Label.TOTAL, Label.BLANK}  # may total a run of a single row


@dataclass(frozen=True)
class Mismatch:
    """A row that calls itself a total but does not add up: its first count that differs."""

    row: int  # position among the rows looked at
    column: int  # position among the count columns
    shown: float
    expected: float
    rows: int  # how many rows the expected sum covers


def label_of(value: object, places: Registry) -> Label:
    """What a row's name says: a village, a municipality, a total, nothing, or unknown."""
    if is_blank(value):
        return Label.BLANK
    if says_total(value):
        return Label.TOTAL
    municipality = places.exact_municipality(value) is not None
    if places.find_village(value).key is not None:
        return Label.BOTH if municipality else Label.VILLAGE
    return Label.MUNICIPALITY if municipality else Label.OTHER


def says_total(value: object) -> bool:
    """A name that holds a word for a total, in any of its forms: "Итого", "Итого по району",
    "Бардыгы", "Лейлек айыл аймагы боюнча жыйынтыгы" (Kyrgyz puts it last)."""
    if not isinstance(value, str):
        return False
    text = normalise(value)
    totals, stems = _total_words()
    return text in totals or any(word in totals or word.startswith(stems) for word in text.split())


@functools.cache
def _total_words() -> tuple[frozenset[str], tuple[str, ...]]:
    """The catalogue's words for a total, and those of four letters or more, which also match
    as the start of a word ("жыйынтыгы" for "жыйынтык")."""
    totals = words().values["total"]
    return frozenset(totals), tuple(total for total in totals if len(total) >= 4)


def find_totals(
    values: np.ndarray, groups: np.ndarray, labels: Sequence[Label]
) -> tuple[np.ndarray, list[Mismatch]]:
    """For each row, how many rows above it it is the total of (0: not a total; ``values``: one
    row per data row, one column per count, NaN where missing; ``groups``: rows that add up
    together share a number), and the rows that call themselves totals but do not add up."""
    found = np.zeros(len(values), dtype=np.int64)
    mismatches: list[Mismatch] = []
    named = np.asarray(labels, dtype=object)
    looked_at = np.flatnonzero(np.logical_and.reduce([named != label for label in DATA]))
    if not len(looked_at):
        return found, mismatches
    filled = np.nan_to_num(values)  # a missing count adds nothing
    listed = named.tolist()
    for group in np.unique(groups[looked_at]):
        rows = np.flatnonzero(groups == group)
        _walk(filled, rows, listed, found, mismatches)
    return found, mismatches


def find_totals_either(
    values: np.ndarray, groupings: list[np.ndarray], labels: Sequence[Label]
) -> tuple[np.ndarray, list[Mismatch]]:
    """``find_totals`` under each of several ways of grouping the rows, the first preferred: a
    row is a total where any of them finds it one, and a row that calls itself a total is a
    mismatch only where none of them adds it up. (A total row that leaves the sex blank may total
    the rows of its sex above it, or the girls and the boys together.)"""
    results = [find_totals(values, groups, labels) for groups in groupings]
    found = np.zeros(len(values), dtype=np.int64)
    failed = [{m.row: m for m in mismatches} for _, mismatches in results]
    for (covered, _), wrong in zip(reversed(results), reversed(failed), strict=True):
        sound = (covered > 0) & ~np.isin(np.arange(len(values)), list(wrong))
        found = np.where(sound, covered, found)
    for covered, _ in reversed(results):
        found = np.where(found == 0, covered, found)
    rows = set.intersection(*(set(wrong) for wrong in failed)) if failed else set()
    return found, [failed[0][row] for row in sorted(rows)]


def _walk(values, rows, labels, found, mismatches) -> None:
    """One group's rows in order, keeping the sum since the last total and the sum of all. The
    rows are tuples of Python floats: the same sums as NumPy's, without a NumPy call per row."""
    zero = (0.0,) * values.shape[1]
    run, everything, run_rows, all_rows = zero, zero, 0, 0
    for row, listed in zip(rows.tolist(), values[rows].tolist(), strict=True):
        value, label = tuple(listed), labels[row]
        covered = (
            0 if label in DATA else _covered(value, label, run, run_rows, everything, all_rows)
        )
        if covered:
            found[row] = covered
            run, run_rows = zero, 0
            continue
        if label in CLAIMS:
            found[row] = max(run_rows, 1)
            expected, count = (everything, all_rows) if label is Label.TOTAL else (run, run_rows)
            if value != expected and value != run:
                mismatches.append(_mismatch(row, value, expected, count))
            run, run_rows = zero, 0
            continue
        run = tuple(map(operator.add, run, value))
        everything = tuple(map(operator.add, everything, value))
        run_rows, all_rows = run_rows + 1, all_rows + 1


def _covered(value, label: Label, run, run_rows: int, everything, all_rows: int) -> int:
    """How many rows above ``value`` adds up: those since the last total, or all of them (a
    grand total after subtotals); 0 when it adds up to neither."""
    if not any(value):
        return 0  # zeros add up to anything
    least = 1 if label in SINGLE else 2
    if run_rows >= least and value == run:
        return run_rows
    if all_rows >= max(least, 2) and run_rows < all_rows and value == everything:
        return all_rows
    return 0


def _mismatch(row: int, value: tuple, expected: tuple, count: int) -> Mismatch:
    column = next((i for i, (a, b) in enumerate(zip(value, expected, strict=True)) if a != b), 0)
    return Mismatch(row, column, float(value[column]), float(expected[column]), count)
