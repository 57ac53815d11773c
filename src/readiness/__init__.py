"""Preschool coverage and school readiness, village by village and year by year.

The names below are handed on from ``readiness.ingest`` when first used, so that importing any
``readiness`` module does not load the spreadsheet reader (see the README's "Repository layout").
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from readiness.ingest import Limits, LoadResult, load_untrusted, load_workbook

__all__ = ["Limits", "LoadResult", "load_untrusted", "load_workbook"]


def __getattr__(name: str) -> object:
    if name in __all__:
        return getattr(importlib.import_module("readiness.ingest"), name)
    raise AttributeError(f"module 'readiness' has no attribute {name!r}")
