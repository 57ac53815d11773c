"""A file a page offers to download, as the page draws its button."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Download:
    label: str  # the button's words
    data: Callable[[], bytes]  # makes or reads the file, only when someone clicks
    name: str  # the file's name, safe to save
