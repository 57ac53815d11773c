"""Process-wide caches that every session shares: each value is worked out once, however many
people ask for it at the same moment.

They live in this module, not in Streamlit's caches, so that nothing a visitor sends (Streamlit's
"clear cache" message empties ``st.cache_data`` for everybody) can make the server compute them
again. Keys hold only immutable things: a version id, a language, the choices on a page.
Versions never change, so a value keyed by a version id never goes stale; the least recently
used values are dropped when a cache is full.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class Shared(Generic[T]):
    """A least-recently-used cache with single flight: while one thread computes a key, the
    others asking for the same key wait for its result instead of computing it too."""

    def __init__(self, size: int):
        self.size = size
        self._values: OrderedDict[Hashable, T] = OrderedDict()
        self._running: dict[Hashable, threading.Event] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        while True:
            with self._lock:
                if key in self._values:
                    self._values.move_to_end(key)
                    return self._values[key]
                running = self._running.get(key)
                if running is None:
                    self._running[key] = threading.Event()
                    break
            running.wait()  # another thread computes it; then look again
        return self._compute(key, compute)

    def _compute(self, key: Hashable, compute: Callable[[], T]) -> T:
        try:
            value = compute()
            with self._lock:
                self._values[key] = value
                while len(self._values) > self.size:
                    self._values.popitem(last=False)
            return value
        finally:
            with self._lock:
                self._running.pop(key).set()

    def clear(self) -> None:
        with self._lock:
            self._values.clear()

    def __len__(self) -> int:
        return len(self._values)


class Recent(Generic[T]):
    """A value read again only when it is older than ``seconds`` (the current version's id:
    asked once a second by the whole process rather than several times by every page run)."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic):
        self.seconds, self._clock = seconds, clock
        self._values: dict[Hashable, tuple[float, T]] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, read: Callable[[], T]) -> T:
        now = self._clock()
        with self._lock:
            found = self._values.get(key)
        if found is not None and now - found[0] < self.seconds:
            return found[1]
        value = read()
        with self._lock:
            self._values[key] = (now, value)
        return value

    def forget(self, key: Hashable) -> None:
        """Read it afresh next time (after this process committed a new version)."""
        with self._lock:
            self._values.pop(key, None)
