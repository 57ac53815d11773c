"""Hostile files: each gives a clear problem or a safe result, in under 5 s and 500 MB.

Each file is read in a fresh Python process, so that the time and the peak memory measured are
the loader's own, and so that a crash would fail the test instead of ending the test run.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
from fixtures import hostile
from openpyxl import Workbook

PROBE = """
import json, resource, sys, time
from readiness import load_workbook
start = time.perf_counter()
result = load_workbook(sys.argv[1])
print(json.dumps({
    "seconds": time.perf_counter() - start,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "codes": [p.code.value for p in result.problems],
    "rows": len(result.observations),
    "messages": [p.message("ky") for p in result.problems],
}))
"""


def empty_workbook() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


CASES = {
    "truncated.xlsx": (hostile.truncated, ["unreadable"]),
    "bomb.xlsx": (hostile.zip_bomb, ["zip_bomb"]),
    "page.xls": (hostile.html_table, ["html_page"]),
    "garbage.xlsx": (hostile.garbage, ["not_a_spreadsheet"]),
    "empty.xlsx": (empty_workbook, ["empty_file"]),
    "laughs.xlsx": (hostile.entity_expansion, ["unreadable"]),
    "dimension.xlsx": (hostile.huge_dimension, []),
    "far-cell.xlsx": (hostile.far_cell, ["too_many_rows"]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_hostile_file_is_refused_quickly_and_safely(name, tmp_path):
    make, codes = CASES[name]
    path = tmp_path / name
    path.write_bytes(make())
    probe = subprocess.run(
        [sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, timeout=60
    )
    assert probe.returncode == 0, probe.stderr[-2000:]
    found = json.loads(probe.stdout)
    assert found["codes"] == codes
    assert found["seconds"] < 5
    assert found["peak_mb"] < 500
    assert all(message.strip() for message in found["messages"])


def test_a_claimed_dimension_does_not_matter_only_the_cells_do(tmp_path):
    path = tmp_path / "dimension.xlsx"
    path.write_bytes(hostile.huge_dimension())
    probe = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True)
    assert json.loads(probe.stdout)["rows"] == 1
