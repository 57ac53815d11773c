"""Benchmark: the store on the national-scale data set (2,000 villages, 90,000 rows), in SQLite and,
when READINESS_DATABASE_URL is set, in PostgreSQL: the first commit, reading a version (once per
version; the app caches it), replacing one school year, a rollback, and what changed."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from national import national_registry, national_workbook

from readiness import load_workbook
from readiness.model import schema as s
from readiness.store import Mode, Store, Upload
from readiness.store.tables import metadata


def timed(name: str, action):
    start = time.perf_counter()
    result = action()
    print(f"  {name:38}{(time.perf_counter() - start) * 1000:8.0f} ms")
    return result


def run(url: str) -> None:
    print(url.split("@")[-1])
    store = Store(url)
    metadata.drop_all(store.engine)
    store.setup(seed=None)
    path = national_workbook()
    data = load_workbook(path, places=national_registry())
    content = path.read_bytes()
    everything = Upload.of(data, content, path.name)
    first = timed(
        f"commit all ({len(data.observations):,} rows)",
        lambda: store.commit(everything, mode=Mode.REPLACE_ALL, author="bench"),
    )
    timed("read the current version", lambda: store.data(store.current_id()))
    timed("current version id (every click)", store.current_id)
    year = data.observations[data.observations[s.YEAR] == 2025].copy()
    year[s.READY] = year[s.READY] - (year[s.READY] > 0)
    one_year = Upload(b"2025", "2025.xlsx", year, data.villages)
    timed(
        f"replace one school year ({len(year):,} rows)",
        lambda: store.commit(one_year, mode=Mode.REPLACE_YEARS, author="bench"),
    )
    found = timed("what changed between the two", lambda: store.changes(first.version.id, 2))
    print(f"    ({len(found):,} villages and years changed)")
    timed("roll back to the first", lambda: store.rollback(first.version.id, author="bench"))
    store.dispose()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        run(f"sqlite:///{folder}/bench.sqlite")
    if os.environ.get("READINESS_DATABASE_URL"):
        run(os.environ["READINESS_DATABASE_URL"])


if __name__ == "__main__":
    main()
