"""Before and after the project: periods, pooled rates, changes, verdicts and their sentences."""

from __future__ import annotations

import pandas as pd
import pytest

from readiness.analysis.before_after import Periods, before_after, default_split
from readiness.analysis.sentences import change_sentence
from readiness.analysis.stats import Rate, Verdict, newcombe_interval, wilson_interval
from readiness.i18n import Translator
from readiness.model import schema as s
from readiness.model.places import registry
from readiness.views.before_after import before_after_view, default_periods, periods_warning


def observations(*rows: tuple) -> pd.DataFrame:
    """Total rows from (village, year, entrants, ready); 100 children, 50 enrolled."""
    data = pd.DataFrame(rows, columns=[s.VILLAGE, s.YEAR, s.ENTRANTS, s.READY])
    data = data.assign(**{s.MUNICIPALITY: "M", s.SEX: s.TOTAL, s.CHILDREN: 100, s.ENROLLED: 50})
    return data[list(s.OBSERVATION_COLUMNS)].astype(s.OBSERVATION_DTYPES)


VILLAGES = pd.DataFrame(
    {
        s.VILLAGE: ["A", "B", "C"],
        s.IN_PROJECT: [True, True, False],
        s.PROJECT_START: [2014, 2015, None],
    }
).astype({s.IN_PROJECT: "boolean", s.PROJECT_START: "Int64"})
OBS = observations(
    ("A", 2012, 50, 10),
    ("A", 2013, 50, 12),
    ("A", 2014, 50, 30),
    ("A", 2015, 50, 35),
    ("B", 2013, 40, 8),
    ("B", 2014, 40, 9),
    ("B", 2015, 40, 25),
    ("C", 2012, 60, 15),
    ("C", 2013, 60, 15),
    ("C", 2014, 60, 16),
    ("C", 2015, 60, 17),
)


def by_name(result):
    return {c.name: c for c in result.villages}


def test_each_project_village_is_split_at_its_own_start_year():
    changes = by_name(before_after(OBS, VILLAGES))
    assert changes["A"].before == Rate(22, 100) and changes["A"].after == Rate(65, 100)
    assert changes["B"].before == Rate(17, 80) and changes["B"].after == Rate(25, 40)
    assert (changes["B"].years_before, changes["B"].years_after) == ((2013, 2014), (2015, 2015))


def test_comparison_villages_are_split_at_the_first_project_start():
    assert default_split(VILLAGES) == 2014
    change = by_name(before_after(OBS, VILLAGES))["C"]
    assert change.before == Rate(30, 120) and change.after == Rate(33, 120)


def test_chosen_periods_apply_to_every_village():
    result = before_after(OBS, VILLAGES, periods=Periods((2012, 2012), (2015, 2015)))
    changes = by_name(result)
    assert changes["A"].before == Rate(10, 50) and changes["A"].after == Rate(35, 50)
    assert changes["B"].before == Rate(0, 0)
    assert changes["B"].verdict is Verdict.TOO_FEW


def test_a_school_year_both_chosen_periods_share_counts_in_both():
    """The page says a shared year counts in both periods; so it does (it used to go to
    "before" alone, leaving "after" empty: "no village reported both before and after")."""
    result = before_after(OBS, VILLAGES, periods=Periods((2012, 2014), (2014, 2015)))
    changes = by_name(result)
    assert changes["A"].before == Rate(10 + 12 + 30, 150)
    assert changes["A"].after == Rate(30 + 35, 100)
    assert result.project is not None and result.project.after.base > 0


def test_a_change_carries_its_newcombe_interval_and_verdict():
    change = by_name(before_after(OBS, VILLAGES))["A"]
    assert change.change == pytest.approx(0.65 - 0.22)
    assert (change.low, change.high) == newcombe_interval(65, 100, 22, 100)
    assert change.verdict is Verdict.IMPROVED
    comparison = by_name(before_after(OBS, VILLAGES))["C"]
    assert comparison.verdict is Verdict.NO_RELIABLE_CHANGE


def test_groups_are_pooled_and_the_difference_in_differences_follows():
    result = before_after(OBS, VILLAGES)
    assert result.project.before == Rate(39, 180) and result.project.after == Rate(90, 140)
    estimate, low, high = result.did
    expected = (90 / 140 - 39 / 180) - (33 / 120 - 30 / 120)
    assert estimate == pytest.approx(expected)
    assert low < estimate < high and result.did_verdict is Verdict.IMPROVED


def test_without_comparison_villages_there_is_no_difference_in_differences():
    result = before_after(OBS[OBS[s.VILLAGE] != "C"], VILLAGES[VILLAGES[s.VILLAGE] != "C"])
    assert result.comparison is None and result.did is None


def test_project_villages_are_listed_first():
    assert [c.name for c in before_after(OBS, VILLAGES).villages] == ["A", "B", "C"]


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        (
            "en",
            "Readiness rose from 22% (58 of 263) to 49% (131 of 268). "
            "This is more than chance would explain.",
        ),
        (
            "ru",
            "Готовность к школе выросла с 22\u00a0% (58 из 263) до 49\u00a0% (131 из 268). "
            "Это больше, чем можно объяснить случайностью.",
        ),
        (
            "ky",
            "Мектепке даярдык 22% (263 баланын ичинен 58) деңгээлинен 49% "
            "(268 баланын ичинен 131) деңгээлине чейин өстү. "
            "Бул өзгөрүүнү кокустук менен түшүндүрүүгө болбойт.",
        ),
    ],
)
def test_the_sentence_of_the_issue_in_three_languages(lang, sentence):
    said = change_sentence(
        s.READINESS, Rate(58, 263), Rate(131, 268), Verdict.IMPROVED, Translator(lang)
    )
    assert said == sentence


def test_a_verdict_of_too_few_says_so():
    said = change_sentence(s.COVERAGE, Rate(3, 10), Rate(5, 12), Verdict.TOO_FEW, Translator("en"))
    assert said.endswith("Too few children to judge: fewer than 20 in a period.")


def test_the_view_of_the_demo_shows_the_project_effect(demo):
    view = before_after_view(
        demo.observations, demo.villages, s.READINESS, None, Translator("en"), registry()
    )
    assert view.sentences[0].startswith("Project villages: readiness rose from 23% (198 of 870)")
    assert view.result.did_verdict is Verdict.IMPROVED
    katran = view.table[view.table["Village"] == "Katran"].iloc[0]
    assert (katran["Before the project"], katran["Verdict"]) == ("22% (113 of 505)", "Improved")
    traces = {trace.name: trace for trace in view.figure.data if trace.name}
    assert traces["Before the project"].x[1] == pytest.approx(113 / 505)
    assert tuple(view.figure.layout.xaxis.range) == (0, 1)


def test_the_table_gives_each_rate_its_wilson_interval(demo):
    view = before_after_view(
        demo.observations, demo.villages, s.READINESS, None, Translator("en"), registry()
    )
    katran = view.table[view.table["Village"] == "Katran"].iloc[0]
    low, high = wilson_interval(113, 505)
    t = Translator("en")
    assert katran["95% interval before"] == f"{t.percent(low)} – {t.percent(high)}"


@pytest.mark.parametrize(
    ("years", "periods"),
    [
        (list(range(2011, 2026)), Periods((2011, 2013), (2023, 2025))),
        ([2015, 2016], Periods((2015, 2015), (2016, 2016))),
        ([2015], Periods((2015, 2015), (2015, 2015))),
    ],
)
def test_chosen_years_start_from_the_first_and_last_years_even_in_short_data(years, periods):
    assert default_periods(years) == periods


def test_a_group_pools_only_the_villages_that_reported_before_and_after():
    late = observations(("D", 2015, 500, 490))  # a project village that reported after only
    villages = pd.concat(
        [VILLAGES, pd.DataFrame({s.VILLAGE: ["D"], s.IN_PROJECT: [True], s.PROJECT_START: [2014]})]
    ).astype({s.IN_PROJECT: "boolean", s.PROJECT_START: "Int64"})
    obs = pd.concat([OBS, late], ignore_index=True)
    result = before_after(obs, villages)
    assert result.project.before == Rate(39, 180) and result.project.after == Rate(90, 140)
    assert result.reported == {"project": (2, 3), "comparison": (1, 1)}
    view = before_after_view(obs, villages, s.READINESS, None, Translator("en"), registry())
    note = "Based on the 2 villages that reported both before and after."
    assert view.sentences[0].endswith(note)
    assert not view.sentences[1].endswith("before and after.")  # every comparison village did


def test_without_a_project_start_the_page_says_there_is_no_before_and_after():
    outside = VILLAGES.assign(**{s.IN_PROJECT: False, s.PROJECT_START: None}).astype(
        {s.IN_PROJECT: "boolean", s.PROJECT_START: "Int64"}
    )
    view = before_after_view(OBS, outside, s.READINESS, None, Translator("en"), registry())
    assert view.sentences == [
        "No village has a project start year, so there is no before and after. Choose the years "
        "to compare instead."
    ]
    assert view.table.empty
    chosen = Periods((2011, 2011), (2015, 2015))  # nobody reported 2011
    view = before_after_view(OBS, outside, s.READINESS, chosen, Translator("en"), registry())
    assert view.sentences == ["No village reported this figure both before and after."]


def test_periods_that_overlap_or_run_backwards_are_warned_about():
    en = Translator("en")
    assert periods_warning(None, en) is None
    assert periods_warning(Periods((2014, 2016), (2019, 2021)), en) is None
    shared = periods_warning(Periods((2014, 2017), (2016, 2020)), en)
    assert shared == (
        "The two periods share 2 school years (2016–2017, 2017–2018): they count in both, "
        "so the change is smaller than it would be."
    )
    assert "2 общих учебных года" in periods_warning(
        Periods((2014, 2017), (2016, 2020)), Translator("ru")
    )
    assert "backwards" in periods_warning(Periods((2019, 2021), (2014, 2016)), en)
