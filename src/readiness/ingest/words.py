"""The word catalogue (catalogue/words.toml): recognising header words and cell words in ky, ru, en.

Both sides are normalised before they are compared: case, spaces and punctuation do not matter,
ё is е, and the Kyrgyz letters ң ө ү match the н о у that legacy text writes in their place.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from readiness.model.text import normalise

CATALOGUE = Path(__file__).resolve().parent.parent / "catalogue" / "words.toml"

PERCENT_MARKS = ("%", "процент", "пайыз", "percent", "доля", "үлүш", "улуш")
FUZZY_RATIO = 86  # percent similarity accepted for a misspelt header


def header_keys(header: str) -> list[str]:
    """The forms a header is looked up by in the analysts' own words: the meaningful parts of a
    header of several rows ("Бакчага барат / 2" -> "бакчага барат": a column number or an empty
    part says nothing), joined, then each part alone."""
    parts = [normalise(p) for p in str(header).split(" / ")]
    meaningful = [p for p in dict.fromkeys(parts) if p and not p.replace(" ", "").isdigit()]
    joined = " ".join(meaningful)
    return list(dict.fromkeys([joined, *meaningful])) if joined else []


@dataclass(frozen=True)
class Words:
    """The catalogue, normalised: field -> words for headers, and kind -> words for cell values."""

    headers: dict[str, tuple[str, ...]]
    values: dict[str, frozenset[str]]
    first: dict[str, dict[str, str]]  # field -> language -> the word written in templates

    def value_kind(self, text: object) -> str | None:
        """Which cell-word kind ("girls", "total", "yes", ...) a cell holds, if any."""
        key = normalise(text)
        return next((kind for kind, words in self.values.items() if key in words), None)


@lru_cache(maxsize=1)
def words() -> Words:
    with CATALOGUE.open("rb") as handle:
        raw = tomllib.load(handle)
    headers = {
        field: tuple(sorted({normalise(w) for ws in langs.values() for w in ws}, key=len))
        for field, langs in raw["headers"].items()
    }
    values = {
        kind: frozenset(normalise(w) for ws in langs.values() for w in ws)
        for kind, langs in raw["values"].items()
    }
    first = {
        field: {lang: ws[0] for lang, ws in langs.items()}
        for section in ("headers", "values")
        for field, langs in raw[section].items()
    }
    return Words(headers, values, first)


def is_percent_header(text: object) -> bool:
    key = normalise(text)
    return any(mark in key for mark in PERCENT_MARKS)


@lru_cache(maxsize=1)
def _phrases() -> tuple[dict[str, tuple[int, str]], int]:
    """Every catalogue header word -> (the catalogue order of its field, the field), and the
    most words a catalogue phrase has."""
    found: dict[str, tuple[int, str]] = {}
    for order, (field, field_words) in enumerate(words().headers.items()):
        for word in field_words:
            found.setdefault(word, (order, field))
    return found, max((len(w.split()) for w in found), default=1)


@lru_cache(maxsize=16_384)
def match_header(text: object) -> tuple[str | None, float]:
    """The canonical field a header names, and how sure the match is (1.0 for an exact word).

    The field whose catalogue word is the longest one inside the header (as whole words) wins,
    the earlier field of the catalogue on a tie; when no word is inside it, a close spelling (a
    typo, a dropped letter) is accepted. Each run of words of the header is looked up once.
    """
    header = normalise(text)
    if not header:
        return None, 0.0
    phrases, longest = _phrases()
    tokens = header.split()
    best: tuple[int, int, str] | None = None
    for size in range(1, min(longest, len(tokens)) + 1):
        for start in range(len(tokens) - size + 1):
            phrase = " ".join(tokens[start : start + size])
            if phrase in phrases:
                order, field = phrases[phrase]
                candidate = (len(phrase), -order, field)
                best = candidate if best is None or candidate[:2] > best[:2] else best
    if best is not None:
        return best[2], 1.0
    return _closest(header)


@lru_cache(maxsize=1)
def _all_header_words() -> dict[str, str]:
    """Every catalogue header word of four letters or more -> its field."""
    return {w: f for f, ws in words().headers.items() for w in ws if len(w) >= 4}


def _closest(header: str) -> tuple[str | None, float]:
    found = process.extractOne(
        header, _all_header_words().keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_RATIO
    )
    return (_all_header_words()[found[0]], found[1] / 100) if found else (None, 0.0)


def nearest_headers(text: object, n: int = 3) -> list[str]:
    """Catalogue words closest to ``text``, to suggest in a message when nothing matched."""
    found = process.extract(
        normalise(text), _all_header_words().keys(), scorer=fuzz.ratio, limit=n, score_cutoff=60
    )
    return [word for word, _, _ in found]
