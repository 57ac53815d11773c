"""Reading spreadsheets into the canonical frames, never raising.

>>> result = load_workbook("file.xlsx")   # a trusted file (the demo, a benchmark), in process
>>> result = load_untrusted(content, filename="upload.xlsx")   # an upload, in a guarded child
>>> result.ok, result.observations, result.villages, result.problems, result.mapping
"""

from readiness.ingest.loader import (
    MAPPING_COLUMNS,
    LoadResult,
    load_workbook,
    log,
    mapping_frame,
    sheet_context,
)
from readiness.ingest.sandbox import load_untrusted
from readiness.ingest.sources import Limits

__all__ = [
    "MAPPING_COLUMNS",
    "Limits",
    "LoadResult",
    "load_untrusted",
    "load_workbook",
    "log",
    "mapping_frame",
    "sheet_context",
]
