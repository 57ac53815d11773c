"""Hostile files: each gives a clear problem or a safe result, in under 5 s and 500 MB.

``load_workbook`` reads each of the first files in a fresh Python process, so that the time and
the peak memory measured are the loader's own, and so that a crash would fail the test instead
of ending the test run. The Upload page's reader, ``load_untrusted``, reads each of the rest in
its guarded child process, which measures itself.
"""

from __future__ import annotations

import io
import json
import pickle
import subprocess
import sys
import time

import pytest
from fixtures import children, hostile
from fixtures import hostile_formats as formats
from openpyxl import Workbook

from readiness import Limits
from readiness.ingest import load_untrusted
from readiness.ingest.sandbox import run_guarded

# The peak is this process's own (VmHWM): ru_maxrss may carry over the peak of the process that
# started it, which, for a long test run, is far bigger than anything the loader does.
PROBE = """
import json, sys, time
from readiness import load_workbook
start = time.perf_counter()
result = load_workbook(sys.argv[1])
status = open("/proc/self/status").read().split("VmHWM:")[1]
print(json.dumps({
    "seconds": time.perf_counter() - start,
    "peak_mb": int(status.split()[0]) / 1024,
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


# --- through the sandboxed reader, as the Upload page reads files --------------------------------
UNTRUSTED = {
    "far-cell.xlsx": (hostile.far_cell, ["too_many_rows"]),
    "single-quoted.xlsx": (hostile.far_cell_single_quoted, ["too_many_rows"]),
    "tab-before-r.xlsx": (hostile.far_cell_after_a_tab, ["too_many_rows"]),
    "sheet-outside-worksheets.xlsx": (hostile.far_cell_outside_worksheets, ["too_many_rows"]),
    "relative-target.xlsx": (
        lambda: hostile.far_cell_outside_worksheets("../xl/./sheet1.xml"),
        ["too_many_rows"],
    ),
    "unnamed-part.xlsx": (hostile.far_cell_in_an_unnamed_part, ["too_many_rows"]),
    "character-reference.xlsx": (hostile.far_cell_in_a_character_reference, ["too_many_rows"]),
    "no-reference.xlsx": (hostile.far_cell_without_reference, ["too_many_rows"]),
    "utf-16-sheet.xlsx": (hostile.far_cell_in_utf16, ["unreadable"]),
    "wide-implicit-row.xlsx": (hostile.wide_row_without_references, ["sheet_too_large"]),
    "binary.xlsb": (formats.xlsb, ["binary_workbook"]),
    "far-cell.xls": (formats.xls_far_cell, ["sheet_too_large"]),
    "ten-sheets.xls": (formats.xls_far_cells_on_ten_sheets, ["sheet_too_large"]),
    "dimensions-flipped.xls": (lambda: formats.xls_corrupted("dimensions"), ["too_many_rows"]),
    "strings-flipped.xls": (lambda: formats.xls_corrupted("strings"), ["unreadable"]),
    "repeat-bomb.ods": (formats.ods_repeat_bomb, ["sheet_too_large"]),
    "kept-empty-cells.ods": (formats.ods_kept_empty_cells, ["sheet_too_large"]),
    "commas.csv": (formats.commas, ["sheet_too_large"]),
    "newlines.csv": (formats.newlines, ["empty_file"]),
    "blank-rows.csv": (formats.blank_rows_under_a_header, ["too_many_rows"]),
    "long-field.csv": (formats.one_long_field, ["field_too_long"]),
    **{name: CASES[name] for name in ("bomb.xlsx", "laughs.xlsx", "truncated.xlsx", "page.xls")},
}


@pytest.mark.parametrize("name", list(UNTRUSTED))
def test_a_hostile_file_is_refused_through_the_sandbox_quickly_and_safely(name):
    make, codes = UNTRUSTED[name]
    data = make()
    start = time.perf_counter()
    result = load_untrusted(data, filename=name)
    assert time.perf_counter() - start < 5
    assert [p.code for p in result.problems] == codes
    assert all(p.message(lang).strip() for p in result.problems for lang in ("ky", "ru", "en"))
    measured = pickle.loads(run_guarded(children.measured_read, (data, Limits()), Limits()))
    assert measured["codes"] == codes
    assert measured["seconds"] < 5
    assert measured["peak_mb"] < 500  # the child's own peak, shared pages included


PARENT_PROBE = """
import json, resource, sys, time
from readiness.ingest import load_untrusted
from readiness.paths import DEMO_WORKBOOK

def main():
    load_untrusted(DEMO_WORKBOOK.read_bytes())  # the fork server started and warm
    files = [open(path, "rb").read() for path in sys.argv[1:]]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    codes = [[p.code.value for p in load_untrusted(data).problems] for data in files]
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = len(load_untrusted(DEMO_WORKBOOK.read_bytes()).observations)
    print(json.dumps({"codes": codes, "growth_mb": after - before, "demo_rows": rows}))

if __name__ == "__main__":
    main()
"""


def test_reading_hostile_files_does_not_grow_the_servers_memory(tmp_path):
    """What the attacker measured inside the server (3.9 to 7.1 GB) stays in the child: the
    parent's peak grows by little more than the file it sends (20 MB) and its result."""
    names = ["commas.csv", "blank-rows.csv", "ten-sheets.xls", "repeat-bomb.ods", "far-cell.xlsx"]
    paths = []
    for name in names:
        paths.append(tmp_path / name)
        paths[-1].write_bytes(UNTRUSTED[name][0]())
    script = tmp_path / "probe.py"
    script.write_text(PARENT_PROBE)
    probe = subprocess.run(
        [sys.executable, str(script), *map(str, paths)], capture_output=True, text=True, timeout=120
    )
    assert probe.returncode == 0, probe.stderr[-2000:]
    found = json.loads(probe.stdout)
    assert found["codes"] == [UNTRUSTED[name][1] for name in names]
    assert found["growth_mb"] < 150
    assert found["demo_rows"] > 0  # and the server goes on reading files
