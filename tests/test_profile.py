"""The village profile: girls beside boys with the parity index, and the comparisons."""

from __future__ import annotations

import pandas as pd
import pytest

from readiness.analysis.profile import comparison, parity
from readiness.i18n import Translator
from readiness.model import schema as s
from readiness.model.places import registry
from readiness.views.profile import profile_view


def observations(*rows: tuple) -> pd.DataFrame:
    """Rows from (village, year, sex, entrants, ready); 100 children, 40 enrolled."""
    data = pd.DataFrame(rows, columns=[s.VILLAGE, s.YEAR, s.SEX, s.ENTRANTS, s.READY])
    data = data.assign(**{s.MUNICIPALITY: "M", s.CHILDREN: 100, s.ENROLLED: 40})
    return data[list(s.OBSERVATION_COLUMNS)].astype(s.OBSERVATION_DTYPES)


def test_the_parity_index_is_girls_rate_over_boys_rate():
    obs = observations(
        ("A", 2015, "girls", 20, 12),
        ("A", 2015, "boys", 25, 10),
        ("A", 2016, "girls", 20, 10),
        ("A", 2016, "boys", 20, 0),
    )
    table = parity(obs, "A", s.READINESS)
    assert table.at[2015, "gpi"] == pytest.approx(0.6 / 0.4)
    assert (table.at[2015, "girls_count"], table.at[2015, "girls_base"]) == (12, 20)
    assert pd.isna(table.at[2016, "gpi"])  # boys' rate 0: no index rather than infinity


def test_comparisons_are_the_village_its_municipality_and_everyone(demo):
    tables = comparison(demo.observations, demo.villages, "Ozgorush")
    assert list(tables) == ["village", "municipality", "all"]
    assert tables["village"].at[2015, s.CHILDREN] < tables["municipality"].at[2015, s.CHILDREN]
    assert tables["municipality"].at[2015, s.CHILDREN] < tables["all"].at[2015, s.CHILDREN]


def test_the_profile_of_katran_in_russian(demo):
    view = profile_view(demo.observations, demo.villages, "Katran", Translator("ru"), registry())
    assert view.title == "Катран"
    assert view.subtitle == "Катранский айыльный аймак · Начало проекта: 2014–2015"
    assert len(view.table) == 15 and len(view.figures) == 3
    names = [trace.name for trace in view.figures[0].data if trace.showlegend is not False]
    assert names == ["Катран", "Катранский айыльный аймак", "Все сёла"]
    last = view.parity_table.iloc[-1]
    assert last["Готовность к школе: индекс паритета"] == "1,16"
    assert all(tuple(f.layout.yaxis.range) == (0, 1) for f in view.figures)


def test_a_comparison_line_from_fewer_villages_draws_that_year_apart(demo):
    obs = demo.observations
    obs = obs[~((obs[s.VILLAGE] == "Ozgorush") & (obs[s.YEAR] == 2025))]
    view = profile_view(obs, demo.villages, "Katran", Translator("en"), registry())
    traces = view.figures[0].data  # coverage: Katran, its municipality, all villages
    alone = {trace.name: list(trace.x) for trace in traces if trace.mode == "markers"}
    assert alone == {"Katran aiyl aimak": [2025], "All villages": [2016, 2025]}
    hollow = next(trace for trace in traces if trace.mode == "markers")
    assert hollow.hovertext[0].endswith("based on 2 of 3 villages")
    assert len(view.figures[2].data) == 2  # girls and boys of one village: never partial
