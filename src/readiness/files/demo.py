"""The demo data set: Katran aiyl aimak and five comparison villages, 2011-2012 to 2025-2026.

Illustrative, not official statistics. It is made by a seeded random generator so that anyone
can make the same file again (``python -m readiness.files.demo data/demo.xlsx``), and it follows
the facts of DOMAIN.md: more than 1,000 children aged 3-6 in Katran aiyl aimak, one kindergarten
with 130 places before the project, at least 200 children a year arriving at school not ready
before the project, the project starting in 2014-2015, and comparison villages improving slowly.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from readiness.files.writer import header, write_workbook
from readiness.i18n import N_, Translator
from readiness.model import schema as s
from readiness.model.places import registry

SEED = 20_141_001
YEARS = range(2011, 2026)
PROJECT_START = 2014
GIRLS_SHARE = 0.488


@dataclass(frozen=True)
class DemoVillage:
    key: str
    children: int  # children aged 3-6 in 2011
    places: int  # preschool places before the project
    in_project: bool


DEMO_VILLAGES = (
    DemoVillage("Katran", 680, 130, True),
    DemoVillage("Jangy-Turmush", 280, 0, True),
    DemoVillage("Ozgorush", 195, 0, True),
    DemoVillage("Kara-Suu", 540, 60, False),
    DemoVillage("Ak-Terek", 260, 15, False),
    DemoVillage("Churbek", 230, 20, False),
    DemoVillage("Dargaz", 170, 8, False),
    DemoVillage("Jenish", 310, 25, False),
)
# Gaps a real series has: readiness was not assessed in Ak-Terek in 2020-2021 (school closures),
# and Dargaz did not report preschool attendance in 2016-2017.
MISSING = {("Ak-Terek", 2020): s.READY, ("Dargaz", 2016): s.ENROLLED}


def coverage_rate(village: DemoVillage, year: int, children: int) -> float:
    before = village.places / children
    if not village.in_project or year < PROJECT_START:
        return before + (0.006 * (year - 2011) if not village.in_project else 0.0)
    centre = 0.30 if village.places else 0.22
    return min(0.62, max(before, centre) + 0.032 * (year - PROJECT_START))


def readiness_rate(village: DemoVillage, year: int) -> float:
    if not village.in_project:
        return 0.23 + 0.006 * (year - 2011)
    if year < PROJECT_START:
        return 0.19
    if year == PROJECT_START:
        return 0.24
    return min(0.63, 0.34 + 0.03 * (year - PROJECT_START - 1))


def _village_year(rng, village: DemoVillage, year: int) -> list[dict[str, object]]:
    growth = 1.013 ** (year - 2011) * (1 + rng.normal(0, 0.02))
    children = round(village.children * growth)
    entrants = round(children / 4 * (1 + rng.normal(0, 0.04)))
    children_by_sex = _split(rng, children)
    entrants_by_sex = _split(rng, entrants)
    coverage = coverage_rate(village, year, children)
    ready = readiness_rate(village, year)
    rows = []
    for sex, lift in ((s.GIRLS, 0.02), (s.BOYS, -0.02)):
        kids, starting = children_by_sex[sex], entrants_by_sex[sex]
        rows.append(
            {
                s.VILLAGE: village.key,
                s.YEAR: year,
                s.SEX: sex,
                s.CHILDREN: kids,
                s.ENROLLED: int(rng.binomial(kids, min(coverage, 1.0))),
                s.ENTRANTS: starting,
                s.READY: int(rng.binomial(starting, ready + lift)),
            }
        )
    gap = MISSING.get((village.key, year))
    for row in rows if gap else []:
        row[gap] = None
    return rows


def _split(rng, total: int) -> dict[str, int]:
    girls = int(rng.binomial(total, GIRLS_SHARE))
    return {s.GIRLS: girls, s.BOYS: total - girls}


def demo_observations(seed: int = SEED) -> pd.DataFrame:
    """Girls' and boys' rows for every demo village and school year (the loader adds totals)."""
    rng = np.random.default_rng(seed)
    rows = [row for v in DEMO_VILLAGES for year in YEARS for row in _village_year(rng, v, year)]
    frame = pd.DataFrame(rows)
    frame[s.MUNICIPALITY] = frame[s.VILLAGE].map(lambda k: registry().villages[k].parent)
    return frame[list(s.OBSERVATION_COLUMNS)].astype(s.OBSERVATION_DTYPES)


def demo_villages() -> pd.DataFrame:
    places = registry().villages
    rows = [
        {
            s.VILLAGE: v.key,
            s.MUNICIPALITY: places[v.key].parent,
            s.DISTRICT: places[v.key].district,
            s.IN_PROJECT: v.in_project,
            s.PROJECT_START: PROJECT_START if v.in_project else None,
        }
        for v in DEMO_VILLAGES
    ]
    frame = pd.DataFrame(rows).reindex(columns=list(s.VILLAGE_COLUMNS))
    return frame.astype(s.VILLAGE_DTYPES)


NOTES = (
    N_("Demo data: illustrative, not official statistics."),
    N_(
        "Made by a seeded random generator (python -m readiness.files.demo) from the facts of the "
        "Katran project: about 1,100 children aged 3-6, one kindergarten with 130 places, at "
        "least 200 children a year arriving at school not ready before the project, and a "
        "preschool centre opened in the 2014-2015 school year."
    ),
    N_("Comparison villages from neighbouring municipalities of Leilek district."),
    N_("“{missing}” marks a figure that was not collected: it is missing, not zero."),
)


def write_demo_workbook(path: Path, lang: str = "ky") -> None:
    t = Translator(lang)
    titles = {
        "data": t("Demo data: preschool coverage and school readiness (not official statistics)"),
        "villages": t("Villages and the project"),
        "data_sheet": t("Data"),
        "villages_sheet": t("Villages"),
        "notes_sheet": t("Notes"),
    }
    notes = [t(line, missing=header("missing", lang)) for line in NOTES]
    write_workbook(
        demo_observations(), demo_villages(), path, lang=lang, titles=titles, notes=notes
    )


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "data/demo.xlsx")
    write_demo_workbook(target)
    print(f"wrote {target}")
