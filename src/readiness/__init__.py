"""Preschool coverage and school readiness, village by village and year by year."""

from readiness.ingest import Limits, LoadResult, load_untrusted, load_workbook

__all__ = ["Limits", "LoadResult", "load_untrusted", "load_workbook"]
