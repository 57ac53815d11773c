"""The guarded child process: whatever happens to it, the caller gets a result and goes on."""

from __future__ import annotations

import io
import multiprocessing
import os
import pickle
import re
import signal
import time
import zipfile

import pytest
from fixtures import children, hostile, layouts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_formats import FRAME, assert_frame, rows

from readiness import Limits, LoadResult, load_workbook
from readiness.ingest import load_untrusted
from readiness.ingest.sandbox import result_in, run_guarded
from readiness.paths import DEMO_WORKBOOK

QUICK = Limits(wall_seconds=3.0)


def assert_not_read_safely(result: LoadResult) -> None:
    assert isinstance(result, LoadResult)
    assert [p.code for p in result.problems] == ["not_read_safely"]
    assert result.observations.empty
    assert "could not be read safely" in result.problems[0].message("en")


def assert_still_reading() -> None:
    """The caller goes on: the next file is read as if nothing had happened."""
    assert_frame(load_untrusted(layouts.long(FRAME, "ky"), filename="next.xlsx"))
    assert multiprocessing.active_children() == []  # no child left behind


def test_an_upload_reads_like_the_in_process_loader():
    data = DEMO_WORKBOOK.read_bytes()
    guarded, direct = load_untrusted(data, filename="demo.xlsx"), load_workbook(data)
    assert guarded.ok
    for name in ("observations", "villages", "mapping", "provenance"):
        assert getattr(guarded, name).equals(getattr(direct, name))
    assert guarded.sources == direct.sources


def test_a_reader_out_of_memory_is_not_read_safely_and_the_caller_goes_on():
    """With the pre-parse bounds out of the way, calamine asks for 17 billion cells; the
    address-space limit makes the allocation fail and the child abort (SIGABRT)."""
    unbounded = Limits(max_rows=10**9, max_columns=10**9, max_cells=10**15)
    assert_not_read_safely(load_untrusted(hostile.far_cell(), limits=unbounded))
    assert_still_reading()


def test_a_small_memory_budget_stops_a_reader_that_needs_more():
    """A million rows to hold (some 150 MB) with the row limit lifted: past a 64 MB budget."""
    data = b"a;b;c;d;e;f;g;h\n" * 1_000_000
    assert [p.code for p in load_untrusted(data).problems] == ["too_many_rows"]
    tight = Limits(max_rows=10**7, memory_budget=64 * 1024 * 1024)
    assert_not_read_safely(load_untrusted(data, limits=tight))
    assert_still_reading()


def test_a_reader_over_its_time_is_killed_at_the_deadline():
    start = time.perf_counter()
    result = load_untrusted(DEMO_WORKBOOK.read_bytes(), limits=Limits(wall_seconds=0.001))
    assert_not_read_safely(result)
    assert time.perf_counter() - start < 3
    assert_still_reading()


@pytest.mark.parametrize(
    ("target", "args"),
    [
        (children.killed_by, (signal.SIGKILL,)),
        (children.killed_by, (signal.SIGSEGV,)),
        (children.exits_without_reply, ()),
        (children.raises, ()),
        (children.sleeps, (30,)),
        (children.stops, ()),
    ],
    ids=["sigkill", "sigsegv", "silent-exit", "exception", "over-time", "stopped"],
)
def test_a_child_that_ends_without_a_reply_gives_none_within_the_deadline(target, args):
    start = time.perf_counter()
    assert run_guarded(target, args, QUICK) is None
    assert time.perf_counter() - start < QUICK.wall_seconds + 2
    assert_still_reading()


def test_processor_time_and_memory_are_limited_in_the_child():
    start = time.perf_counter()
    spin = Limits(cpu_seconds=1, wall_seconds=20)
    assert run_guarded(children.spins, (), spin) is None  # SIGXCPU after one second
    assert time.perf_counter() - start < 10
    greedy = Limits(memory_budget=256 * 1024 * 1024, wall_seconds=20)
    assert run_guarded(children.eats_memory, (), greedy) is None
    assert_still_reading()


class _Runs:
    """Unpickling this runs a command: what a child taken over could send."""

    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (os.system, (f"touch {self.path}",))


@pytest.mark.parametrize(
    "reply",
    [
        lambda _: None,
        lambda _: b"",
        lambda _: b"not a pickle at all",
        lambda _: pickle.dumps({"observations": []}),
        lambda marker: pickle.dumps(_Runs(marker)),
        lambda _: pickle.dumps(LoadResult)[:-3],
    ],
    ids=["nothing", "empty", "garbage", "other-object", "code", "cut-short"],
)
def test_a_reply_that_is_not_a_result_is_refused_and_never_run(reply, tmp_path):
    marker = tmp_path / "ran"
    assert result_in(reply(marker)) is None
    assert not marker.exists()


# --- a fuzzer: valid files of every format, broken at random ------------------------------------
VALID = {
    "xlsx": layouts.long(FRAME, "ru"),
    "xls": layouts.to_xls(rows()),
    "ods": layouts.to_ods(rows("ky")),
    "csv": layouts.to_csv(rows(), encoding="cp1251", separator=";"),
}
XML_EDITS = [
    (rb'r="[A-Z]+([0-9]+)"', rb'r="XFD\1"'),
    (rb'r="[A-Z]+[0-9]+"', b""),
    (rb'r="([A-Z]+)[0-9]+"', rb'r="\g<1>1048576"'),
    (rb"<c ", b"<c\tx='>' "),
    (rb'number-(rows|columns)-repeated="[0-9]+"', rb'number-\1-repeated="99999999"'),
    (rb"<table:table-cell", b'<table:table-cell table:number-columns-repeated="4000"'),
    (rb"<row ", b'<row r="0" '),
]


def _edit_xml(data: bytes, pattern: bytes, replacement: bytes, count: int) -> bytes:
    """The package with one XML edit applied to its sheets (or content.xml), ``count`` times."""
    source, buffer = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for part in source.infolist():
            content = source.read(part)
            if part.filename.endswith(("sheet1.xml", "content.xml")):
                content = re.sub(pattern, replacement, content, count=count)
            target.writestr(part.filename, content)
    return buffer.getvalue()


@st.composite
def broken_files(draw) -> bytes:
    kind = draw(st.sampled_from(sorted(VALID)))
    data = bytearray(VALID[kind])
    zipped = kind in ("xlsx", "ods")
    how = draw(st.sampled_from(["flip", "truncate", "xml"] if zipped else ["flip", "truncate"]))
    if how == "truncate":
        return bytes(data[: draw(st.integers(0, len(data)))])
    if how == "xml":
        pattern, replacement = draw(st.sampled_from(XML_EDITS))
        return _edit_xml(bytes(data), pattern, replacement, draw(st.integers(0, 3)))
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data) - 1))
        data[at] ^= draw(st.integers(1, 255))
    return bytes(data)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(broken_files())
def test_a_broken_file_of_any_format_always_gives_a_result_in_time(data):
    start = time.perf_counter()
    result = load_untrusted(data, filename="broken", limits=QUICK)
    assert isinstance(result, LoadResult)
    assert result.ok or result.problems
    assert time.perf_counter() - start < QUICK.wall_seconds + 2
