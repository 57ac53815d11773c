"""The floor Streamlit itself sets, for bench/bench_crowd.py (not a benchmark: `make bench` runs
only bench/*.py). The Overview's work with nothing of the dashboard around it: the demo data read
once and cached, a selectbox of the school year, that year's two rates, and one Plotly chart of
coverage and readiness by year for Katran aiyl aimak, built on every run as the Overview builds
its trend chart.

    .venv/bin/python -m streamlit run bench/apps/bare_app.py
"""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from readiness import load_workbook
from readiness.analysis.measures import Area, area_villages, yearly
from readiness.model import schema as s
from readiness.paths import DEMO_WORKBOOK

MUNICIPALITY = "Katran"


@st.cache_data(show_spinner=False)
def katran_by_year() -> pd.DataFrame:
    """The yearly table the Overview draws for Katran aiyl aimak."""
    data = load_workbook(DEMO_WORKBOOK)
    keys = area_villages(data.villages, Area(s.MUNICIPALITY, MUNICIPALITY))
    return yearly(data.observations, keys)


def percent(value) -> str:
    return "–" if pd.isna(value) else f"{value:.0%}"


def trend(table: pd.DataFrame) -> go.Figure:
    figure = go.Figure()
    for rate in (s.COVERAGE, s.READINESS):
        values = table[rate].astype("Float64").astype(float)
        figure.add_trace(
            go.Scatter(x=list(table.index), y=list(values), name=rate, mode="lines+markers")
        )
    figure.update_layout(title="Katran aiyl aimak", height=520)
    figure.update_yaxes(range=[0, 1.0], tickformat=".0%")
    return figure


table = katran_by_year()
years = sorted(table.index, reverse=True)
year = st.selectbox("School year", years, key="bare_year")
st.title("Katran aiyl aimak")
left, right = st.columns(2)
left.metric("Coverage", percent(table.at[year, s.COVERAGE]))
right.metric("Readiness", percent(table.at[year, s.READINESS]))
st.plotly_chart(trend(table), width="stretch", theme=None, key="bare_trend")
