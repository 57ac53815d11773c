"""Benchmark: each page's computation and figure building on the national-scale data set, and the
JSON each figure sends to the browser. Goals: under 200 ms a page, no figure over 1 MB."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from national import national_registry, national_workbook

from readiness import load_workbook
from readiness.analysis.measures import Area
from readiness.analysis.priorities import DEFAULT_WEIGHTS
from readiness.i18n import Translator
from readiness.model import schema as s
from readiness.views.before_after import before_after_view
from readiness.views.overview import overview_view
from readiness.views.priorities import priorities_view
from readiness.views.profile import profile_view
from readiness.views.years import BARS, PANELS, years_view

REPEAT = 3


def measure(name: str, build) -> None:
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        view = build()
        times.append(time.perf_counter() - start)
    figures = getattr(view, "figures", None) or [view.figure]
    largest = max(len(figure.to_json()) for figure in figures)
    print(f"{name:32}{min(times) * 1000:8.0f} ms{largest / 1e6:9.2f} MB")


def main() -> None:
    places = national_registry()
    data = load_workbook(national_workbook(), places=places)
    obs, villages, t = data.observations, data.villages, Translator("ky")
    keys = sorted(villages[s.VILLAGE])
    # The national data set has no project; mark one municipality's villages as in it from 2016.
    in_project = villages[s.MUNICIPALITY] == villages[s.MUNICIPALITY].iloc[0]
    villages = villages.assign(
        **{s.IN_PROJECT: in_project, s.PROJECT_START: in_project.map({True: 2016, False: None})}
    )
    villages = villages.astype(s.VILLAGE_DTYPES)
    print(f"{len(obs):,} rows, {len(keys):,} villages")
    print(f"{'page':32}{'best':>11}{'largest figure':>16}")
    measure(
        "overview (all villages)",
        lambda: overview_view(obs, villages, Area("all"), 2025, t, places),
    )
    measure(
        "overview (one municipality)",
        lambda: overview_view(
            obs, villages, Area(s.MUNICIPALITY, villages[s.MUNICIPALITY].iloc[0]), 2025, t, places
        ),
    )
    measure(
        "years (12 villages, lines)",
        lambda: years_view(obs, villages, keys[:12], s.READINESS, t, places, with_totals=True),
    )
    measure(
        "years (12 villages, bars)",
        lambda: years_view(
            obs, villages, keys[:12], s.CHILDREN, t, places, view=BARS, two_years=(2013, 2025)
        ),
    )
    measure(
        "years (12 villages, panels)",
        lambda: years_view(obs, villages, keys[:12], s.COVERAGE, t, places, view=PANELS),
    )
    measure(
        "before and after", lambda: before_after_view(obs, villages, s.READINESS, None, t, places)
    )
    measure(
        "priorities (all villages)",
        lambda: priorities_view(obs, keys, 2025, DEFAULT_WEIGHTS, t, places),
    )
    measure("village profile", lambda: profile_view(obs, villages, keys[0], t, places))


if __name__ == "__main__":
    main()
