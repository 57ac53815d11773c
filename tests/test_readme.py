"""The README's data model is the schema's: its two tables name the columns of
``readiness.model.schema`` in their order, with their dtypes, so that the two cannot drift."""

from __future__ import annotations

import re

import pytest

from readiness.model import schema as s
from readiness.paths import REPO_ROOT

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README.split("\n## Data model\n", 1)[1].split("\n## ", 1)[0]
CELL = re.compile(r"(?<!\\)\|")  # a cell boundary; "\|" is a bar inside a cell


def _table(frame: str) -> list[tuple[str, str, str]]:
    """The (column, type, meaning) rows of the table under the line that starts with `frame`."""
    after = SECTION.split(f"\n`{frame}`, ", 1)[1]
    rows = []
    for line in after.split("\n\n", 2)[1].splitlines():
        cells = [c.strip().replace("\\|", "|") for c in CELL.split(line.strip())[1:-1]]
        if cells != ["column", "type", "meaning"] and set(cells[0]) != {"-"}:
            rows.append(tuple(cells))
    return rows


TABLES = {
    "observations": (s.OBSERVATION_COLUMNS, s.OBSERVATION_DTYPES),
    "villages": (s.VILLAGE_COLUMNS, s.VILLAGE_DTYPES),
}


@pytest.mark.parametrize("frame", TABLES)
def test_the_readme_names_the_schemas_columns_in_order_with_their_dtypes(frame):
    columns, dtypes = TABLES[frame]
    rows = _table(frame)
    assert [name for name, _, _ in rows] == list(columns)
    assert {name: dtype for name, dtype, _ in rows} == dtypes
    assert all(meaning for _, _, meaning in rows), "every column says what it means"


def test_the_readme_gives_the_sexes_and_the_spelling_separator_of_the_schema():
    meaning = {name: said for name, _, said in _table("observations") + _table("villages")}
    assert all(f'"{sex}"' in meaning[s.SEX] for sex in s.SEXES)
    assert f'"{s.SPELLING_SEPARATOR}"' in meaning[s.SPELLINGS]


def test_the_readme_points_at_the_schema_module():
    assert "`src/readiness/model/schema.py`" in SECTION
    assert (REPO_ROOT / "src/readiness/model/schema.py").is_file()
