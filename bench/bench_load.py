"""Benchmark: load_workbook on a national-scale workbook, beside a bare python-calamine read and
pandas.read_excel(engine="openpyxl") of the same file. Prints the figures; the goal is
load_workbook <= 1.5x the bare calamine read (so at least 5x faster than openpyxl).

Also the Upload page's reader, load_untrusted (load_workbook in a guarded child process): what
starting a child costs, and its time on the demo workbook and on the national one."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import pandas as pd
import python_calamine

sys.path.insert(0, str(Path(__file__).resolve().parent))
from national import national_registry, national_workbook

from readiness import Limits, load_workbook
from readiness.ingest import load_untrusted
from readiness.ingest.sandbox import run_guarded
from readiness.paths import DEMO_WORKBOOK

REPEAT = 5


def bare_calamine(path: Path) -> int:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    rows = [book.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in book.sheet_names]
    return sum(map(len, rows))


def best(action, repeat: int = REPEAT) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def side_by_side(*actions, repeat: int = 2 * REPEAT) -> list[tuple[float, float]]:
    """(best, median) of each action, run in turns, so that a machine that slows down or speeds
    up during the run weighs on every figure alike (a shared virtual machine does)."""
    times: list[list[float]] = [[] for _ in actions]
    for _ in range(repeat):
        for action, taken in zip(actions, times, strict=True):
            start = time.perf_counter()
            action()
            taken.append(time.perf_counter() - start)
    return [(min(taken), statistics.median(taken)) for taken in times]


def main() -> None:
    path = national_workbook()
    places = national_registry()
    start = time.perf_counter()
    result = load_workbook(path, places=places)  # the first read, with every cache cold
    cold = time.perf_counter() - start
    size = path.stat().st_size / 1e6
    rows, problems = len(result.observations), len(result.problems)
    print(f"file: {path.name}, {size:.1f} MB, {rows:,} canonical rows, {problems} problems")
    calamine, loader = side_by_side(
        lambda: bare_calamine(path), lambda: load_workbook(path, places=places)
    )
    openpyxl = best(lambda: pd.read_excel(path, engine="openpyxl", header=None), repeat=1)
    print(f"{'':28}{'best':>8}{'median':>9}")
    print(f"{'bare python-calamine read':28}{calamine[0]:8.3f}{calamine[1]:9.3f} s")
    print(f"{'load_workbook':28}{loader[0]:8.3f}{loader[1]:9.3f} s  (first read: {cold:.3f} s)")
    print(f"{'pandas.read_excel(openpyxl)':28}{openpyxl[0]:8.3f}{openpyxl[1]:9.3f} s")
    print(f"load_workbook / calamine: {loader[0] / calamine[0]:.2f}x (goal <= 1.5x)")
    print(f"openpyxl / load_workbook: {openpyxl[0] / loader[0]:.1f}x (goal >= 5x)")
    sandboxed(path.read_bytes(), places)


def sandboxed(national: bytes, places) -> None:
    """The guarded reader: the fork server's start, a child's start, and whole reads."""
    start = time.perf_counter()
    run_guarded(bytes, (), Limits())  # the first child starts the fork server
    server = time.perf_counter() - start
    child = best(lambda: run_guarded(bytes, (), Limits()), repeat=20)
    demo = DEMO_WORKBOOK.read_bytes()
    demo_direct = best(lambda: load_workbook(demo))
    demo_guarded = best(lambda: load_untrusted(demo))
    guarded = best(lambda: load_untrusted(national, places=places))
    print(f"fork server start (once): {server:.3f} s; a child's start and end: {child[0]:.3f} s")
    print(f"{'demo.xlsx: load_workbook':28}{demo_direct[0]:8.3f}{demo_direct[1]:9.3f} s")
    print(f"{'demo.xlsx: load_untrusted':28}{demo_guarded[0]:8.3f}{demo_guarded[1]:9.3f} s")
    print(f"{'national: load_untrusted':28}{guarded[0]:8.3f}{guarded[1]:9.3f} s")
    every_row_a_problem()


def every_row_a_problem(rows: int = 198_000) -> None:
    """An honest-looking CSV at the row limit whose every row is a problem (school years past
    the range, villages nobody knows): the reader must name them all well inside its 60 s."""
    lines = [
        "Municipality,Village,School year,Sex,Children aged 3-6,Attending preschool,"
        "Grade 1 entrants,Ready for school"
    ]
    for i in range(rows // 2):
        year = 2030 + i % 3
        for sex in ("girls", "boys"):
            lines.append(f"M{i % 50},V{i // 3:06d},{year}-{year + 1},{sex},100,50,40,20")
    content = "\n".join(lines).encode()
    start = time.perf_counter()
    result = load_workbook(content)
    direct = time.perf_counter() - start
    start = time.perf_counter()
    load_untrusted(content)
    guarded = time.perf_counter() - start
    print(
        f"{rows:,} rows, each a problem ({len(result.problems):,} problems, "
        f"{len(content) / 1e6:.1f} MB): load_workbook {direct:.1f} s, "
        f"load_untrusted {guarded:.1f} s (limits: {Limits().cpu_seconds} s of processor, "
        f"{Limits().wall_seconds:.0f} s in all)"
    )


if __name__ == "__main__":
    main()
