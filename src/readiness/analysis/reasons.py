"""Why a village ranks where it does, in one sentence that agrees with the list: its place in
the ranking, its number for the input that adds most to its priority, and how that number
compares with the other villages' ("Жеңиш (rank 2 of 8): 95 children arrived at school not ready
in 2025–2026, more than in 5 of the other 7 villages.")."""

from __future__ import annotations

import pandas as pd

from readiness.analysis.priorities import (
    FALLING,
    GAP,
    NOT_ENROLLED,
    NOT_READY,
    Ranking,
    main_reason,
)
from readiness.i18n import N_plural, Translator
from readiness.model import schema as s

# The superlative when the village's number is above every other village's...
SUPERLATIVES = {
    NOT_READY: N_plural("the most of {n} village", "the most of {n} villages"),
    GAP: N_plural("the lowest readiness of {n} village", "the lowest readiness of {n} villages"),
    FALLING: N_plural("the largest fall of {n} village", "the largest fall of {n} villages"),
}
SUPERLATIVES[NOT_ENROLLED] = SUPERLATIVES[NOT_READY]
# ...else how many of the others it is above.
COMPARATIVES = {
    NOT_READY: N_plural(
        "more than in {below} of the other {n} village",
        "more than in {below} of the other {n} villages",
    ),
    GAP: N_plural(
        "lower readiness than in {below} of the other {n} village",
        "lower readiness than in {below} of the other {n} villages",
    ),
    FALLING: N_plural(
        "a larger fall than in {below} of the other {n} village",
        "a larger fall than in {below} of the other {n} villages",
    ),
}
COMPARATIVES[NOT_ENROLLED] = COMPARATIVES[NOT_READY]
# The inputs that are counts of children, said with their number.
COUNTED = {
    NOT_READY: N_plural(
        "{village}: {n} child arrived at school not ready in {year}",
        "{village}: {n} children arrived at school not ready in {year}",
    ),
    NOT_ENROLLED: N_plural(
        "{village}: {n} child aged 3-6 was not in preschool in {year}",
        "{village}: {n} children aged 3-6 were not in preschool in {year}",
    ),
}


def negated(value: object) -> object:
    return pd.NA if pd.isna(value) else -value


def _standing(reason: str, row, ranking: Ranking, t: Translator) -> str | None:
    """How the village's number for ``reason`` compares with the other villages' (nothing when
    it is the lowest, or when readiness did not fall at all)."""
    below, others = ranking.standing(row, reason)
    if others == 0:
        return t("the only village with this number")
    if below == 0 or (reason == FALLING and not row[FALLING] > 0):
        return None
    if below == others:
        return t.plural(*SUPERLATIVES[reason], others + 1)
    return t.plural(*COMPARATIVES[reason], others, below=t.number(below))


def reason_sentence(row, ranking: Ranking, name: str, t: Translator) -> str:
    """Why a village ranks where it does; a village with no score is said to have no data."""
    reason = main_reason(row, ranking.weights) if not pd.isna(row["score"]) else None
    year = t.school_year(ranking.year)
    if reason is None:
        return t("{village}: no data for {year}.", village=name, year=year)
    rank, ranked = t.number(row["rank"]), t.number(len(ranking.ranked))
    placed = t("{village} (rank {rank} of {n})", village=name, rank=rank, n=ranked)
    what = _what(reason, row, placed, year, t)
    standing = _standing(reason, row, ranking, t)
    return f"{what}, {standing}." if standing else f"{what}."


def _what(reason: str, row, name: str, year: str, t: Translator) -> str:
    """The village's number for the input ``reason``, in words."""
    if reason in COUNTED:
        return t.plural(*COUNTED[reason], int(row[reason]), village=name, year=year)
    if reason == GAP:
        rate = t.percent(row[s.READINESS])
        return t(
            "{village}: {rate} of grade 1 entrants were ready for school in {year}",
            village=name,
            rate=rate,
            year=year,
        )
    change = t.points(negated(row[FALLING]))
    return t(
        "{village}: readiness changed by {change} over the last three years",
        village=name,
        change=change,
    )
