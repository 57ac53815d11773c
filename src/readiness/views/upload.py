"""The Upload page's content: the editable preview, what a commit would change, and what the page
says about them, all computed here so that the page stays thin."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field, replace

import pandas as pd

from readiness import LoadResult
from readiness.files.template import template_workbook
from readiness.i18n import N_, Translator
from readiness.ingest import load_untrusted
from readiness.ingest.assemble import Cells
from readiness.ingest.edits import Edit, apply_edits, edits_between
from readiness.ingest.recipe import Recipe
from readiness.model import schema as s
from readiness.model.labels import SEX_LABELS, field_label
from readiness.model.places import Registry
from readiness.model.problems import Code, Problem, error
from readiness.store import COMMIT_MODES, Committed, Mode, Upload
from readiness.store.changes import ADDED, CHANGED, REMOVED, changes
from readiness.store.merge import Combined, combine, merge_conflicts, same_data
from readiness.views.download import Download

UPLOAD_TYPES = ["xlsx", "xlsm", "xls", "ods", "csv", "txt"]

MODE_LABELS = {
    Mode.REPLACE_PAIRS: N_("Replace the villages and school years in this file, keep the rest"),
    Mode.REPLACE_YEARS: N_("Replace these school years entirely, for every village"),
    Mode.ADD_YEARS: N_("Add only new school years (refuse years already stored)"),
    Mode.REPLACE_ALL: N_("Replace all data with this file"),
    Mode.DEMO: N_("Demo data"),
    Mode.ROLLBACK: N_("Rollback"),
}

COUNT_COLUMN = {"min_value": 0, "max_value": s.COUNT_MAX, "step": 1, "format": "%d"}  # whole counts
UNREAD = N_(
    "No numbers could be read from this file. Say above where its table is, or correct the file "
    "and upload it again."
)
MOVED = N_(
    "Someone else saved new data while you were checking this file. What saving would change is "
    "worked out again below: look at it before you save."
)


def template(t: Translator) -> Download:
    """The blank template, in the language of the page."""
    return Download(
        t("Download the blank template (.xlsx)"),
        functools.partial(template_workbook, t.lang),
        t("template") + ".xlsx",
    )


def saved_note(version_id: int, t: Translator) -> str:
    return t("Saved as version {id}. Every page now shows the new numbers.", id=version_id)


def modes(t: Translator) -> dict[Mode, str]:
    """The ways to combine a file with the stored data, each with its words."""
    return {mode: t(MODE_LABELS[mode]) for mode in COMMIT_MODES}


@dataclass(frozen=True)
class Editor:
    """The table the analyst corrects: the rows, the columns that stay as read, and the counts."""

    frame: pd.DataFrame
    locked: list[str]
    counts: list[str]

    @property
    def options(self) -> dict:
        """How the page's table editor is set: the rows fixed, the columns as read locked, and
        a missing count an empty cell, as the caption says, never "None"."""
        return {"disabled": self.locked, "hide_index": True, "num_rows": "fixed", "placeholder": ""}


def editor(observations: pd.DataFrame, t: Translator, places: Registry) -> Editor:
    return Editor(
        editor_frame(observations, t, places),
        [field_label(t, c) for c in (s.VILLAGE, s.YEAR, s.SEX)],
        [field_label(t, c) for c in s.COUNTS],
    )


def editor_frame(observations: pd.DataFrame, t: Translator, places: Registry) -> pd.DataFrame:
    """The canonical rows as the analyst checks and corrects them: names in the language,
    counts as whole numbers (missing stays empty); the index is the row of the loaded data."""
    frame = pd.DataFrame(
        {
            field_label(t, s.VILLAGE): observations[s.VILLAGE].map(
                lambda key: places.village_name(key, t.lang)
            ),
            field_label(t, s.YEAR): observations[s.YEAR].map(t.school_year),
            field_label(t, s.SEX): observations[s.SEX].map(lambda sex: t(SEX_LABELS[sex])),
            **{field_label(t, c): observations[c].astype("Int64") for c in s.COUNTS},
        },
        index=observations.index,
    )
    return frame.astype({field_label(t, c): "string" for c in (s.VILLAGE, s.YEAR, s.SEX)})


def counts_from_editor(edited: pd.DataFrame, t: Translator) -> pd.DataFrame:
    """The canonical count columns of an edited preview."""
    names = {field_label(t, c): c for c in s.COUNTS}
    counts = edited[list(names)].rename(columns=names)
    return counts.apply(lambda column: pd.to_numeric(column, errors="coerce")).astype("Int64")


def _edit_record(edit: Edit, observations: pd.DataFrame, cells: Cells) -> dict:
    """A correction as it is kept with the version: where, which count, before and after."""
    row = observations.loc[edit.label]
    sheet, cell = cells(edit.label, edit.field)
    return {
        "village": str(row[s.VILLAGE]),
        "year": int(row[s.YEAR]),
        "sex": str(row[s.SEX]),
        "field": edit.field,
        "old": edit.old,
        "new": edit.new,
        "sheet": sheet,
        "cell": cell,
    }


@dataclass(frozen=True)
class SavePreview:
    """What saving would do, worked out before anything is stored: the rows added, removed or
    changed per village and school year, every stored row it would delete, the stored counts it
    would keep where the file leaves a cell empty, the village details it would change, and the
    problems that refuse it."""

    changes: pd.DataFrame | None
    removed: pd.DataFrame
    kept: int
    village_changes: pd.DataFrame
    problems: list[Problem]

    @property
    def refused(self) -> bool:
        return bool(self.problems)


def what_would_change(stored: LoadResult, checked: LoadResult, mode: Mode) -> SavePreview:
    """What a commit of ``checked`` in ``mode`` on top of ``stored`` would do."""
    merged, problems = combine(
        Combined(stored.observations, stored.villages),
        Combined(checked.observations, checked.villages, checked.given),
        mode,
    )
    if merged is None:
        return SavePreview(None, s.empty_observations(), 0, pd.DataFrame(), problems)
    before = Combined(stored.observations, stored.villages)
    # "nothing would change" is said only of a file read whole: with errors, rows are missing
    same = same_data(before, merged.data) and not checked.errors
    problems = [error(Code.NOTHING_CHANGES)] if same else []
    problems += merge_conflicts(merged)
    found = changes(stored.observations, merged.data.observations)
    return SavePreview(found, merged.removed, merged.kept, merged.village_changes, problems)


@dataclass
class Review:
    """One uploaded file under review: as read, as corrected, and what saving it would change.
    Each is worked out again only when what it depends on changes."""

    content: bytes
    filename: str
    loaded: LoadResult
    edits: list[Edit] = field(default_factory=list)
    checked: LoadResult | None = None
    vocabulary: dict[str, str] = field(default_factory=dict)  # the server's own header words
    recipe: Recipe | None = None  # the analyst's choices, or an earlier file's (``matched``)
    matched: bool = False  # read the way an earlier file of the same layout was read
    words: dict[str, tuple[str, str]] = field(default_factory=dict)  # headers to remember
    _changes_for: tuple | None = None
    _changes: SavePreview | None = None
    _shown_on: int | None = None  # the stored version the page last showed the changes against

    @classmethod
    def read(cls, content: bytes, filename: str, recipes=(), vocabulary=None) -> Review:
        """The uploaded file, read in a guarded child process (a hostile file gives a problem,
        never a crash of the server): with the recipe of an earlier file of the same layout, if
        there is one, and the server's own header words."""
        words = dict(vocabulary or {})
        loaded = load_untrusted(content, filename=filename, recipes=recipes, vocabulary=words)
        matched = loaded.recipe is not None
        return cls(
            content,
            filename,
            loaded,
            checked=loaded,
            vocabulary=words,
            recipe=loaded.recipe,
            matched=matched,
        )

    def remap(self, recipe: Recipe | None) -> Review:
        """The same file read again with the analyst's choices (None: as the loader guesses)."""
        loaded = load_untrusted(
            self.content, filename=self.filename, recipe=recipe, vocabulary=self.vocabulary
        )
        return Review(
            self.content,
            self.filename,
            loaded,
            checked=loaded,
            vocabulary=self.vocabulary,
            recipe=recipe,
            words=dict(self.words),
        )

    @classmethod
    def of(cls, content: bytes, filename: str, store) -> Review:
        """The uploaded file, read with what ``store`` (a ``Store``) remembers of earlier files."""
        return cls.read(content, filename, store.recipes(), store.vocabulary())

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    def correct(self, counts: pd.DataFrame) -> LoadResult:
        """The file with the preview's counts (``counts_from_editor``), checked again."""
        edits = edits_between(self.loaded.observations, self.loaded.observations.assign(**counts))
        if edits != self.edits:
            self.checked = apply_edits(self.loaded, edits) if edits else self.loaded
            self.edits = edits
        return self.checked

    def moved(self, stored_id: int) -> bool:
        """Whether another analyst saved since the page last showed what saving would change
        (then the page says so: the changes below are worked out again)."""
        moved = self._shown_on is not None and self._shown_on != stored_id
        self._shown_on = stored_id
        return moved

    def changes(self, stored: LoadResult, stored_id: int, mode: Mode) -> SavePreview:
        """What saving in ``mode`` on top of version ``stored_id`` would do."""
        key = (mode, stored_id, tuple(self.edits))
        if self._changes_for != key:
            self._changes = what_would_change(stored, self.checked, mode)
            self._changes_for = key
        return self._changes

    def save(self, store, mode: Mode, author: str, note: str, expected: int | None) -> Committed:
        """Stores the corrected file in ``store`` as a new version, if ``expected`` is current."""
        return store.commit(self.upload(), mode=mode, author=author, note=note, expected=expected)

    def upload(self) -> Upload:
        """What the store keeps: the original bytes, the corrected data, the corrections, how
        the columns were read (a recipe for this layout, when the analyst chose) and the header
        words to remember."""
        cells = Cells(self.loaded.provenance, self.loaded.sources)
        records = [_edit_record(e, self.loaded.observations, cells) for e in self.edits]
        kept = Upload.of(self.checked, self.content, self.filename, records)
        kept.words = dict(self.words)
        if self.recipe is not None and not self.recipe.empty:
            kept.recipe = replace(self.recipe, header_cells=self.loaded.header_cells)
        return kept


def review_status(checked: LoadResult, t: Translator) -> tuple[str, str]:
    """How the checked file stands, as ("error" | "warning" | "success", a sentence)."""
    if checked.errors:
        return "error", t.plural(
            "{n} error must be corrected before saving.",
            "{n} errors must be corrected before saving.",
            len(checked.errors),
        )
    if checked.warnings:
        return "warning", t.plural(
            "No errors. Read {n} warning before saving.",
            "No errors. Read {n} warnings before saving.",
            len(checked.warnings),
        )
    return "success", t("No problems found.")


def save_button(checked: LoadResult, preview: SavePreview, agreed: bool) -> tuple[bool, str]:
    """Whether saving is refused (errors, a refused merge, warnings or deletions not agreed to),
    and the button's kind: a save that deletes stored rows is not the page's primary action."""
    blocked = bool(checked.errors) or preview.refused or not agreed
    return blocked, "secondary" if len(preview.removed) else "primary"


def change_summary(found: pd.DataFrame, t: Translator) -> str:
    if found.empty:
        return t("Nothing would change: the numbers are the same as those stored.")
    return t.plural(
        "Rows added: {added}; removed: {removed}; changed: {changed}; in {n} village.",
        "Rows added: {added}; removed: {removed}; changed: {changed}; in {n} villages.",
        int(found[s.VILLAGE].nunique()),
        added=t.number(found[ADDED].sum()),
        removed=t.number(found[REMOVED].sum()),
        changed=t.number(found[CHANGED].sum()),
    )


def changes_table(found: pd.DataFrame, t: Translator, places: Registry) -> pd.DataFrame:
    """Per village and school year: rows added, removed or changed, and which counts changed."""
    return pd.DataFrame(
        {
            field_label(t, s.VILLAGE): found[s.VILLAGE].map(
                lambda key: places.village_name(key, t.lang)
            ),
            field_label(t, s.YEAR): found[s.YEAR].map(t.school_year),
            t("Rows added"): found[ADDED].astype("int64"),
            t("Rows removed"): found[REMOVED].astype("int64"),
            t("Rows changed"): found[CHANGED].astype("int64"),
            t("Counts changed"): found["fields"].map(
                lambda fields: ", ".join(field_label(t, f) for f in fields)
            ),
        }
    ).reset_index(drop=True)


def removed_table(removed: pd.DataFrame, t: Translator, places: Registry) -> pd.DataFrame:
    """Every stored row saving would delete: village, school year, sex and its counts."""
    return pd.DataFrame(
        {
            field_label(t, s.VILLAGE): removed[s.VILLAGE].map(
                lambda key: places.village_name(key, t.lang)
            ),
            field_label(t, s.YEAR): removed[s.YEAR].map(t.school_year),
            field_label(t, s.SEX): removed[s.SEX].map(lambda sex: t(SEX_LABELS[sex])),
            **{field_label(t, c): removed[c].astype("Int64") for c in s.COUNTS},
        }
    ).reset_index(drop=True)


def removal_warning(removed: pd.DataFrame, t: Translator) -> str:
    return t.plural(
        "Saving would delete {n} stored row that this file does not give. Read it below; it is "
        "deleted only if you tick the box.",
        "Saving would delete {n} stored rows that this file does not give. Read them below; they "
        "are deleted only if you tick the box.",
        len(removed),
    )


def removal_consent(removed: pd.DataFrame, t: Translator) -> str:
    return t.plural("Yes, delete this {n} row.", "Yes, delete these {n} rows.", len(removed))


def kept_note(kept: int, t: Translator) -> str | None:
    """Said when counts the file leaves empty keep their stored values."""
    if not kept:
        return None
    return t.plural(
        "{n} count that the file leaves empty keeps its stored value.",
        "{n} counts that the file leaves empty keep their stored values.",
        kept,
    )


def village_changes_table(found: pd.DataFrame, t: Translator, places: Registry) -> pd.DataFrame:
    """Each village detail saving would change: the village, what, the stored and the new."""
    return pd.DataFrame(
        {
            field_label(t, s.VILLAGE): [places.village_name(k, t.lang) for k in found[s.VILLAGE]],
            t("Detail"): [field_label(t, f) for f in found["field"]],
            t("Stored"): [
                _detail(f, v, t, places) for f, v in zip(found["field"], found["old"], strict=True)
            ],
            t("In this file"): [
                _detail(f, v, t, places) for f, v in zip(found["field"], found["new"], strict=True)
            ],
        },
        dtype="string",
    )


def _detail(name: str, value: object, t: Translator, places: Registry) -> str:
    if value is None or pd.isna(value):
        return "—"
    if name == s.IN_PROJECT:
        return t("Yes") if value else t("No")
    if name == s.PROJECT_START:
        return t.school_year(value)
    if name == s.MUNICIPALITY:
        return places.municipality_name(value, t.lang)
    return t.number(value, digits=4) if isinstance(value, float) else str(value)
