"""The History page's content: every version and how it is named, the original files, the header
words the analysts taught, and the versions a rollback can go back to."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pandas as pd
from babel.dates import format_date, format_time

from readiness import escape
from readiness.i18n import Translator
from readiness.model.places import Registry
from readiness.store import Version
from readiness.views.download import Download
from readiness.views.mapping import role_label
from readiness.views.upload import MODE_LABELS, change_summary, changes_table

TIME_ZONE = ZoneInfo("Asia/Bishkek")


def moment(when: dt.datetime, t: Translator) -> str:
    """A version's time in Bishkek time, in the locale's style."""
    local = when.astimezone(TIME_ZONE)
    day = format_date(local, "medium", locale=t.lang)
    return f"{day} {format_time(local, 'short', locale=t.lang)}"


def version_label(version: Version, t: Translator) -> str:
    """How a version is named in lists: its number, time and file or note."""
    what = version.filename or t(MODE_LABELS[version.mode])
    return t(
        "Version {id}: {time}, {what}", id=version.id, time=moment(version.created_at, t), what=what
    )


def versions_table(versions: list[Version], current_id: int, t: Translator) -> pd.DataFrame:
    """Every version, the newest first, with the current one marked and the analyst's note
    beside it (not past the right edge)."""

    def how(version: Version) -> str:
        text = t(MODE_LABELS[version.mode])
        if version.restored_from is not None:
            text += " " + t("(back to version {id})", id=version.restored_from)
        return text

    return pd.DataFrame(
        {
            t("Version"): [v.id for v in versions],
            t("Current"): ["✔" if v.id == current_id else "" for v in versions],
            t("Note"): [v.note for v in versions],
            t("Time"): [moment(v.created_at, t) for v in versions],
            t("Who"): [v.author for v in versions],
            t("How"): [how(v) for v in versions],
            t("File"): [v.filename or "" for v in versions],
            t("Rows"): [v.observation_rows for v in versions],
            t("Villages"): [v.village_rows for v in versions],
        }
    ).astype({t("Current"): "string", t("Note"): "string", t("File"): "string"})


def vocabulary_table(words: list, t: Translator) -> pd.DataFrame:
    """The analysts' header words (``store.vocabulary.Word``): as written, what it is read as,
    who taught it and when."""
    return pd.DataFrame(
        {
            t("Header in the file"): [w.written for w in words],
            t("Read as"): [role_label(w.field, t) for w in words],
            t("Who"): [w.added_by for w in words],
            t("Time"): [moment(w.added_at, t) for w in words],
        },
        dtype="string",
    )


def _content(original: Callable, version_id: int) -> bytes:
    return original(version_id).content


@dataclass(frozen=True)
class HistoryView:
    table: pd.DataFrame  # every version, the newest first
    current: int  # the current version
    ids: list[int]  # the newest first
    labels: dict[int, str]  # how each version is named in the boxes
    older: list[int]  # the versions a rollback can go back to: all but the current one
    downloads: dict[int, Download | None]  # each version's original file (None: it has none)

    def pair(self, made: tuple[int, int] | None, shown: dict[str, object]) -> dict[str, int]:
        """What to put in the two boxes (older, newer) that now show ``shown``: the pair a
        rollback just ``made`` (before it, and after it), else the two newest in a box that
        shows no version."""
        start = made or (self.ids[1], self.ids[0])
        return {
            key: value
            for (key, now), value in zip(shown.items(), start, strict=True)
            if made or now not in self.ids
        }


def history_view(store, t: Translator) -> HistoryView:
    """The History page for the versions in ``store`` (a ``Store``)."""
    versions, current_id = store.versions(), store.current_id()  # the newest first
    ids = [v.id for v in versions]
    downloads = {
        v.id: None
        if v.sha256 is None
        else Download(
            t("Download “{name}”", name=escape.markdown(v.filename)),
            functools.partial(_content, store.original, v.id),
            escape.filename(v.filename),
        )
        for v in versions
    }
    return HistoryView(
        versions_table(versions, current_id, t),
        current_id,
        ids,
        {v.id: version_label(v, t) for v in versions},
        [i for i in ids if i != current_id],
        downloads,
    )


@dataclass(frozen=True)
class Compared:
    summary: str
    table: pd.DataFrame | None  # None when nothing changed


def compared(found: pd.DataFrame, t: Translator, places: Registry) -> Compared:
    """What changed between two versions (``store.changes``), as the page shows it."""
    table = None if found.empty else changes_table(found, t, places)
    return Compared(change_summary(found, t), table)


@dataclass(frozen=True)
class WordsView:
    table: pd.DataFrame
    written: dict[str, str]  # each header (normalised) as the analyst wrote it


def words_view(words: list, t: Translator) -> WordsView | None:
    """The header words the analysts taught (None: none yet)."""
    if not words:
        return None
    return WordsView(vocabulary_table(words, t), {w.header: w.written for w in words})
