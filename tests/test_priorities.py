"""Priorities: the ranking, its weights, the reason for each village, and a safe download."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from openpyxl import load_workbook as open_book

from readiness.analysis.priorities import (
    DEFAULT_WEIGHTS,
    GAP,
    NOT_READY,
    main_reason,
    rank_villages,
)
from readiness.escape import xlsx as safe_text
from readiness.files.exports import table_workbook
from readiness.i18n import Translator
from readiness.model import schema as s
from readiness.model.places import registry
from readiness.views.priorities import priorities_view


def observations(*rows: tuple) -> pd.DataFrame:
    """Total rows from (village, year, children, enrolled, entrants, ready)."""
    data = pd.DataFrame(rows, columns=[s.VILLAGE, s.YEAR, *s.COUNTS])
    data = data.assign(**{s.MUNICIPALITY: "M", s.SEX: s.TOTAL})
    return data[list(s.OBSERVATION_COLUMNS)].astype(s.OBSERVATION_DTYPES)


OBS = observations(
    ("A", 2013, 100, 50, 40, 20),
    ("A", 2015, 100, 50, 40, 10),
    ("B", 2013, 300, 30, 80, 20),
    ("B", 2015, 300, 30, 80, 20),
    ("C", 2013, 50, 45, 10, 9),
    ("C", 2015, 50, 45, 10, 9),
)


def test_the_village_with_the_most_need_ranks_first():
    ranking = rank_villages(OBS, ["A", "B", "C"], 2015)
    assert list(ranking.table[s.VILLAGE]) == ["B", "A", "C"]
    assert list(ranking.table["rank"]) == [1, 2, 3]
    b = ranking.table.iloc[0]
    assert (b[NOT_READY], b["not_enrolled"], b[GAP]) == (60, 270, 0.75)


def test_inputs_are_scaled_between_the_lowest_and_the_highest_village():
    table = rank_villages(OBS, ["A", "B", "C"], 2015).table.set_index(s.VILLAGE)
    assert table.at["B", "not_ready_scaled"] == 1 and table.at["C", "not_ready_scaled"] == 0
    assert table.at["A", "not_ready_scaled"] == pytest.approx((30 - 1) / (60 - 1))
    assert table.at["A", "falling"] == pytest.approx(0.25)


def test_weights_change_the_order():
    trend_only = {NOT_READY: 0, GAP: 0, "not_enrolled": 0, "falling": 100}
    ranking = rank_villages(OBS, ["A", "B", "C"], 2015, trend_only)
    assert ranking.table.iloc[0][s.VILLAGE] == "A"
    assert main_reason(ranking.table.iloc[0], ranking.weights) == "falling"


def test_a_village_missing_an_input_is_scored_on_the_others():
    extra = pd.concat([OBS, observations(("D", 2015, 80, 10, 20, None))], ignore_index=True)
    table = rank_villages(extra, ["A", "B", "C", "D"], 2015).table.set_index(s.VILLAGE)
    assert pd.isna(table.at["D", GAP]) and not pd.isna(table.at["D", "score"])


def test_the_demo_ranking_says_why_in_a_sentence_with_plural_forms(demo):
    villages = sorted(demo.villages[s.VILLAGE])
    for lang, first in (
        (
            "en",
            "Kara-Suu (rank 1 of 8): 113 children arrived at school not ready in 2025–2026, "
            "the most of 8 villages.",
        ),
        (
            "ru",
            "Кара-Суу (1-е место из 8): в 2025–2026 учебном году 113 детей пришли в школу "
            "неподготовленными, больше всех из 8 сёл.",
        ),
    ):
        view = priorities_view(
            demo.observations, villages, 2025, DEFAULT_WEIGHTS, Translator(lang), registry()
        )
        assert view.reasons[0] == first
    assert (
        "64 ребёнка пришли"
        in priorities_view(
            demo.observations, villages, 2025, DEFAULT_WEIGHTS, Translator("ru"), registry()
        ).reasons[1]
    )


def test_the_formula_is_said_in_words_with_the_weights():
    view_formula = priorities_view(
        OBS, ["A", "B"], 2015, DEFAULT_WEIGHTS, Translator("en"), registry()
    ).formula
    assert view_formula.startswith("Priority = 40% × children not ready + 20% × readiness gap")


def test_the_ranking_downloads_as_a_workbook(demo):
    villages = sorted(demo.villages[s.VILLAGE])
    t = Translator("ky")
    view = priorities_view(demo.observations, villages, 2025, DEFAULT_WEIGHTS, t, registry())
    sheet = open_book(io.BytesIO(view.workbook())).active
    assert sheet["A2"].value == "Орун" and sheet["B3"].value == "Кара-Суу"
    assert sheet.max_row == 2 + 8


@pytest.mark.parametrize(
    ("lang", "count", "percent", "points"),
    [
        ("ru", '[>=1000]#"\u00a0"##0', '0"\u00a0"%', '"+"0" п.п."'),
        ("ky", '[>=1000]#"\u00a0"##0', "0%", '"+"0" п.п."'),
        ("en", '[>=1000]#","##0', "0%", '"+"0" p.p."'),
    ],
)
def test_the_ranking_stores_numbers_as_numbers_with_the_pages_number_formats(
    demo, lang, count, percent, points
):
    villages = sorted(demo.villages[s.VILLAGE])
    ranked = view(demo.observations, villages, 2025, lang)
    sheet = open_book(io.BytesIO(ranked.workbook())).active
    rank, village, score, not_ready, gap, not_enrolled, change, why = sheet[3]
    assert (rank.value, score.value, not_ready.value) == (1, 91, 113)
    assert village.value == registry().village_name("Kara-Suu", lang)
    assert gap.value == pytest.approx(0.70, abs=0.005) and not_enrolled.value == 538
    assert change.value == pytest.approx(-1, abs=0.5)
    assert all(c.data_type == "n" for c in (rank, score, not_ready, gap, not_enrolled, change))
    assert count in not_ready.number_format and count in not_enrolled.number_format
    assert gap.number_format == percent and change.number_format.startswith(points)
    assert (rank.number_format, score.number_format) == ("0", "0")
    assert why.data_type == "s" and not why.value.startswith("'")


@pytest.mark.parametrize("text", ['=HYPERLINK("x")', "+1", "-1", "@SUM(A1)"])
def test_text_that_looks_like_a_formula_is_kept_as_text(text):
    assert safe_text(text) == "'" + text
    data = table_workbook(pd.DataFrame({"Village": [text]}), "S", "Title")
    cell = open_book(io.BytesIO(data)).active["A3"]
    assert cell.value.startswith("'") and cell.data_type == "s"


def test_ordinary_text_and_numbers_are_left_alone():
    assert safe_text("Катран") == "Катран" and safe_text(-5) == -5


# --- honest data that used to break the page (issue 11) ------------------------------------------
def view(obs, villages, year, lang="en", weights=DEFAULT_WEIGHTS):
    return priorities_view(obs, villages, year, weights, Translator(lang), registry())


@pytest.mark.parametrize("year", [2011, 2012, 2020, 2022])
def test_the_demo_ranks_every_village_in_years_without_a_three_year_trend(demo, year):
    """2011 and 2012 have no year three back; Ak-Terek's readiness is missing in 2020."""
    ranked = view(demo.observations, sorted(demo.villages[s.VILLAGE]), year)
    assert ranked.notice is None and len(ranked.table) == 8
    assert list(ranked.table["Rank"]) == list(range(1, 9))
    if year in (2011, 2012):
        assert set(ranked.table["Readiness change (last three years)"]) == {"—"}


def test_a_village_without_the_chosen_year_is_listed_as_no_data_and_not_ranked():
    ranked = view(OBS, ["A", "B", "C", "D"], 2015)
    last = ranked.table.iloc[-1]
    assert last["Village"] == "D" and pd.isna(last["Rank"])
    assert last["Priority (0-100)"] == "no data" and last["Children not ready"] == "—"
    assert ranked.reasons[-1] == "D: no data for 2015–2016."
    assert list(ranked.table["Rank"][:3]) == [1, 2, 3]
    assert ranked.leading == ranked.reasons[:3]


def test_a_villages_standing_counts_only_the_villages_with_that_number():
    extra = pd.concat([OBS, observations(("D", 2015, 80, 10, None, None))], ignore_index=True)
    reasons = view(extra, ["A", "B", "C", "D"], 2015).reasons
    assert reasons[0].startswith("B (rank 1 of 4): 60 children arrived at school not ready")
    assert reasons[0].endswith(", the most of 3 villages.")  # D reported no entrants


def test_each_reason_gives_the_villages_place_in_the_list_not_its_place_on_one_input(demo):
    """Jenish is 2nd on the list but 3rd on children not ready: its sentence says 2nd."""
    ranked = view(demo.observations, sorted(demo.villages[s.VILLAGE]), 2025, "ky")
    assert list(ranked.table["Айыл"][:3]) == ["Кара-Суу", "Жеңиш", "Катран"]
    assert ranked.reasons[1].startswith("Жеңиш (8 айылдын ичинен 2-орун): ")
    english = view(demo.observations, sorted(demo.villages[s.VILLAGE]), 2025).reasons[1]
    assert english == (
        "Jenish (rank 2 of 8): 64 children arrived at school not ready in 2025–2026, more than "
        "in 5 of the other 7 villages."
    )


def test_with_only_the_gap_weighted_the_reason_speaks_of_the_lowest_readiness(demo):
    gap_only = {NOT_READY: 0, GAP: 100, "not_enrolled": 0, "falling": 0}
    villages = sorted(demo.villages[s.VILLAGE])
    reasons = view(demo.observations, villages, 2025, "en", gap_only).reasons
    assert reasons[0] == (
        "Churbek (rank 1 of 8): 22% of grade 1 entrants were ready for school in 2025–2026, the "
        "lowest readiness of 8 villages."
    )
    assert reasons[-1].endswith("were ready for school in 2025–2026.")  # the highest: no rank


def test_all_weights_at_zero_give_a_message_instead_of_a_ranking():
    zero = dict.fromkeys(DEFAULT_WEIGHTS, 0)
    ranked = view(OBS, ["A", "B", "C"], 2015, "ru", zero)
    assert ranked.notice == (
        "Все четыре веса равны 0, поэтому сёла нельзя упорядочить. "
        "Задайте вес хотя бы одному показателю."
    )
    assert ranked.ranking.ranked.empty and ranked.leading == []


def test_one_village_and_one_year_is_the_only_village_with_its_number():
    ranked = view(observations(("A", 2015, 100, 50, 40, 30)), ["A"], 2015)
    assert ranked.notice is None and list(ranked.table["Rank"]) == [1]
    assert ranked.reasons == [
        "A (rank 1 of 1): 10 children arrived at school not ready in 2015–2016, the only village "
        "with this number."
    ]


def test_without_any_readiness_counts_the_villages_rank_on_preschool():
    obs = observations(("A", 2015, 100, 50, None, None), ("B", 2015, 300, 30, None, None))
    ranked = view(obs, ["A", "B"], 2015)
    assert list(ranked.table["Village"]) == ["B", "A"]
    assert ranked.reasons[0].startswith("B (rank 1 of 2): 270 children aged 3-6 were not in")
    assert set(ranked.table["Readiness gap"]) == {"—"}


def test_with_no_numbers_for_the_year_the_view_says_so():
    obs = observations(("A", 2015, None, None, None, None), ("A", 2014, 100, 50, 40, 30))
    ranked = view(obs, ["A"], 2015)
    assert ranked.notice == "There are no numbers for 2015–2016 to rank the villages."


def test_a_village_with_no_grade_1_entrants_this_year_is_ranked_without_a_readiness_gap():
    obs = pd.concat([OBS, observations(("D", 2015, 80, 10, 0, 0))], ignore_index=True)
    table = rank_villages(obs, ["A", "B", "C", "D"], 2015).table.set_index(s.VILLAGE)
    assert table.at["D", NOT_READY] == 0 and pd.isna(table.at["D", GAP])
    assert not pd.isna(table.at["D", "rank"])
    shown = view(obs, ["A", "B", "C", "D"], 2015).table.set_index("Village")
    assert (shown.at["D", "Children not ready"], shown.at["D", "Readiness gap"]) == ("0", "—")
    assert shown.at["A", "Readiness gap"] == "75% (30 of 40)"  # the gap beside its counts
