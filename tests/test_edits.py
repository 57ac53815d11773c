"""Corrections made in the upload preview, checked again against the file's cells."""

from __future__ import annotations

import pandas as pd

from readiness import load_workbook
from readiness.files.writer import data_csv
from readiness.ingest.edits import Edit, apply_edits, edits_between
from readiness.model import schema as s
from readiness.model.problems import Code


def _file(demo, *, totals: bool) -> tuple[bytes, pd.DataFrame]:
    rows = demo.observations[demo.observations[s.YEAR] == 2025]
    if not totals:
        rows = rows[rows[s.SEX] != s.TOTAL]
    return data_csv(rows, "en"), rows  # split on commas below


def _label(result, village: str, sex: str) -> int:
    obs = result.observations
    return int(obs.index[(obs[s.VILLAGE] == village) & (obs[s.SEX] == sex)][0])


def test_correcting_an_unreadable_number_removes_its_problem(demo):
    content, _ = _file(demo, totals=True)
    lines = content.decode("utf-8-sig").split("\r\n")
    cells = lines[1].split(",")
    right = int(cells[4])
    cells[4] = "12a"
    lines[1] = ",".join(cells)
    result = load_workbook("\r\n".join(lines).encode("utf-8-sig"), filename="x.csv")
    assert [(p.code, p.cell) for p in result.problems] == [(Code.BAD_NUMBER, "E2")]
    label = _label(result, "Ak-Terek", s.TOTAL)
    assert pd.isna(result.observations.at[label, s.CHILDREN])
    fixed = apply_edits(result, [Edit(label, s.CHILDREN, None, right)])
    assert fixed.problems == [] and fixed.observations.at[label, s.CHILDREN] == right
    assert result.problems and pd.isna(result.observations.at[label, s.CHILDREN])  # unchanged


def test_a_computed_total_follows_a_corrected_girls_count_and_rules_run_again(demo):
    content, _ = _file(demo, totals=False)
    result = load_workbook(content, filename="x.csv")
    assert result.problems == []
    girls, total = _label(result, "Katran", s.GIRLS), _label(result, "Katran", s.TOTAL)
    entrants = int(result.observations.at[girls, s.ENTRANTS])
    wrong = apply_edits(result, [Edit(girls, s.READY, None, entrants + 5)])
    assert {p.code for p in wrong.problems} == {Code.READY_GT_ENTRANTS}
    assert wrong.problems[0].sheet is not None and wrong.problems[0].cell is not None
    boys_ready = int(result.observations.at[_label(result, "Katran", s.BOYS), s.READY])
    assert wrong.observations.at[total, s.READY] == entrants + 5 + boys_ready


def test_edits_between_finds_each_changed_count_including_emptied_cells(demo):
    before = demo.observations.head(3)
    after = before.copy()
    after.loc[0, s.CHILDREN] = after.loc[0, s.CHILDREN] + 1
    after.loc[2, s.READY] = pd.NA
    found = edits_between(before, after)
    assert [(e.label, e.field) for e in found] == [(0, s.CHILDREN), (2, s.READY)]
    assert found[1].new is None and found[1].old == before.loc[2, s.READY]
    assert edits_between(before, before.copy()) == []


def test_a_count_typed_beyond_what_the_database_stores_is_an_error_at_its_cell(demo):
    content, _ = _file(demo, totals=True)
    result = load_workbook(content, filename="x.csv")
    label = _label(result, "Katran", s.TOTAL)
    typed = apply_edits(result, [Edit(label, s.CHILDREN, None, 2**31)])
    found = [p for p in typed.problems if p.code == Code.COUNT_TOO_LARGE]
    assert len(found) == 1 and found[0].cell is not None
    assert found[0].values == {"value": 2**31, "limit": 2**31 - 1}
    assert found[0].place == ("Katran", 2025)
