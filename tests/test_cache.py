"""The process-wide caches: each value computed once, however many threads ask at once."""

from __future__ import annotations

import threading
import time

import pytest

from readiness.cache import Recent, Shared


def test_many_threads_asking_for_one_key_compute_it_once():
    cache, calls, start = Shared(size=4), [], threading.Barrier(20)

    def slow() -> int:
        calls.append(1)
        time.sleep(0.05)
        return 42

    def ask(found: list) -> None:
        start.wait()
        found.append(cache.get("overview", slow))

    found: list[int] = []
    threads = [threading.Thread(target=ask, args=(found,)) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert found == [42] * 20 and len(calls) == 1


def test_the_least_recently_used_value_is_dropped_when_full():
    cache = Shared(size=2)
    for key in ("a", "b"):
        cache.get(key, lambda k=key: k.upper())
    cache.get("a", lambda: "again")  # a is used again, so b is the oldest
    cache.get("c", lambda: "C")
    assert len(cache) == 2
    assert cache.get("a", lambda: "recomputed") == "A"
    assert cache.get("b", lambda: "recomputed") == "recomputed"


def test_a_failed_computation_is_not_kept_and_others_may_try_again():
    cache = Shared(size=2)

    def broken() -> int:
        raise ValueError("no")

    for _ in range(2):
        with pytest.raises(ValueError):
            cache.get("k", broken)
    assert cache.get("k", lambda: 1) == 1


def test_a_recent_value_is_read_again_only_after_its_time():
    now = [0.0]
    recent, reads = Recent(seconds=1.0, clock=lambda: now[0]), []

    def read() -> int:
        reads.append(1)
        return len(reads)

    assert recent.get("id", read) == 1
    now[0] = 0.5
    assert recent.get("id", read) == 1
    now[0] = 1.6
    assert recent.get("id", read) == 2
    recent.forget("id")
    assert recent.get("id", read) == 3
