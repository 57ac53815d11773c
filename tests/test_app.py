"""The app in Streamlit's AppTest: every page in every language, the language in the URL, and the
Overview's numbers for a chosen village against the demo workbook."""

from __future__ import annotations

import json

import pytest
from conftest import direct_counts, failures, table_shown
from streamlit.testing.v1 import AppTest

from readiness import escape, ui
from readiness.analysis.measures import Area
from readiness.i18n import LANGUAGES, Translator
from readiness.model import schema as s
from readiness.paths import REPO_ROOT

PAGES = [page.file for page in ui.PAGES if not page.analysts_only]
TITLES = {
    "pages/overview.py": {
        "ky": "Катран айыл аймагы",
        "ru": "Катранский айыльный аймак",
        "en": "Katran aiyl aimak",
    },
    "pages/years.py": {"ky": "Жылдар", "ru": "Годы", "en": "Years"},
    "pages/before_after.py": {
        "ky": "Долбоорго чейин жана долбоордон кийин",
        "ru": "До и после проекта",
        "en": "Before and after the project",
    },
    "pages/priorities.py": {
        "ky": "2025–2026-окуу жылынын артыкчылыктары",
        "ru": "Приоритеты на 2025–2026 учебный год",
        "en": "Priorities for 2025–2026",
    },
    "pages/village.py": {"ky": "Жаңы\\-Турмуш", "ru": "Жаны\\-Турмуш", "en": "Jangy\\-Turmush"},
    "pages/data.py": {"ky": "Маалымат", "ru": "Данные", "en": "Data"},
}
HEADINGS = {  # the presentation page has no title: its first slide's heading says where
    "pages/present.py": {
        "ky": "Катран айыл аймагы",
        "ru": "Катранский айыльный аймак",
        "en": "Katran aiyl aimak",
    }
}


pytestmark = pytest.mark.usefixtures("warm_server")


def app(lang: str | None = None) -> AppTest:
    at = AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=30)
    if lang:
        at.query_params["lang"] = lang
    return at.run()


def open_page(page: str, lang: str) -> AppTest:
    at = app(lang)
    if page != PAGES[0]:
        at.switch_page(page).run()
    return at


ANALYST_PAGES = [page.file for page in ui.PAGES if page.analysts_only]  # test_upload_app.py


def test_every_page_file_is_in_the_navigation():
    assert sorted(str(p.relative_to(REPO_ROOT)) for p in (REPO_ROOT / "pages").glob("*.py")) == (
        sorted(PAGES + ANALYST_PAGES)
    )


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_each_page_runs_in_each_language(page, lang):
    at = open_page(page, lang)
    assert not failures(at)
    if page in HEADINGS:
        shown = [h.proto.body for h in at.get("html")]
        assert f'<div class="slide-heading">{HEADINGS[page][lang]}</div>' in shown
    else:
        assert at.title[0].value == TITLES[page][lang]
    assert at.warning[0].value == Translator(lang)(
        "Demo data: illustrative, not official statistics."
    )


def test_kyrgyz_is_the_default_and_the_url_says_so():
    at = app()
    assert at.title[0].value == "Катран айыл аймагы"
    assert at.query_params["lang"] == "ky"


def test_a_bookmark_in_an_unknown_language_opens_in_kyrgyz():
    at = app("xx")
    assert not failures(at)
    assert at.query_params["lang"] == "ky"


def test_switching_language_changes_the_page_and_the_url():
    at = app("ky")
    at.radio(key="app_lang").set_value("ru").run()
    assert at.title[0].value == "Катранский айыльный аймак"
    assert at.query_params["lang"] == "ru"
    at.radio(key="app_lang").set_value("en").run()
    assert at.metric[0].label == "Children aged 3-6"


def test_the_overview_of_a_chosen_village_shows_the_workbooks_numbers():
    at = app("en")
    at.selectbox(key="overview_area").set_value(Area(s.VILLAGE, "Jangy-Turmush"))
    at.selectbox(key="overview_year").set_value(2019).run()
    assert not failures(at)
    counts = direct_counts("Жаңы-Турмуш", 2019)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Children aged 3-6"] == str(counts["children"])
    assert metrics["Grade 1 entrants"] == str(counts["entrants"])
    assert metrics["Not ready for school"] == str(counts["entrants"] - counts["ready"])
    t = Translator("en")
    assert metrics["Ready for school"] == t.percent(counts["ready"] / counts["entrants"])
    shown = [m.value for m in at.markdown]
    assert f"**{counts['enrolled']} of {counts['children']}**" in shown
    assert at.title[0].value.replace("\\", "") == "Jangy-Turmush"


def test_the_overview_draws_its_trend_chart():
    at = app("ky")
    (chart,) = at.get("plotly_chart")
    spec = json.loads(chart.proto.spec)
    assert (
        spec["layout"]["title"]["text"].replace("<br>", " ")
        == "Камтуу деңгээли жана мектепке даярдык: Катран айыл аймагы"
    )
    assert [trace["name"] for trace in spec["data"]] == ["Камтуу деңгээли", "Мектепке даярдык"]
    assert len(spec["data"][0]["y"]) == 15


def test_the_data_page_lists_every_row_the_loader_read(demo):
    at = open_page("pages/data.py", "en")
    rows, villages = at.dataframe[:2]
    assert len(rows.value) == len(demo.observations)
    assert len(villages.value) == len(demo.villages)
    assert "Village" in rows.value.columns
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Download the data (.xlsx)", "Download the data (.csv)"]


def test_before_and_after_shows_a_villages_rates_and_verdict():
    at = open_page("pages/before_after.py", "en")
    table = table_shown(at.table[0]).set_index("Village")
    assert table.at["Katran", "Before the project"] == "22% (113 of 505)"
    assert table.at["Katran", "After the project"] == "47% (1,062 of 2,246)"
    assert table.at["Katran", "Verdict"] == "Improved"
    assert table.at["Kara-Suu", "Verdict"] == "No reliable change"
    assert at.markdown[0].value.startswith("### Project villages: readiness rose")


def test_before_and_after_with_chosen_years_and_coverage():
    at = open_page("pages/before_after.py", "ru")
    at.radio(key="before_after_measure").set_value("coverage")
    at.radio(key="before_after_mode").set_value("Выбрать годы").run()
    at.select_slider(key="before_after_before").set_value((2011, 2013))
    at.select_slider(key="before_after_after").set_value((2016, 2018)).run()
    assert not failures(at)
    assert at.caption[0].value == "До: 2011–2012 – 2013–2014; после: 2016–2017 – 2018–2019."
    table = table_shown(at.table[0]).set_index("Село")
    assert table.at["Катран", "Вывод"] == "Улучшилось"


def test_years_switches_measure_villages_and_view_by_key():
    at = open_page("pages/years.py", "en")
    (chart,) = at.get("plotly_chart")
    names = [trace["name"] for trace in json.loads(chart.proto.spec)["data"]]
    assert names == ["Jangy-Turmush", "Katran", "Ozgorush", "Ak-Terek"]
    at.selectbox(key="years_measure").set_value("not_ready")
    at.multiselect(key="years_villages").set_value(["Katran"])
    at.checkbox(key="years_totals").check()
    at.radio(key="years_view").set_value("bars").run()
    at.selectbox(key="years_first").set_value(2013)
    at.selectbox(key="years_second").set_value(2025).run()
    assert not failures(at)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["yaxis"]["range"][0] == 0
    assert spec["data"][0]["x"] == ["Katran", "Katran aiyl aimak (total)"]
    assert spec["data"][0]["y"][1] == 222


def test_years_without_villages_asks_for_one():
    at = open_page("pages/years.py", "ky")
    at.multiselect(key="years_villages").set_value([]).run()
    assert at.info[0].value == "Жок дегенде бир айылды тандаңыз."


def test_priorities_rank_first_and_follow_the_weights():
    at = open_page("pages/priorities.py", "en")
    table = table_shown(at.table[0])
    assert table.iloc[0]["Village"] == "Kara-Suu"
    shown = at.markdown[0].value.replace("\\", "").replace(escape.WORD_JOINER, "")
    assert shown.startswith("### Kara-Suu (rank 1 of 8): 113 children arrived")
    at.slider(key="priorities_w_not_ready").set_value(0)
    at.slider(key="priorities_w_not_enrolled").set_value(0)
    at.slider(key="priorities_w_readiness_gap").set_value(100).run()
    assert table_shown(at.table[0]).iloc[0]["Village"] == "Churbek"
    assert at.download_button(key="priorities_download").label == "Download the ranking (.xlsx)"


def test_the_village_profile_switches_village_and_shows_girls_and_boys():
    at = open_page("pages/village.py", "en")
    at.selectbox(key="profile_village").set_value("Katran").run()
    assert not failures(at)
    assert at.title[0].value == "Katran"
    table = table_shown(at.table[0])
    assert table.iloc[-1]["School readiness"] == "57% (115 of 202)"
    parity = table_shown(at.table[1])
    assert parity.iloc[-1]["School readiness: parity index"] == "1.16"
    assert len(at.get("plotly_chart")) == 3


def test_a_page_that_fails_shows_a_translated_message_not_streamlits_error(monkeypatch):
    import readiness.views.overview as overview

    def broken(*args, **kwargs):
        raise TypeError("bad operand type for unary -: 'NoneType'")

    monkeypatch.setattr(overview, "overview_view", broken)
    at = open_page("pages/overview.py", "ky")
    assert not at.exception
    assert failures(at) == ["TypeError: bad operand type for unary -: 'NoneType'"]
    assert at.error[0].value.startswith("Бул бетте бир ката чыкты")
