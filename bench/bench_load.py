"""Benchmark: load_workbook on a national-scale workbook, beside a bare python-calamine read and
pandas.read_excel(engine="openpyxl") of the same file. Prints the figures; the goal is
load_workbook <= 1.5x the bare calamine read (so at least 5x faster than openpyxl)."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import pandas as pd
import python_calamine

sys.path.insert(0, str(Path(__file__).resolve().parent))
from national import national_registry, national_workbook

from readiness import load_workbook

REPEAT = 5


def bare_calamine(path: Path) -> int:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    rows = [book.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in book.sheet_names]
    return sum(map(len, rows))


def best(action, repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    path = national_workbook()
    places = national_registry()
    start = time.perf_counter()
    result = load_workbook(path, places=places)  # the first read, with every cache cold
    cold = time.perf_counter() - start
    size = path.stat().st_size / 1e6
    rows, problems = len(result.observations), len(result.problems)
    print(f"file: {path.name}, {size:.1f} MB, {rows:,} canonical rows, {problems} problems")
    calamine = best(lambda: bare_calamine(path))
    loader = best(lambda: load_workbook(path, places=places))
    openpyxl = best(lambda: pd.read_excel(path, engine="openpyxl", header=None), repeat=1)
    print(f"{'':28}{'best':>8}{'median':>9}")
    print(f"{'bare python-calamine read':28}{calamine[0]:8.3f}{calamine[1]:9.3f} s")
    print(f"{'load_workbook':28}{loader[0]:8.3f}{loader[1]:9.3f} s  (first read: {cold:.3f} s)")
    print(f"{'pandas.read_excel(openpyxl)':28}{openpyxl[0]:8.3f}{openpyxl[1]:9.3f} s")
    print(f"load_workbook / calamine: {loader[0] / calamine[0]:.2f}x (goal <= 1.5x)")
    print(f"openpyxl / load_workbook: {openpyxl[0] / loader[0]:.1f}x (goal >= 5x)")


if __name__ == "__main__":
    main()
